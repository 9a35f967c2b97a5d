import { DescribeExecutionCommand, RedriveExecutionCommand } from '@aws-sdk/client-sfn';
import { ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
import { ORDER_EVENT_DETAIL_SCHEMAS, ORDER_EVENT_SOURCE, type OrderEventType } from '../../contracts/orderEvents';
import type { OrderView } from '../../contracts/order';
import { rdsDataAdmin } from '../../local/rds-data/rdsDataAdmin';
import { orderEventId } from '../../tasks/orders/orderEventIds';
import { orderInvoiceId } from '../../tasks/orders/orderInvoiceId';
import { eventually } from '../harness/eventually';
import { executionEnded } from '../harness/executionEnded';
import { testClientConfig, uniqueName } from '../harness/localCloudEnv';
import { startE2eApp, statesEntered, type E2eApp } from './e2eApp';

const CNPJ = '11222333000181';
/** A company only this suite takes orders for: its listing is this suite's orders alone (the orders table is shared by every suite). */
const LISTED_CNPJ = '73041295000118';
const customer = { document: '52998224725', name: 'Maria da Silva', email: 'maria@example.com' };

describe('orders: stock reserved, then invoiced (OrderSagaWorkflow)', () => {
  let e2e: E2eApp;
  let client: string;
  let ops: string;

  beforeAll(async () => {
    e2e = await startE2eApp();
    client = await e2e.token('orders-client', [CNPJ]);
    ops = await e2e.token('orders-ops', [CNPJ], 'ops');
  }, 60_000);

  afterAll(async () => {
    await rdsDataAdmin(testClientConfig().endpoint, e2e.app.names.dbClusterArn).resume();
    await e2e.stop();
  });

  /** SKUs no other test (nor suite on the shared Postgres) uses. */
  function skus(count: number): string[] {
    const base = uniqueName('SKU').toUpperCase();
    return Array.from({ length: count }, (_, i) => `${base}-${i}`);
  }

  async function stock(products: Record<string, number>): Promise<void> {
    const answer = await e2e.call('PUT', '/products', ops, { products: Object.entries(products).map(([sku, quantity]) => ({ sku, description: `product ${sku}`, quantity })) });
    expect(answer.status).toBe(200);
  }

  async function sql(statement: string, parameters: Record<string, string>): Promise<Array<Record<string, unknown>>> {
    const result = await e2e.rds.send(
      new ExecuteStatementCommand({
        resourceArn: e2e.app.names.dbClusterArn,
        secretArn: e2e.app.names.dbSecretArn,
        database: e2e.app.names.dbName,
        sql: statement,
        parameters: Object.entries(parameters).map(([name, value]) => ({ name, value: { stringValue: value } })),
        formatRecordsAs: 'JSON',
      }),
    );
    return JSON.parse(result.formattedRecords ?? '[]') as Array<Record<string, unknown>>;
  }

  async function quantities(names: readonly string[]): Promise<Record<string, number>> {
    const rows = await sql(`SELECT sku, quantity FROM ${e2e.app.names.ordersSchemas.stock}.produtos WHERE sku = ANY(string_to_array(:skus, ',')) ORDER BY sku`, { skus: names.join(',') });
    return Object.fromEntries(rows.map((row) => [String(row.sku), Number(row.quantity)]));
  }

  async function reservations(orderId: string): Promise<Array<{ sku: string; quantity: number; status: string }>> {
    const rows = await sql(`SELECT sku, quantity, status FROM ${e2e.app.names.ordersSchemas.stock}.reservas WHERE order_id = :id ORDER BY sku`, { id: orderId });
    return rows.map((row) => ({ sku: String(row.sku), quantity: Number(row.quantity), status: String(row.status) }));
  }

  async function outbox(orderId: string): Promise<Array<{ eventId: string; source: string; detailType: string; detail: Record<string, unknown> }>> {
    const rows = await sql(`SELECT event_id::text AS event_id, source, detail_type, detail::text AS detail FROM ${e2e.app.names.ordersSchemas.orders}.eventos_outbox WHERE aggregate_id = :id ORDER BY seq`, { id: orderId });
    return rows.map((row) => ({ eventId: String(row.event_id), source: String(row.source), detailType: String(row.detail_type), detail: JSON.parse(String(row.detail)) as Record<string, unknown> }));
  }

  /** The outbox rows as types, each checked against its contract and its deterministic id. */
  async function events(orderId: string): Promise<OrderEventType[]> {
    const rows = await outbox(orderId);
    for (const row of rows) {
      const type = row.detailType as OrderEventType;
      expect(row.source).toBe(ORDER_EVENT_SOURCE);
      expect(row.eventId).toBe(orderEventId(orderId, type));
      expect(ORDER_EVENT_DETAIL_SCHEMAS[type].parse(row.detail)).toMatchObject({ eventId: row.eventId, orderId, companyCnpj: CNPJ });
    }
    return rows.map((row) => row.detailType as OrderEventType);
  }

  async function order(orderId: string): Promise<OrderView> {
    const answer = await e2e.call('GET', `/orders/${orderId}`, client);
    expect(answer.status).toBe(200);
    return answer.body as unknown as OrderView;
  }

  /** The order once its saga has ended. */
  async function settled(orderId: string): Promise<OrderView> {
    const arn = `${e2e.app.names.env.ORDER_SAGA_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${orderId}`;
    await executionEnded(e2e.sfn, arn, { timeoutMs: 60_000, intervalMs: 100 });
    return order(orderId);
  }

  async function place(items: ReadonlyArray<{ sku: string; quantity: number; unitPrice?: string }>): Promise<string> {
    const answer = await e2e.call('POST', '/orders', client, { companyCnpj: CNPJ, customer, items: items.map((item) => ({ unitPrice: '10.00', ...item })) });
    expect({ status: answer.status, body: { status: answer.body.status } }).toEqual({ status: 201, body: { status: 'PENDING' } });
    expect(answer.headers.get('location')).toBe(`/orders/${String(answer.body.orderId)}`);
    return String(answer.body.orderId);
  }

  it('reserves, invoices and confirms: stock down, reservations consumed, invoice ISSUED, each event once in order', async () => {
    const [a = '', b = ''] = skus(2);
    await stock({ [a]: 10, [b]: 5 });

    const orderId = await place([
      { sku: a, quantity: 3, unitPrice: '7.50' },
      { sku: b, quantity: 2, unitPrice: '35.00' },
    ]);
    const done = await settled(orderId);

    const invoiceId = orderInvoiceId(orderId);
    expect(done).toMatchObject({ orderId, status: 'CONFIRMADA', total: '92.50', invoiceId, companyCnpj: CNPJ, customer, municipalityCode: '3550308' });
    expect(done.nfseNumber).toMatch(/^\d+$/);
    expect(done.executionArn).toMatch(new RegExp(`:execution:${e2e.app.names.prefix}-OrderSagaWorkflow:${orderId}$`));
    // An app on the shared test cloud has no relay function (the cloud's Lambdas run in jest's main
    // process), so each nudge fails and the saga goes on: a failed nudge only costs latency.
    // tests/e2e/orderRelayNudge.test.ts has the relay, and its nudges publish.
    expect(done.steps.map((step) => [step.name, step.status, step.compensation])).toEqual([
      ['ReserveStock', 'succeeded', false],
      ['IsReserved', 'succeeded', false],
      ['NudgeRelayReserved', 'failed', false],
      ['PrepareInvoice', 'succeeded', false],
      ['IsIssued', 'succeeded', false],
      ['EmitInvoice', 'succeeded', false],
      ['ConfirmOrder', 'succeeded', false],
      ['NudgeRelayConfirmed', 'failed', false],
      ['Confirmed', 'succeeded', false],
    ]);
    expect(await quantities([a, b])).toEqual({ [a]: 7, [b]: 3 });
    expect(await reservations(orderId)).toEqual([
      { sku: a, quantity: 3, status: 'consumed' },
      { sku: b, quantity: 2, status: 'consumed' },
    ]);
    expect(await e2e.record(invoiceId)).toMatchObject({ status: 'ISSUED', total: '92.50', tomador: customer, nfseNumber: done.nfseNumber });
    expect(await events(orderId)).toEqual(['NotaFiscalCriada', 'ReservaConfirmada', 'OrderConfirmed']);
    expect(done.events.map((event) => event.detailType)).toEqual(['NotaFiscalCriada', 'ReservaConfirmada', 'OrderConfirmed']);
    expect((await e2e.call('GET', `/products/${a}`, client)).body).toMatchObject({ sku: a, quantity: 7, version: 2 });
  }, 90_000);

  it('answers a replay with the same Idempotency-Key with the same order, and starts it once', async () => {
    const [a = ''] = skus(1);
    await stock({ [a]: 4 });
    const body = { companyCnpj: CNPJ, customer, items: [{ sku: a, quantity: 1, unitPrice: '1.00' }] };
    const key = uniqueName('order-key');

    const first = await e2e.call('POST', '/orders', client, body, { 'Idempotency-Key': key });
    const replay = await e2e.call('POST', '/orders', client, body, { 'Idempotency-Key': key });
    const other = await e2e.call('POST', '/orders', client, { ...body, items: [{ sku: a, quantity: 2, unitPrice: '1.00' }] }, { 'Idempotency-Key': key });

    expect(replay).toMatchObject({ status: 201, body: first.body });
    expect(other).toMatchObject({ status: 409, body: { code: 'IdempotencyKeyReused' } });
    expect((await settled(String(first.body.orderId))).status).toBe('CONFIRMADA');
    expect(await quantities([a])).toEqual({ [a]: 3 });
  }, 90_000);

  it('reserves nothing when an item is short: ERRO_ESTOQUE with the short SKUs, stock unchanged', async () => {
    const [a = '', b = '', missing = ''] = skus(3);
    await stock({ [a]: 1, [b]: 50 });

    const orderId = await place([
      { sku: a, quantity: 2 },
      { sku: b, quantity: 5 },
      { sku: missing, quantity: 1 },
    ]);
    const done = await settled(orderId);

    expect(done).toMatchObject({
      status: 'ERRO_ESTOQUE',
      error: { code: 'Stock.Insufficient', message: `insufficient stock: ${a} (requested 2, available 1), ${missing} (requested 1, available 0)` },
      shortItems: [
        { sku: a, requested: 2, available: 1 },
        { sku: missing, requested: 1, available: 0 },
      ],
    });
    expect(done.invoiceId).toBeUndefined();
    expect(done.steps.map((step) => [step.name, step.status])).toEqual([
      ['ReserveStock', 'succeeded'],
      ['IsReserved', 'succeeded'],
      ['MarkStockError', 'succeeded'],
      ['NudgeRelayStockError', 'failed'],
      ['OutOfStock', 'failed'],
    ]);
    const execution = await e2e.sfn.send(new DescribeExecutionCommand({ executionArn: done.executionArn }));
    expect({ status: execution.status, error: execution.error }).toEqual({ status: 'FAILED', error: 'Stock.Insufficient' });
    expect(await quantities([a, b])).toEqual({ [a]: 1, [b]: 50 });
    expect(await reservations(orderId)).toEqual([]);
    expect(await events(orderId)).toEqual(['NotaFiscalCriada', 'ReservaFalhou', 'OrderFailed']);
  }, 90_000);

  it('gives the stock back once when the city rejects the invoice: reservations released, FAILED', async () => {
    const [a = ''] = skus(1);
    await stock({ [a]: 6 });
    e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['GerarNfse'] });

    const orderId = await place([{ sku: a, quantity: 4 }]);
    const done = await settled(orderId);

    expect(done).toMatchObject({ status: 'FAILED', invoiceId: orderInvoiceId(orderId), error: { code: 'Invoice.Failed' } });
    expect(done.steps.filter((step) => step.compensation).map((step) => [step.name, step.status])).toEqual([['ReleaseReservations', 'succeeded']]);
    expect(done.steps.at(-1)).toMatchObject({ name: 'InvoiceFailed', status: 'failed' });
    expect(await e2e.record(orderInvoiceId(orderId))).toMatchObject({ status: 'FAILED' });
    expect(await quantities([a])).toEqual({ [a]: 6 });
    expect(await reservations(orderId)).toEqual([{ sku: a, quantity: 4, status: 'released' }]);
    expect(await events(orderId)).toEqual(['NotaFiscalCriada', 'ReservaConfirmada', 'OrderFailed']);
  }, 90_000);

  it('fails at the state the Data API was down in, and a redrive completes it without reserving or releasing twice', async () => {
    const [a = ''] = skus(1);
    await stock({ [a]: 8 });
    const admin = rdsDataAdmin(testClientConfig().endpoint, e2e.app.names.dbClusterArn);
    // The city is slow, so the outage starts while the invoice is with it: the emission's own
    // report to Aurora fails after the city issued, and the saga, looking at the invoice again,
    // finds Aurora down too.
    e2e.app.mock.knobs.set({ latencyMs: 1_500 });
    try {
      const orderId = await place([{ sku: a, quantity: 5 }]);
      await e2e.waitForStatus(orderInvoiceId(orderId), ['PROCESSING'], 30_000);
      await admin.outage(24 * 3600);
      const arn = `${e2e.app.names.env.ORDER_SAGA_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${orderId}`;
      const failed = await executionEnded(e2e.sfn, arn, { timeoutMs: 120_000, intervalMs: 200 });
      const history = await e2e.history(arn);
      expect(failed.status).toBe('FAILED');
      expect(statesEntered(history).at(-1)).toBe('PrepareInvoice');

      await admin.resume();
      await e2e.sfn.send(new RedriveExecutionCommand({ executionArn: arn }));
      const redriven = await eventually('the redriven saga to end', () => e2e.sfn.send(new DescribeExecutionCommand({ executionArn: arn })), (described) => described.status !== 'RUNNING' && described.redriveCount === 1, { timeoutMs: 60_000, intervalMs: 200 });

      expect(redriven.status).toBe('SUCCEEDED');
      const done = await order(orderId);
      expect(done).toMatchObject({ status: 'CONFIRMADA', invoiceId: orderInvoiceId(orderId) });
      expect(done.steps.filter((step) => step.name === 'PrepareInvoice').map((step) => step.status)).toEqual(['succeeded', 'failed', 'succeeded']);
      expect(await quantities([a])).toEqual({ [a]: 3 });
      expect(await reservations(orderId)).toEqual([{ sku: a, quantity: 5, status: 'consumed' }]);
      expect(await events(orderId)).toEqual(['NotaFiscalCriada', 'ReservaConfirmada', 'OrderConfirmed']);
    } finally {
      e2e.app.mock.knobs.set({ latencyMs: 0 });
      await admin.resume();
    }
  }, 180_000);

  it('confirms exactly 10 of 100 concurrent orders for 10 units: 90 ERRO_ESTOQUE, stock 0, never negative', async () => {
    const [a = ''] = skus(1);
    await stock({ [a]: 10 });

    const orderIds = await Promise.all(Array.from({ length: 100 }, () => place([{ sku: a, quantity: 1 }])));
    const rows = await eventually(
      'every order settled',
      () => sql(`SELECT status, count(*)::int AS orders FROM ${e2e.app.names.ordersSchemas.orders}.pedidos WHERE order_id = ANY(string_to_array(:ids, ',')) GROUP BY status ORDER BY status`, { ids: orderIds.join(',') }),
      (found) => found.every((row) => row.status === 'CONFIRMADA' || row.status === 'ERRO_ESTOQUE') && found.reduce((sum, row) => sum + Number(row.orders), 0) === 100,
      { timeoutMs: 180_000, intervalMs: 500 },
    );

    expect(rows).toEqual([
      { status: 'CONFIRMADA', orders: 10 },
      { status: 'ERRO_ESTOQUE', orders: 90 },
    ]);
    expect(await quantities([a])).toEqual({ [a]: 0 });
    const held = await sql(`SELECT status, count(*)::int AS reservations, sum(quantity)::int AS units FROM ${e2e.app.names.ordersSchemas.stock}.reservas WHERE order_id = ANY(string_to_array(:ids, ',')) GROUP BY status`, { ids: orderIds.join(',') });
    expect(held).toEqual([{ status: 'consumed', reservations: 10, units: 10 }]);
  }, 300_000);

  it('opens the saga’s execution, which the order page links to, to a viewer of the order’s company, and not to another company’s', async () => {
    const [a = ''] = skus(1);
    await stock({ [a]: 2 });
    const orderId = await place([{ sku: a, quantity: 1 }]);
    const { executionArn } = await settled(orderId);
    const viewer = await e2e.token('orders-viewer', [CNPJ], 'viewer');
    const stranger = await e2e.token('orders-viewer-stranger', [LISTED_CNPJ], 'viewer');

    const read = await e2e.call('GET', `/executions/${encodeURIComponent(executionArn)}`, viewer);
    const refused = await e2e.call('GET', `/executions/${encodeURIComponent(executionArn)}`, stranger);

    expect({ status: read.status, name: read.body.name, executionStatus: read.body.status }).toEqual({ status: 200, name: orderId, executionStatus: 'SUCCEEDED' });
    expect(refused).toMatchObject({ status: 404, body: { code: 'NotFound', message: `Execution ${executionArn} not found` } });
  }, 90_000);

  it('lists the company’s orders newest first, a page at a time, and hides another tenant’s order', async () => {
    const [a = ''] = skus(1);
    await stock({ [a]: 3 });
    const seller = await e2e.token('orders-seller', [LISTED_CNPJ]);
    const body = { companyCnpj: LISTED_CNPJ, customer, items: [{ sku: a, quantity: 1, unitPrice: '2.00' }] };
    const first = String((await e2e.call('POST', '/orders', seller, body)).body.orderId);
    const second = String((await e2e.call('POST', '/orders', seller, body)).body.orderId);

    const page = await e2e.call('GET', '/orders?limit=1', seller);
    const next = await e2e.call('GET', `/orders?limit=1&nextToken=${encodeURIComponent(String(page.body.nextToken))}`, seller);
    const stranger = await e2e.token('orders-stranger', ['11444777000161']);

    expect((page.body.items as Array<{ orderId: string }>).map((item) => item.orderId)).toEqual([second]);
    expect((next.body.items as Array<{ orderId: string }>).map((item) => item.orderId)).toEqual([first]);
    expect(await e2e.call('GET', `/orders/${first}`, stranger)).toMatchObject({ status: 404, body: { code: 'NotFound', message: `Order ${first} not found` } });
    expect(await e2e.call('GET', '/products/NO-SUCH-SKU', client)).toMatchObject({ status: 404, body: { message: 'Product NO-SUCH-SKU not found' } });
  }, 60_000);
});
