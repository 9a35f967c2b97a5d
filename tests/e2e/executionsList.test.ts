import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ENV } from '../../contracts/wiring';
import { executionEnded } from '../harness/executionEnded';
import { uniqueName } from '../harness/localCloudEnv';
import { startE2eApp, type E2eApp } from './e2eApp';

const CNPJ = '11222333000181';
const body = { companyCnpj: CNPJ, municipalityCode: '3550308', total: '42.00', service: { code: '01.07', description: 'x', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };

interface Listed {
  readonly items: Array<{ name: string; status: string; error?: string; cause?: string }>;
  readonly nextToken?: string;
}

describe('GET /executions: found by name (an invoice) and start day, with the error of those that failed', () => {
  let e2e: E2eApp;
  let client: string;
  let ops: string;
  let invoiceId = '';

  beforeAll(async () => {
    e2e = await startE2eApp();
    client = await e2e.token('executions-list-client', [CNPJ]);
    ops = await e2e.token('executions-list-ops', [CNPJ], 'ops');
    // One invoice with two emissions: rejected, then reprocessed and issued.
    e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['GerarNfse'] });
    const created = await e2e.call('POST', '/invoices', client, body);
    invoiceId = String(created.body.invoiceId);
    await e2e.waitForStatus(invoiceId, ['FAILED'], 30_000);
    expect((await e2e.call('POST', `/ops/invoices/${invoiceId}/reprocess`, ops)).status).toBe(202);
    await e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);
  }, 90_000);

  afterAll(async () => {
    e2e.app.mock.reset();
    await e2e.stop();
  });

  async function list(query: string): Promise<{ status: number; body: Listed & { message?: string; errors?: unknown } }> {
    const answer = await e2e.call('GET', `/executions?${query}`, ops);
    return { status: answer.status, body: answer.body as unknown as Listed & { message?: string; errors?: unknown } };
  }

  it('finds every emission of an invoice by its id, newest first, the failed one with its error', async () => {
    const found = await list(`workflow=emission&name=${invoiceId}`);

    expect(found.status).toBe(200);
    expect(found.body.items.map((e) => [e.name, e.status, e.error])).toEqual([
      [`${invoiceId}-r1`, 'SUCCEEDED', undefined],
      [invoiceId, 'FAILED', 'Invoice.Failed'],
    ]);
    expect(found.body.items[1]?.cause).toEqual(expect.any(String));
    expect(found.body.nextToken).toBeUndefined();
  });

  it('keeps to the start days asked for', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

    expect((await list(`name=${invoiceId}&from=${today}&to=${today}`)).body.items.map((e) => e.name)).toEqual([`${invoiceId}-r1`, invoiceId]);
    expect((await list(`name=${invoiceId}&from=${tomorrow}`)).body).toEqual({ items: [] });
    expect((await list(`name=${invoiceId}&to=${yesterday}`)).body.items).toEqual([]);
  });

  it('pages a filtered listing: a token goes on where the page stopped', async () => {
    const first = await list(`name=${invoiceId}&limit=1`);
    expect(first.body.items.map((e) => e.name)).toEqual([`${invoiceId}-r1`]);
    expect(first.body.nextToken).toEqual(expect.any(String));

    const second = await list(`name=${invoiceId}&limit=1&nextToken=${encodeURIComponent(String(first.body.nextToken))}`);
    expect(second.body.items.map((e) => e.name)).toEqual([invoiceId]);
    // The token belongs to this filter: another name cannot use it.
    const other = await list(`name=${invoiceId}-r&limit=1&nextToken=${encodeURIComponent(String(first.body.nextToken))}`);
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([{ field: 'nextToken', message: 'is not a token this API gave out for this listing' }]);
  });

  it('answers 400 naming a day that is not one', async () => {
    const refused = await list('from=2026-13-01');

    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'from', message: 'must be a date YYYY-MM-DD' }]);
  });

  it('lists the billing workflows to who may read billing runs, and the order saga to ops, and refuses others with 403 naming why', async () => {
    const admin = await e2e.token('executions-list-admin', [CNPJ], 'admin');
    const viewer = await e2e.token('executions-list-viewer', [CNPJ], 'viewer');
    const name = uniqueName('listed-sync');
    const sync = await e2e.sfn.send(new StartExecutionCommand({ stateMachineArn: e2e.app.names.env[ENV.CnpjSyncStateMachineArn], name, input: JSON.stringify({ trigger: 'manual', requestId: name }) }));
    await executionEnded(e2e.sfn, String(sync.executionArn), { timeoutMs: 120_000 });
    const sku = uniqueName('LISTED').toUpperCase();
    expect((await e2e.call('PUT', '/products', ops, { products: [{ sku, description: 'listed', quantity: 1 }] })).status).toBe(200);
    const order = await e2e.call('POST', '/orders', client, { companyCnpj: CNPJ, customer: { document: '52998224725', name: 'Maria' }, items: [{ sku, quantity: 1, unitPrice: '1.00' }] });
    const orderId = String(order.body.orderId);
    const listBy = async (token: string, query: string): Promise<{ status: number; body: Listed & { message?: string; code?: string } }> => {
      const answer = await e2e.call('GET', `/executions?${query}`, token);
      return { status: answer.status, body: answer.body as unknown as Listed & { message?: string; code?: string } };
    };

    for (const token of [ops, admin]) {
      const synced = await listBy(token, `workflow=cnpjSync&name=${name}`);
      expect({ status: synced.status, items: synced.body.items.map((e) => [e.name, e.status]) }).toEqual({ status: 200, items: [[name, 'SUCCEEDED']] });
    }
    const sagas = await listBy(ops, `workflow=orderSaga&name=${orderId}`);
    expect({ status: sagas.status, names: sagas.body.items.map((e) => e.name) }).toEqual({ status: 200, names: [orderId] });

    expect(await listBy(viewer, 'workflow=billingCycle')).toMatchObject({ status: 403, body: { code: 'Forbidden', message: "role viewer may not list the billing workflows' executions (ops, admin may)" } });
    expect(await listBy(admin, 'workflow=orderSaga')).toMatchObject({ status: 403, body: { code: 'Forbidden', message: expect.stringContaining('GET /orders') } });
    // The invoice workflows stay open to a viewer, their companies' only.
    expect((await listBy(viewer, `workflow=emission&name=${invoiceId}`)).body.items.map((e) => e.name)).toEqual([`${invoiceId}-r1`, invoiceId]);
  }, 180_000);
});
