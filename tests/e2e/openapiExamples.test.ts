import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { eventually } from '../harness/eventually';
import { API_ROUTES, apiRoutes, type RouteId } from '../../contracts/apiRoutes';
import type { ExampleRequest } from '../../contracts/routeExamples';
import { createTestCa, issueA1Certificate, toPfx } from '../../local/certificates/testPki';
import { version } from '../../package.json';
import { buildOpenApiDocument } from '../../openapi/buildOpenApiDocument';
import { documentValidator, type DocumentSchema } from '../openapi/documentValidator';
import { executionEnded } from '../harness/executionEnded';
import { startE2eApp, type E2eApp } from './e2eApp';
import { startWebhookReceiver, type WebhookReceiver } from './webhookReceiver';

/**
 * Docs and behaviour cannot drift: every route's documented request example goes to the local
 * API, and so does a request provoking each documented error; each answer must have the
 * documented status, pass the document's schema for it (Ajv, not our zod), carry the documented
 * headers and, for an error, the example's `code`.
 */
const CNPJ = '11222333000181';
/** A company no token here is granted, with a record (a 404 for others) or without one (a 422 on emit). */
const OTHER_CNPJ = '11444777000161';
const UNREGISTERED_CNPJ = '45723174000110';
/** A company PUT creates. */
const NEW_CNPJ = '12345678000195';

type Answer = { readonly status: number; readonly body: unknown; readonly headers: Headers };
type Operation = { responses: Record<string, { headers?: Record<string, unknown>; content: { 'application/json': { schema: DocumentSchema; example: unknown } } }> };

/**
 * A request: the route's example, with what a case changes (path, query and body values; the
 * headers as a whole); `token: null` sends none.
 */
interface Send extends ExampleRequest {
  readonly token?: string | null;
  readonly apiKey?: string;
  /** Sent as is, instead of the JSON of `body`. */
  readonly rawBody?: string;
  readonly contentType?: string;
}

const document = buildOpenApiDocument({ version });
const operations = document.paths as Record<string, Record<string, Operation>>;
const check = documentValidator(document);

/**
 * Documented answers one local app cannot be brought to give, each with the test that provokes
 * it instead (its example still passes its schema: tests/contracts/openapi.test.ts).
 */
const NOT_PROVOKED_HERE: Readonly<Record<string, string>> = {
  'cancelInvoice 422': "the invoice's municipality left the registry after it was issued: tests/tasks/cancel/cancelInvoice.test.ts",
};

describe('every documented example, sent to the local API', () => {
  let e2e: E2eApp;
  let receiver: WebhookReceiver;
  let client: string;
  let ops: string;
  /** The usage plan's clock: each request but a throttling case first refills the bucket. */
  let now = 0;

  beforeAll(async () => {
    e2e = await startE2eApp({ usagePlan: { ratePerSecond: 1, burst: 2, now: () => now } });
    receiver = await startWebhookReceiver();
    // A token seeds its companies' certificates through the API (with the key, so throttled): a refilled bucket each.
    const refilled = <T>(next: () => Promise<T>): Promise<T> => ((now += 3_600_000), next());
    client = await refilled(() => e2e.token('examples-client', [CNPJ]));
    ops = await refilled(() => e2e.token('examples-ops', [CNPJ], 'ops'));
    await refilled(() => e2e.token('examples-other', [OTHER_CNPJ]));
  }, 60_000);

  afterAll(async () => {
    e2e.app.mock.knobs.set({ latencyMs: 0 });
    await e2e.stop();
    await receiver.stop();
  });

  /** The route's own token: its clients', else ops'. */
  function tokenFor(id: RouteId): string | undefined {
    const { auth } = API_ROUTES[id];
    if (auth.kind === 'public') return undefined;
    return (auth.roles as readonly string[]).includes('client') ? client : ops;
  }

  async function send(id: RouteId, change: Send = {}, refill = true): Promise<Answer> {
    if (refill) now += 3_600_000;
    const route = API_ROUTES[id];
    const request: ExampleRequest = 'request' in route.examples ? route.examples.request : {};
    const pathValues = { ...request.path, ...change.path };
    const urlPath = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathValues[name] ?? ''));
    const query = new URLSearchParams({ ...request.query, ...change.query }).toString();
    const body = change.rawBody ?? (change.body !== undefined ? JSON.stringify(change.body) : request.body !== undefined ? JSON.stringify(request.body) : undefined);
    const token = change.token === null ? undefined : (change.token ?? tokenFor(id));
    const response = await fetch(`${e2e.app.api.endpoint}${urlPath}${query === '' ? '' : `?${query}`}`, {
      method: route.method,
      headers: {
        'x-api-key': change.apiKey ?? e2e.app.apiKey,
        ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': change.contentType ?? 'application/json' } : {}),
        ...(change.headers ?? request.headers),
      },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown), headers: response.headers };
  }

  /** What the answer breaks of the document: its status, schema, headers, the error example's code. */
  function drift(id: RouteId, expected: number, answer: Answer): string[] {
    const route = API_ROUTES[id];
    const documented = operations[route.path]?.[route.method.toLowerCase()]?.responses[String(answer.status)];
    if (answer.status !== expected || documented === undefined) return [`answered ${answer.status} ${JSON.stringify(answer.body)}`];
    const problems = check(documented.content['application/json'].schema, answer.body).map((error) => `body: ${error}`);
    for (const header of Object.keys(documented.headers ?? {})) if (answer.headers.get(header) === null) problems.push(`no ${header} header`);
    if (answer.status < 400) return problems;
    const example = documented.content['application/json'].example as { code?: string; errors?: Array<{ field: string; message: string }> };
    const body = answer.body as typeof example;
    if (body.code !== example.code) problems.push(`code ${String(body.code)}, documented ${String(example.code)}`);
    // A 400 names the same fields with the same words as its example; a 422 the same fields (its words name the company).
    const fields = (errors: typeof example.errors): unknown => (answer.status === 400 ? errors : errors?.map((error) => error.field));
    if (JSON.stringify(fields(body.errors)) !== JSON.stringify(fields(example.errors))) problems.push(`errors ${JSON.stringify(body.errors)}, documented ${JSON.stringify(example.errors)}`);
    return problems;
  }

  const results: Array<{ route: RouteId; status: number; drift: string[] }> = [];
  async function expectDocumented(id: RouteId, status: number, answer: Answer | Promise<Answer>): Promise<Answer> {
    const settled = await answer;
    results.push({ route: id, status, drift: drift(id, status, settled) });
    return settled;
  }

  it('answers each route’s request example with its documented success, and each documented error a request can provoke as documented', async () => {
    // The example's endpoint, on a receiver here: the invoice's events are delivered to it.
    const webhookBody = { ...API_ROUTES.createWebhook.examples.request.body, url: receiver.url };
    const webhook = await expectDocumented('createWebhook', 201, send('createWebhook', { body: webhookBody }));
    const webhookPath = { path: { id: String((webhook.body as { id: string }).id) } };
    const emitted = await expectDocumented('emitInvoice', 201, send('emitInvoice'));
    const invoiceId = String((emitted.body as { invoiceId: string }).invoiceId);
    const issued = await e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);
    const executionArn = String(issued.executionArn);
    await e2e.finishedHistory(executionArn);
    const byId = { path: { id: invoiceId } };
    const byArn = { path: { arn: executionArn } };

    await expectDocumented('ping', 200, send('ping'));
    await expectDocumented('getInvoice', 200, send('getInvoice', byId));
    await expectDocumented('getInvoiceHistory', 200, send('getInvoiceHistory', byId));
    await expectDocumented('listInvoices', 200, send('listInvoices'));
    await expectDocumented('getRevenueReport', 200, send('getRevenueReport', { query: { month: String(issued.createdAt).slice(0, 7) } }));
    await expectDocumented('getCaller', 200, send('getCaller'));
    await expectDocumented('listMunicipalities', 200, send('listMunicipalities'));
    await expectDocumented('getMunicipality', 200, send('getMunicipality'));
    await expectDocumented('listExecutions', 200, send('listExecutions'));
    await expectDocumented('getExecution', 200, send('getExecution', byArn));
    await expectDocumented('listCompanies', 200, send('listCompanies'));
    const company = await expectDocumented('getCompany', 200, send('getCompany'));
    const etag = company.headers.get('etag') ?? '';
    const put = await expectDocumented('putCompany', 200, send('putCompany', { headers: { 'If-Match': etag } }));
    await expectDocumented('patchCompany', 200, send('patchCompany', { headers: { 'If-Match': put.headers.get('etag') ?? '' } }));
    await expectDocumented('putCompany', 201, send('putCompany', { path: { cnpj: NEW_CNPJ }, headers: {} }));
    // The company just created has no certificate yet (the examples' own was seeded with its token).
    const fresh = { cnpj: NEW_CNPJ };
    // Ops, whose grant reaches it (a client's names only CNPJ).
    const asOps = { path: fresh, token: ops };
    const ca = createTestCa();
    const pfx = (password: string): string => toPfx(issueA1Certificate(ca, { cnpj: NEW_CNPJ, razaoSocial: 'EXAMPLES LTDA' }), password).toString('base64');
    await expectDocumented('getCompanyCertificate', 404, send('getCompanyCertificate', asOps));
    await expectDocumented('putCompanyCertificate', 201, send('putCompanyCertificate', { ...asOps, body: { pfxBase64: pfx('pw'), password: 'pw' } }));
    await expectDocumented('putCompanyCertificate', 200, send('putCompanyCertificate', { ...asOps, body: { pfxBase64: pfx('pw2'), password: 'pw2' } }));
    await expectDocumented('getCompanyCertificate', 200, send('getCompanyCertificate', asOps));

    // A key for a client application, listed, and another one revoked; the usage of the calling (CLI's) key.
    await expectDocumented('createApiKey', 201, send('createApiKey'));
    const revoked = await send('createApiKey', { body: { name: 'examples-revoked', plan: 'starter' } });
    await expectDocumented('listApiKeys', 200, send('listApiKeys'));
    await expectDocumented('revokeApiKey', 200, send('revokeApiKey', { path: { id: String((revoked.body as { id: string }).id) } }));
    await expectDocumented('getUsage', 200, send('getUsage'));
    await expectDocumented('listWebhooks', 200, send('listWebhooks'));
    await expectDocumented('rotateWebhookSecret', 200, send('rotateWebhookSecret', webhookPath));
    await eventually('the invoice.issued delivery', async () => (await send('listWebhookDeliveries', webhookPath)).body as { items: Array<{ id: string; status: string }> }, (body) => body.items[0]?.status === 'delivered', { timeoutMs: 20_000, intervalMs: 200 });
    const deliveries = await expectDocumented('listWebhookDeliveries', 200, send('listWebhookDeliveries', webhookPath));
    const deliveryId = (deliveries.body as { items: Array<{ id: string }> }).items[0]?.id ?? '';
    await expectDocumented('replayWebhookDelivery', 202, send('replayWebhookDelivery', { path: { id: deliveryId } }));
    await expectDocumented('deleteWebhook', 200, send('deleteWebhook', webhookPath));
    // The company's ten endpoints (for events nobody publishes yet), so that an eleventh is refused.
    const orders = { ...webhookBody, events: ['order.failed'] };
    for (let i = 0; i < 10; i++) expect((await send('createWebhook', { body: orders })).status).toBe(201);

    // A rejection by the city: a FAILED invoice on the failures queue, for ops to reprocess.
    e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['GerarNfse'] });
    const rejected = await send('emitInvoice', { headers: { 'Idempotency-Key': 'examples-rejected' } });
    const failedId = String((rejected.body as { invoiceId: string }).invoiceId);
    await e2e.waitForStatus(failedId, ['FAILED'], 30_000);
    await expectDocumented('listFailures', 200, send('listFailures'));
    await expectDocumented('cancelInvoice', 409, send('cancelInvoice', { path: { id: failedId }, headers: { 'Idempotency-Key': 'examples-cancel-failed' } }));
    await expectDocumented('reprocessInvoice', 202, send('reprocessInvoice', { path: { id: failedId } }));
    await expectDocumented('reprocessFailures', 200, send('reprocessFailures'));

    // Two more refusals by the city: one corrected and re-emitted under a new RPS, one dismissed
    // (once the reprocessed invoice's call is over, so the refusals go to these two).
    await e2e.waitForStatus(failedId, ['ISSUED'], 30_000);
    const refusedIds: string[] = [];
    for (const key of ['examples-to-correct', 'examples-to-dismiss']) {
      e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['GerarNfse'] });
      const refused = await send('emitInvoice', { headers: { 'Idempotency-Key': key } });
      const refusedId = String((refused.body as { invoiceId: string }).invoiceId);
      await e2e.waitForStatus(refusedId, ['FAILED'], 30_000);
      refusedIds.push(refusedId);
    }
    const [toCorrect = '', toDismiss = ''] = refusedIds;
    await expectDocumented('correctInvoice', 202, send('correctInvoice', { path: { id: toCorrect } }));
    await eventually('the refusal to dismiss on the failures queue', async () => JSON.stringify((await send('listFailures')).body), (text) => text.includes(toDismiss));
    await expectDocumented('dismissFailure', 200, send('dismissFailure', { path: { id: toDismiss } }));
    await expectDocumented('listFailedExecutions', 200, send('listFailedExecutions'));
    await expectDocumented('redriveFailedExecutions', 200, send('redriveFailedExecutions'));

    // The conflicts of a finished execution and an ISSUED invoice, then its cancellation.
    await expectDocumented('redriveExecution', 409, send('redriveExecution', byArn));
    await expectDocumented('stopExecution', 409, send('stopExecution', byArn));
    await expectDocumented('reprocessInvoice', 409, send('reprocessInvoice', byId));
    await expectDocumented('cancelInvoice', 202, send('cancelInvoice', byId));
    // The invoice being cancelled is not ISSUED; an ISSUED São Paulo one is substituted (SubstituirNfse).
    await expectDocumented('substituteInvoice', 409, send('substituteInvoice', { ...byId, headers: { 'Idempotency-Key': 'examples-substitute-cancelled' } }));
    const toSubstitute = String(((await send('emitInvoice', { headers: { 'Idempotency-Key': 'examples-to-substitute' } })).body as { invoiceId: string }).invoiceId);
    const issuedToSubstitute = await e2e.waitForStatus(toSubstitute, ['ISSUED'], 30_000);
    // The same invoice as Belo Horizonte (an ABRASF city that does not substitute) would hold it: the company issues there through no route here.
    const inBeloHorizonte = '01JQ8Z6T3XK4M9V2B7C5D1E0BH';
    await e2e.ddb.send(new PutCommand({ TableName: e2e.app.names.invoicesTable, Item: { ...issuedToSubstitute, invoiceId: inBeloHorizonte, municipalityCode: '3106200' } }));
    await expectDocumented('substituteInvoice', 422, send('substituteInvoice', { path: { id: inBeloHorizonte }, headers: { 'Idempotency-Key': 'examples-substitute-bh' } }));
    await expectDocumented('substituteInvoice', 202, send('substituteInvoice', { path: { id: toSubstitute }, headers: { 'Idempotency-Key': 'examples-substitute-sp' } }));

    // A city slow enough to find the execution running: stop it, then redrive what was stopped.
    e2e.app.mock.knobs.set({ latencyMs: 10_000 });
    const slow = await send('emitInvoice', { headers: { 'Idempotency-Key': 'examples-slow' } });
    const slowId = String((slow.body as { invoiceId: string }).invoiceId);
    const running = await e2e.waitForStatus(slowId, ['PROCESSING'], 30_000);
    await expectDocumented('stopExecution', 202, send('stopExecution', { path: { arn: String(running.executionArn) } }));
    await expectDocumented('redriveExecution', 202, send('redriveExecution', { path: { arn: String(running.executionArn) } }));
    e2e.app.mock.knobs.set({ latencyMs: 0 });

    // The stock the order example takes from, then the order, read back once its saga has ended.
    await expectDocumented('putProducts', 200, send('putProducts'));
    await expectDocumented('putProduct', 200, send('putProduct'));
    await expectDocumented('getProduct', 200, send('getProduct'));
    const ordered = await expectDocumented('createOrder', 201, send('createOrder'));
    const orderId = String((ordered.body as { orderId: string }).orderId);
    await executionEnded(e2e.sfn, `${e2e.app.names.env.ORDER_SAGA_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${orderId}`, { timeoutMs: 60_000 });
    await expectDocumented('getOrder', 200, send('getOrder', { path: { id: orderId } }));
    await expectDocumented('listOrders', 200, send('listOrders'));

    // A billing run of one company, followed to its end; then one the ERP keeps busy, for the 409.
    const run = await expectDocumented('startBillingRun', 202, send('startBillingRun'));
    const started = run.body as { runId: string; executionArn: string };
    await executionEnded(e2e.sfn, started.executionArn, { timeoutMs: 60_000 });
    await expectDocumented('listBillingRuns', 200, send('listBillingRuns'));
    await expectDocumented('getBillingRun', 200, send('getBillingRun', { path: { id: started.runId } }));
    // A slow usage platform keeps the next run in its first state (the month is closed, so it never reaches the ERP).
    e2e.app.billingMocks.usage.setKnobs({ latencyMs: 10_000 });
    // Two starts at once: one starts the run, the other meets it (running, or its name taken) and answers 409.
    const pair = await Promise.all([send('startBillingRun'), send('startBillingRun', {}, false)]);
    const [conflict, busy] = pair[0].status === 409 ? [pair[0], pair[1]] : [pair[1], pair[0]];
    await expectDocumented('startBillingRun', 409, conflict);
    e2e.app.billingMocks.usage.setKnobs({ latencyMs: 0 });
    await executionEnded(e2e.sfn, (busy.body as { executionArn: string }).executionArn, { timeoutMs: 60_000 });

    // The errors each route documents and a request can provoke.
    const unknown = { id: '01JQ8Z6T3XK4M9V2B7C5D1E0ZZ', arn: `${executionArn.slice(0, executionArn.lastIndexOf(':'))}:01JQ8Z6T3XK4M9V2B7C5D1E0ZZ` };
    const admin = await e2e.token('examples-admin', [CNPJ], 'admin', { certificates: false });
    const provoke: Record<RouteId, Partial<Record<number, Send>>> = {
      ping: {},
      emitInvoice: {
        400: { body: { ...(API_ROUTES.emitInvoice.examples.request.body), total: '1,50' }, headers: { 'Idempotency-Key': 'examples-400' } },
        // The documented key again, with another body.
        409: { body: { ...(API_ROUTES.emitInvoice.examples.request.body), total: '151.00' } },
        422: { body: { ...(API_ROUTES.emitInvoice.examples.request.body), companyCnpj: UNREGISTERED_CNPJ }, headers: { 'Idempotency-Key': 'examples-422' }, token: await e2e.token('examples-unregistered', [UNREGISTERED_CNPJ], 'client', { companies: false }) },
      },
      listInvoices: { 400: { query: { limit: '500' } } },
      getInvoice: { 400: { path: { id: 'not-a-ulid' } }, 404: { path: { id: unknown.id } } },
      getInvoiceHistory: { 400: { path: { id: 'not-a-ulid' } }, 404: { path: { id: unknown.id } } },
      cancelInvoice: { 400: { path: byId.path, body: { reasonCode: 9 } }, 404: { path: { id: unknown.id } } },
      substituteInvoice: { 400: { path: byId.path, body: { ...API_ROUTES.substituteInvoice.examples.request.body, reasonCode: 9 }, headers: { 'Idempotency-Key': 'examples-substitute-400' } }, 404: { path: { id: unknown.id }, headers: {} } },
      getRevenueReport: { 400: { query: { month: '2026-13' } } },
      getCaller: {},
      listExecutions: { 400: { query: { workflow: 'billing' } } },
      getExecution: { 400: { path: { arn: 'not-an-arn' } }, 404: { path: { arn: unknown.arn } } },
      redriveExecution: { 400: { path: { arn: 'not-an-arn' } }, 404: { path: { arn: unknown.arn } } },
      stopExecution: { 400: { path: { arn: 'not-an-arn' } }, 404: { path: { arn: unknown.arn } } },
      reprocessInvoice: { 400: { path: { id: 'not-a-ulid' } }, 404: { path: { id: unknown.id } } },
      listFailures: {},
      reprocessFailures: { 400: { body: { invoiceIds: 'all' } } },
      listCompanies: { 400: { query: { limit: 'many' } } },
      getCompany: { 400: { path: { cnpj: '11222333000180' } }, 404: { path: { cnpj: OTHER_CNPJ } } },
      putCompany: { 400: { body: { ...API_ROUTES.putCompany.examples.request.body, contactEmail: 'fiscal' } }, 404: { path: { cnpj: OTHER_CNPJ }, token: admin }, 412: { headers: { 'If-Match': '"999"' } } },
      patchCompany: { 400: { body: { razaoSocial: null } }, 404: { path: { cnpj: OTHER_CNPJ }, token: admin }, 412: { headers: { 'If-Match': '"999"' } } },
      putCompanyCertificate: { 400: { body: { pfxBase64: 'not base64!', password: 'pw' } }, 404: { path: { cnpj: OTHER_CNPJ }, token: admin }, 422: { body: { pfxBase64: pfx('pw'), password: 'wrong' } } },
      getCompanyCertificate: { 400: { path: { cnpj: '11222333000180' } }, 404: { path: { cnpj: OTHER_CNPJ } } },
      correctInvoice: {
        400: { path: { id: toDismiss }, body: { reason: '', changes: { total: '10.00' } } },
        404: { path: { id: unknown.id } },
        409: { path: byId.path },
        422: { path: { id: toDismiss }, body: { reason: 'another city', changes: { municipalityCode: '1234567' } } },
      },
      dismissFailure: { 400: { path: { id: toDismiss }, body: { reason: '' } }, 404: { path: { id: unknown.id } } },
      listFailedExecutions: {},
      redriveFailedExecutions: { 400: { body: { executions: [] } } },
      listMunicipalities: {},
      getMunicipality: { 400: { path: { code: '35503' } }, 404: { path: { code: '1234567' } } },
      startBillingRun: { 400: { body: { competencia: '2024-13' } } },
      listBillingRuns: { 400: { query: { limit: '500' } } },
      getBillingRun: { 400: { path: { id: 'not a run!' } }, 404: { path: { id: 'manual-2099-01-zzzz' } } },
      // The example's key exists (created above): its name again is taken.
      createApiKey: { 400: { body: { ...API_ROUTES.createApiKey.examples.request.body, plan: 'platform' } }, 409: {} },
      listApiKeys: {},
      revokeApiKey: { 400: { path: { id: 'not-a-key!' } }, 404: { path: { id: 'k7q2m9x4zz' } } },
      getUsage: {},
      createWebhook: { 400: { body: { ...webhookBody, events: ['invoice.paid'] } }, 409: { body: orders } },
      listWebhooks: { 400: { query: { companyCnpj: '123' } } },
      deleteWebhook: { 400: { path: { id: 'not-a-ulid' } }, 404: { path: { id: unknown.id } } },
      rotateWebhookSecret: { 400: { path: { id: 'not-a-ulid' } }, 404: { path: { id: unknown.id } } },
      listWebhookDeliveries: { 400: { path: { id: 'not-a-ulid' } }, 404: { path: { id: unknown.id } } },
      getProduct: { 400: { path: { sku: 'not a sku!' } }, 404: { path: { sku: 'NO-SUCH-SKU' } } },
      putProduct: { 400: { body: { description: 'Caneta esferográfica azul', quantity: -1 } } },
      putProducts: { 400: { body: { products: [API_ROUTES.putProducts.examples.request.body.products[0], API_ROUTES.putProducts.examples.request.body.products[0]] } } },
      createOrder: {
        400: { body: { ...API_ROUTES.createOrder.examples.request.body, items: [API_ROUTES.createOrder.examples.request.body.items[0], API_ROUTES.createOrder.examples.request.body.items[0]] }, headers: { 'Idempotency-Key': 'examples-order-400' } },
        // The documented key again, with another body.
        409: { body: { ...API_ROUTES.createOrder.examples.request.body, items: [API_ROUTES.createOrder.examples.request.body.items[1]] } },
        422: { body: { ...API_ROUTES.createOrder.examples.request.body, companyCnpj: UNREGISTERED_CNPJ }, headers: { 'Idempotency-Key': 'examples-order-422' }, token: await e2e.token('examples-order-unregistered', [UNREGISTERED_CNPJ], 'client', { companies: false }) },
      },
      listOrders: { 400: { query: { limit: '500' } } },
      getOrder: { 400: { path: { id: 'not-a-ulid' } }, 404: { path: { id: unknown.id } } },
      replayWebhookDelivery: { 400: { path: { id: 'not-a-delivery' } }, 404: { path: { id: `00000000-0000-4000-8000-000000000000_${unknown.id}` } } },
    };
    const afterSuccess = new Set([...results.map((result) => `${result.route} ${result.status}`), ...Object.keys(NOT_PROVOKED_HERE)]);
    for (const route of apiRoutes()) {
      for (const status of Object.keys(route.responses).map(Number).filter((s) => s >= 400 && !afterSuccess.has(`${route.id} ${s}`))) {
        if (status === 401) await expectDocumented(route.id, status, send(route.id, { token: null }));
        else if (status === 403) await expectDocumented(route.id, status, send(route.id, { apiKey: 'not-our-key' }));
        else if (status === 413) await expectDocumented(route.id, status, send(route.id, { rawBody: JSON.stringify({ padding: 'x'.repeat(300 * 1024) }) }));
        else if (status === 415) await expectDocumented(route.id, status, send(route.id, { contentType: 'text/plain' }));
        else if (status === 429) {
          // The bucket holds two: spend them, then the route's request is throttled before any handler.
          await send('getCaller');
          await send('getCaller', {}, false);
          await expectDocumented(route.id, status, send(route.id, {}, false));
        } else {
          const change = provoke[route.id][status];
          if (change === undefined) throw new Error(`no request provokes ${route.id}'s documented ${status}: add one to provoke`);
          await expectDocumented(route.id, status, send(route.id, change));
        }
      }
    }

    expect(results.filter((result) => result.drift.length > 0)).toEqual([]);
    const documented = apiRoutes().flatMap((route) => Object.keys(route.responses).map((status) => `${route.id} ${status}`)).filter((answer) => !(answer in NOT_PROVOKED_HERE));
    expect([...new Set(results.map((result) => `${result.route} ${result.status}`))].sort()).toEqual(documented.sort());
  }, 240_000);
});
