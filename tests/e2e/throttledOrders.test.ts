import { ExecuteStatementCommand, type RDSDataClient } from '@aws-sdk/client-rds-data';
import { type SFNClient, type ExecutionListItem } from '@aws-sdk/client-sfn';
import { DEMO_CNPJ, DEMO_COMPANY } from '../../local/app/demoInvoice';
import { seedCompany } from '../../local/app/seedCompany';
import { eventually } from '../harness/eventually';
import { allExecutions } from '../harness/allExecutions';
import { startStackOfItsOwn, type StackOfItsOwn } from '../harness/stackOfItsOwn';
import { uniqueName } from '../harness/localCloudEnv';

/**
 * A quota low enough for a test to outrun: 2 starts at once, then 2 per second (a token every
 * 500 ms, longer than the SDK's own retries wait, so a throttled start reaches the start queue).
 */
const QUOTA = { bucketSize: 2, refillPerSecond: 2 };
/** Twice the quota's rate, for ten seconds: with each saga's own start of EmissionWorkflow, four times what the quota lets through. */
const ARRIVALS_PER_SECOND = 4;
const ORDERS = 40;
/** More than the orders take: every order can be confirmed, so any order missing or run twice shows in the stock. */
const UNITS = ORDERS + 5;
const TIME_SCALE = 0.1;

interface Placed {
  readonly orderId: string;
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** When the API answered, epoch ms. */
  readonly answeredAt: number;
}

describe('orders past the StartExecution quota', () => {
  let cloud: StackOfItsOwn['cloud'];
  let app: StackOfItsOwn['app'];
  let stack: StackOfItsOwn;
  let sfn: SFNClient;
  let rds: RDSDataClient;

  beforeAll(async () => {
    stack = await startStackOfItsOwn({ prefix: 'throttledorders', quota: QUOTA, timeScale: TIME_SCALE });
    ({ cloud, app } = stack);
    // Orders need the company's record (its default service is the invoice's).
    await seedCompany(cloud.endpoint, app.names.companiesTable, DEMO_CNPJ, DEMO_COMPANY);
    ({ sfn, rds } = stack);
  }, 60_000);

  afterAll(async () => {
    await stack.stop();
  });

  async function token(sub: string, role: 'client' | 'ops'): Promise<string> {
    const response = await fetch(`${app.api.endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub, cnpjs: [DEMO_CNPJ], role }) });
    return ((await response.json()) as { token: string }).token;
  }

  async function call(method: string, route: string, bearer: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${app.api.endpoint}${route}`, {
      method,
      headers: { 'x-api-key': app.apiKey, authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function sql(statement: string, parameters: Record<string, string>): Promise<Array<Record<string, unknown>>> {
    const result = await rds.send(
      new ExecuteStatementCommand({
        resourceArn: app.names.dbClusterArn,
        secretArn: app.names.dbSecretArn,
        database: app.names.dbName,
        sql: statement,
        parameters: Object.entries(parameters).map(([name, value]) => ({ name, value: { stringValue: value } })),
        formatRecordsAs: 'JSON',
      }),
    );
    return JSON.parse(result.formattedRecords ?? '[]') as Array<Record<string, unknown>>;
  }

  function sagaExecutions(): Promise<ExecutionListItem[]> {
    return allExecutions(sfn, app.names.env.ORDER_SAGA_STATE_MACHINE_ARN);
  }

  it('answers 201 PENDING to every order at twice the quota and runs each saga exactly once, the throttled ones through the start queue', async () => {
    const ops = await token('throttled-orders-ops', 'ops');
    const client = await token('throttled-orders-client', 'client');
    const sku = uniqueName('THROTTLED').toUpperCase();
    expect((await call('PUT', '/products', ops, { products: [{ sku, description: 'throttled orders', quantity: UNITS }] })).status).toBe(200);
    const order = { companyCnpj: DEMO_CNPJ, customer: { document: '52998224725', name: 'Maria da Silva' }, items: [{ sku, quantity: 1, unitPrice: '10.00' }] };

    // Open loop: arrivals keep their pace whatever the API's latency.
    const sent: Array<Promise<Placed>> = [];
    for (let i = 0; i < ORDERS; i++) {
      sent.push(call('POST', '/orders', client, order).then((answer) => ({ orderId: String(answer.body.orderId), status: answer.status, body: answer.body, answeredAt: Date.now() })));
      await new Promise((resolve) => setTimeout(resolve, 1000 / ARRIVALS_PER_SECOND));
    }
    const placed = await Promise.all(sent);

    expect(placed.map((p) => [p.status, p.body.status])).toEqual(Array(ORDERS).fill([201, 'PENDING']));
    const ids = placed.map((p) => p.orderId);
    const settled = await eventually(
      'every order settled',
      () => sql(`SELECT order_id, status, error_code, error_message FROM ${app.names.ordersSchemas.orders}.pedidos WHERE order_id = ANY(string_to_array(:ids, ',')) ORDER BY order_id`, { ids: ids.join(',') }),
      (rows) => rows.length === ORDERS && rows.every((row) => row.status !== 'PENDING' && row.status !== 'RESERVED'),
      // A start the starter found throttled comes back as a new message 60-90 s later,
      // while the sagas' own throttled starts of EmissionWorkflow retry for minutes: generous.
      { timeoutMs: 300_000, intervalMs: 1000 },
    );
    expect(settled).toEqual([...ids].sort().map((orderId) => ({ order_id: orderId, status: 'CONFIRMADA', error_code: null, error_message: null })));

    // Nothing lost, nothing twice: one saga per order, one unit and one consumed reservation each.
    const executions = await sagaExecutions();
    expect(executions.map((e) => e.name).sort()).toEqual([...ids].sort());
    expect(await sql(`SELECT quantity FROM ${app.names.ordersSchemas.stock}.produtos WHERE sku = :sku`, { sku })).toEqual([{ quantity: UNITS - ORDERS }]);
    const reservations = await sql(`SELECT order_id, quantity, status FROM ${app.names.ordersSchemas.stock}.reservas WHERE sku = :sku ORDER BY order_id`, { sku });
    expect(reservations).toEqual([...ids].sort().map((orderId) => ({ order_id: orderId, quantity: 1, status: 'consumed' })));
    expect(app.mock.stats().issued).toBe(ORDERS);

    // Started after the API had answered: the start waited in the queue for the bucket to refill.
    const answeredAt = new Map(placed.map((p) => [p.orderId, p.answeredAt]));
    const deferred = executions.filter((e) => (e.startDate?.getTime() ?? 0) > (answeredAt.get(e.name ?? '') ?? Infinity));
    expect(deferred.length).toBeGreaterThan(0);
    expect(deferred.length).toBeLessThan(ORDERS);
    expect(cloud.services.get('states')?.health().detail).toMatch(/^quotas on; throttled calls: StartExecution [1-9]\d*$/);
  }, 400_000);
});
