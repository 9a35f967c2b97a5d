import { apiRoutes, API_ROUTES, type RouteId } from '../../contracts/apiRoutes';
import { DEMO_COMPANY } from '../../local/app/demoInvoice';
import { createTestCa, issueA1Certificate, toPfx } from '../../local/certificates/testPki';
import { startE2eApp, type E2eApp } from './e2eApp';

const CNPJ = '11222333000181';
const body = { companyCnpj: CNPJ, municipalityCode: '3550308', total: '42.00', service: { code: '01.07', description: 'x', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };

type Answer = Awaited<ReturnType<E2eApp['call']>>;

describe('the route table, served by the local gateway and the handlers', () => {
  let e2e: E2eApp;
  let client: string;
  let ops: string;

  beforeAll(async () => {
    e2e = await startE2eApp();
    client = await e2e.token('routes-client', [CNPJ]);
    ops = await e2e.token('routes-ops', [CNPJ], 'ops');
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  async function tokenWith(principal: string, extra: Record<string, unknown>): Promise<string> {
    const response = await fetch(`${e2e.app.api.endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: principal, cnpjs: [CNPJ], ...extra }) });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  }

  it("answers every route of contracts/apiRoutes.ts through its handler, with one of the route's response contracts", async () => {
    const created = await e2e.call('POST', '/invoices', client, body);
    const invoiceId = String(created.body.invoiceId);
    const record = await e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);
    const executionArn = String(record.executionArn);
    await e2e.finishedHistory(executionArn);
    const arn = encodeURIComponent(executionArn);
    let runId = '';
    let keyId = '';
    let webhookId = '';
    let orderId = '';
    const sku = `ROUTES-${process.pid}-${Date.now()}`;
    // One request per route: a route added to the table without one here does not compile.
    const requests: Record<RouteId, () => Promise<Answer>> = {
      ping: () => e2e.call('GET', '/ping', undefined),
      emitInvoice: async () => created,
      listInvoices: () => e2e.call('GET', '/invoices?limit=5', client),
      getInvoice: () => e2e.call('GET', `/invoices/${invoiceId}?include=xmlUrl`, client),
      getInvoiceHistory: () => e2e.call('GET', `/invoices/${invoiceId}/history`, client),
      getRevenueReport: () => e2e.call('GET', `/reports/revenue?month=${String(record.createdAt).slice(0, 7)}`, client),
      getCaller: () => e2e.call('GET', '/me', client),
      listExecutions: () => e2e.call('GET', '/executions?limit=5', ops),
      getExecution: () => e2e.call('GET', `/executions/${arn}`, ops),
      redriveExecution: () => e2e.call('POST', `/ops/executions/${arn}/redrive`, ops),
      stopExecution: () => e2e.call('POST', `/ops/executions/${arn}/stop`, ops),
      reprocessInvoice: () => e2e.call('POST', `/ops/invoices/${invoiceId}/reprocess`, ops),
      listFailures: () => e2e.call('GET', '/ops/failures', ops),
      reprocessFailures: () => e2e.call('POST', '/ops/failures/reprocess', ops, { invoiceIds: [invoiceId] }),
      dismissFailure: () => e2e.call('POST', `/ops/failures/${invoiceId}/dismiss`, ops, { reason: 'not on the queue' }),
      correctInvoice: () => e2e.call('POST', `/ops/invoices/${invoiceId}/correct`, ops, { reason: 'an ISSUED invoice', changes: { total: '43.00' } }),
      listFailedExecutions: () => e2e.call('GET', '/ops/failed-executions', ops),
      redriveFailedExecutions: () => e2e.call('POST', '/ops/failed-executions/redrive', ops, { executions: [invoiceId] }),
      putCompany: () => e2e.call('PUT', `/companies/${CNPJ}`, ops, DEMO_COMPANY),
      getCompany: () => e2e.call('GET', `/companies/${CNPJ}`, client),
      patchCompany: () => e2e.call('PATCH', `/companies/${CNPJ}`, ops, { nomeFantasia: 'Renamed' }),
      listCompanies: () => e2e.call('GET', '/companies', client),
      putCompanyCertificate: () => e2e.call('PUT', `/companies/${CNPJ}/certificate`, ops, { pfxBase64: toPfx(issueA1Certificate(createTestCa(), { cnpj: CNPJ, razaoSocial: 'ROUTES LTDA' }), 'pw').toString('base64'), password: 'pw' }),
      getCompanyCertificate: () => e2e.call('GET', `/companies/${CNPJ}/certificate`, client),
      listMunicipalities: () => e2e.call('GET', '/municipalities', client),
      getMunicipality: () => e2e.call('GET', '/municipalities/3550308', client),
      startBillingRun: async () => {
        const started = await e2e.call('POST', '/billing/runs', ops, { competencia: '2026-01', empresaIds: ['1'] });
        runId = String(started.body.runId);
        return started;
      },
      listBillingRuns: () => e2e.call('GET', '/billing/runs', ops),
      getBillingRun: () => e2e.call('GET', `/billing/runs/${runId}`, ops),
      createApiKey: async () => {
        const answer = await e2e.call('POST', '/api-keys', ops, { name: 'routes-erp', plan: 'starter' });
        keyId = String(answer.body.id);
        return answer;
      },
      listApiKeys: () => e2e.call('GET', '/api-keys', ops),
      revokeApiKey: () => e2e.call('DELETE', `/api-keys/${keyId}`, ops),
      getUsage: () => e2e.call('GET', '/usage', client),
      createWebhook: async () => {
        const answer = await e2e.call('POST', '/webhooks', client, { companyCnpj: CNPJ, url: 'https://erp.example.com/webhooks/nfse', events: ['order.failed'] });
        webhookId = String(answer.body.id);
        return answer;
      },
      listWebhooks: () => e2e.call('GET', '/webhooks', client),
      rotateWebhookSecret: () => e2e.call('POST', `/webhooks/${webhookId}/rotate-secret`, client),
      listWebhookDeliveries: () => e2e.call('GET', `/webhooks/${webhookId}/deliveries`, client),
      // No event of its type was published: an unknown delivery.
      replayWebhookDelivery: () => e2e.call('POST', `/webhooks/deliveries/00000000-0000-4000-8000-000000000000_${webhookId}/replay`, client),
      deleteWebhook: () => e2e.call('DELETE', `/webhooks/${webhookId}`, client),
      putProduct: () => e2e.call('PUT', `/products/${sku}`, ops, { description: 'routes', quantity: 2 }),
      putProducts: () => e2e.call('PUT', '/products', ops, { products: [{ sku, description: 'routes', quantity: 3 }] }),
      getProduct: () => e2e.call('GET', `/products/${sku}`, client),
      createOrder: async () => {
        const answer = await e2e.call('POST', '/orders', client, { companyCnpj: CNPJ, customer: body.tomador, items: [{ sku, quantity: 1, unitPrice: '4.00' }] });
        orderId = String(answer.body.orderId);
        return answer;
      },
      listOrders: () => e2e.call('GET', '/orders?limit=5', client),
      getOrder: () => e2e.call('GET', `/orders/${orderId}`, client),
      // Last: it moves the invoice on.
      cancelInvoice: () => e2e.call('POST', `/invoices/${invoiceId}/cancel`, client, { reasonCode: 1 }),
      // After the cancellation: a CANCELLING invoice is not substituted (the refusal in the contract's shape).
      substituteInvoice: () => e2e.call('POST', `/invoices/${invoiceId}/substitute`, client, { total: '41.00', service: body.service, tomador: body.tomador, reasonCode: 1 }),
    };

    const answered: Array<{ route: RouteId; status: number; contract: string }> = [];
    for (const route of Object.keys(requests) as RouteId[]) {
      const answer = await requests[route]();
      const schema = (API_ROUTES[route].responses as Record<number, { safeParse(value: unknown): { success: boolean; error?: unknown } } | undefined>)[answer.status];
      const parsed = schema?.safeParse(answer.body);
      answered.push({ route, status: answer.status, contract: schema === undefined ? 'no contract for this status' : parsed?.success === true ? 'kept' : `broken: ${JSON.stringify(parsed?.error)}` });
    }

    expect(answered).toEqual([
      { route: 'ping', status: 200, contract: 'kept' },
      { route: 'emitInvoice', status: 201, contract: 'kept' },
      { route: 'listInvoices', status: 200, contract: 'kept' },
      { route: 'getInvoice', status: 200, contract: 'kept' },
      { route: 'getInvoiceHistory', status: 200, contract: 'kept' },
      { route: 'getRevenueReport', status: 200, contract: 'kept' },
      { route: 'getCaller', status: 200, contract: 'kept' },
      { route: 'listExecutions', status: 200, contract: 'kept' },
      { route: 'getExecution', status: 200, contract: 'kept' },
      // A succeeded execution has nothing to redrive or stop; an ISSUED invoice nothing to reprocess.
      { route: 'redriveExecution', status: 409, contract: 'kept' },
      { route: 'stopExecution', status: 409, contract: 'kept' },
      { route: 'reprocessInvoice', status: 409, contract: 'kept' },
      { route: 'listFailures', status: 200, contract: 'kept' },
      { route: 'reprocessFailures', status: 200, contract: 'kept' },
      // Not on the failures queue; not FAILED; nothing to redrive (each a refusal in the contract's shape).
      { route: 'dismissFailure', status: 404, contract: 'kept' },
      { route: 'correctInvoice', status: 409, contract: 'kept' },
      { route: 'listFailedExecutions', status: 200, contract: 'kept' },
      { route: 'redriveFailedExecutions', status: 200, contract: 'kept' },
      // The tokens' CNPJ has its record already (as after an onboarding): the PUT replaces it.
      { route: 'putCompany', status: 200, contract: 'kept' },
      { route: 'getCompany', status: 200, contract: 'kept' },
      { route: 'patchCompany', status: 200, contract: 'kept' },
      { route: 'listCompanies', status: 200, contract: 'kept' },
      // 200: it replaces the certificate the company was onboarded with (e2e.token seeds one).
      { route: 'putCompanyCertificate', status: 200, contract: 'kept' },
      { route: 'getCompanyCertificate', status: 200, contract: 'kept' },
      { route: 'listMunicipalities', status: 200, contract: 'kept' },
      { route: 'getMunicipality', status: 200, contract: 'kept' },
      { route: 'startBillingRun', status: 202, contract: 'kept' },
      { route: 'listBillingRuns', status: 200, contract: 'kept' },
      { route: 'getBillingRun', status: 200, contract: 'kept' },
      { route: 'createApiKey', status: 201, contract: 'kept' },
      { route: 'listApiKeys', status: 200, contract: 'kept' },
      { route: 'revokeApiKey', status: 200, contract: 'kept' },
      { route: 'getUsage', status: 200, contract: 'kept' },
      { route: 'createWebhook', status: 201, contract: 'kept' },
      { route: 'listWebhooks', status: 200, contract: 'kept' },
      { route: 'rotateWebhookSecret', status: 200, contract: 'kept' },
      { route: 'listWebhookDeliveries', status: 200, contract: 'kept' },
      { route: 'replayWebhookDelivery', status: 404, contract: 'kept' },
      { route: 'deleteWebhook', status: 200, contract: 'kept' },
      { route: 'putProduct', status: 200, contract: 'kept' },
      { route: 'putProducts', status: 200, contract: 'kept' },
      { route: 'getProduct', status: 200, contract: 'kept' },
      { route: 'createOrder', status: 201, contract: 'kept' },
      { route: 'listOrders', status: 200, contract: 'kept' },
      { route: 'getOrder', status: 200, contract: 'kept' },
      { route: 'cancelInvoice', status: 202, contract: 'kept' },
      { route: 'substituteInvoice', status: 409, contract: 'kept' },
    ]);
    expect(answered.map((answer) => answer.route).sort()).toEqual(apiRoutes().map((route) => route.id).sort());
  });

  it('answers 404 NotFound for a path or a method the table does not have, as API Gateway does', async () => {
    const unknown = await e2e.call('GET', '/nope', ops);
    const wrongMethod = await e2e.call('DELETE', '/invoices', ops);
    const formerProxy = await e2e.call('POST', '/ops/adapters/scale', ops, { desired: 3 });

    expect([unknown.status, wrongMethod.status, formerProxy.status]).toEqual([404, 404, 404]);
    expect(unknown.body).toMatchObject({ code: 'NotFound', message: 'No route for GET /nope' });
    expect(formerProxy.body).toMatchObject({ code: 'NotFound', message: 'No route for POST /ops/adapters/scale' });
  });

  it("stops a token without one of the route's scopes at the gateway, as the Cognito authorizer does", async () => {
    const readOnly = await tokenWith('routes-read-only', { scopes: ['invoices.read'] });
    const machine = await tokenWith('routes-machine', { machine: true, role: 'ops' });

    expect((await e2e.call('GET', '/invoices?limit=1', readOnly)).status).toBe(200);
    expect((await e2e.call('GET', '/municipalities', readOnly)).status).toBe(200);
    expect(await e2e.call('POST', '/invoices', readOnly, body)).toMatchObject({ status: 401, body: { code: 'Unauthorized' } });
    expect((await e2e.call('GET', '/executions?limit=1', machine)).status).toBe(200);
    expect(await e2e.call('GET', '/ops/failures', machine)).toMatchObject({ status: 401, body: { code: 'Unauthorized' } });
  });

  it('refuses to sign a machine client the ops scope', async () => {
    const response = await fetch(`${e2e.app.api.endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'routes-machine-2', cnpjs: [CNPJ], machine: true, scopes: ['ops'] }) });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'ValidationFailed', errors: [{ field: 'scopes', message: 'a machine client may be given invoices.read, invoices.write only' }] });
  });
});
