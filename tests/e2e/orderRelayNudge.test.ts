import { ExecuteStatementCommand, type RDSDataClient } from '@aws-sdk/client-rds-data';
import { GetExecutionHistoryCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { DEMO_CNPJ } from '../../local/app/demoInvoice';
import { logger as handlerLogger } from '../../tasks/shared/logger';
import { eventually } from '../harness/eventually';
import { executionEnded } from '../harness/executionEnded';
import { timeScale, uniqueName } from '../harness/localCloudEnv';
import { startStackOfItsOwn, type StackOfItsOwn } from '../harness/stackOfItsOwn';

if (process.env.POWERTOOLS_LOG_LEVEL === undefined) handlerLogger.setLogLevel('WARN');

/** The relay's schedule, in AWS milliseconds: an hour, so only a nudge can publish within the test. */
const RELAY_INTERVAL_MS = 3_600_000;

describe('OrderSagaWorkflow nudges the outbox relay', () => {
  let stack: StackOfItsOwn;
  let app: StackOfItsOwn['app'];
  let sfn: SFNClient;
  let rds: RDSDataClient;

  beforeAll(async () => {
    // A cloud of its own, with its Lambda service (where the relay runs); the app's own orders
    // schemas, so its relay sees only this app's outbox rows.
    stack = await startStackOfItsOwn({ prefix: uniqueName('nudge'), timeScale: timeScale(), app: { outboxRelayIntervalMs: RELAY_INTERVAL_MS } });
    ({ app } = stack);
    ({ sfn, rds } = stack);
  }, 120_000);

  afterAll(async () => {
    await stack.stop();
  });

  async function token(sub: string, role: string): Promise<string> {
    const response = await fetch(`${app.api.endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub, cnpjs: [DEMO_CNPJ], role }) });
    return ((await response.json()) as { token: string }).token;
  }

  async function call(method: string, urlPath: string, bearer: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${app.api.endpoint}${urlPath}`, { method, headers: { 'x-api-key': app.apiKey, authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function sql(statement: string, orderId: string): Promise<Array<Record<string, unknown>>> {
    const result = await rds.send(
      new ExecuteStatementCommand({ resourceArn: app.names.dbClusterArn, secretArn: app.names.dbSecretArn, database: app.names.dbName, sql: statement, parameters: [{ name: 'id', value: { stringValue: orderId } }], formatRecordsAs: 'JSON' }),
    );
    return JSON.parse(result.formattedRecords ?? '[]') as Array<Record<string, unknown>>;
  }

  it('publishes each event of a confirmed order within seconds of its state, not at the relay’s hourly run', async () => {
    const sku = uniqueName('NUDGE').toUpperCase();
    expect((await call('PUT', '/products', await token('nudge-ops', 'ops'), { products: [{ sku, description: 'nudged', quantity: 3 }] })).status).toBe(200);

    const placed = await call('POST', '/orders', await token('nudge-client', 'client'), { companyCnpj: DEMO_CNPJ, customer: { document: '52998224725', name: 'Maria da Silva' }, items: [{ sku, quantity: 1, unitPrice: '5.00' }] });
    expect(placed.status).toBe(201);
    const orderId = String(placed.body.orderId);
    const executionArn = `${app.names.env.ORDER_SAGA_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${orderId}`;
    const ended = await executionEnded(sfn, executionArn, { timeoutMs: 60_000, intervalMs: 100 });

    expect(ended.status).toBe('SUCCEEDED');
    const published = await eventually(
      'every event of the order published',
      () => sql(`SELECT detail_type, EXTRACT(EPOCH FROM (published_at - created_at))::float AS lag_seconds FROM ${app.names.ordersSchemas.orders}.eventos_outbox WHERE aggregate_id = :id ORDER BY seq`, orderId),
      (rows) => rows.length === 3 && rows.every((row) => row.lag_seconds !== null),
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    expect(published.map((row) => row.detail_type)).toEqual(['NotaFiscalCriada', 'ReservaConfirmada', 'OrderConfirmed']);
    // The relay's next scheduled run is an hour of the cloud's time away (six minutes at the tests' time scale).
    for (const row of published) expect(Number(row.lag_seconds)).toBeLessThan(10);
    // The nudges themselves ran the relay (a failed one would have been caught and gone on).
    const history = (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
    const nudged = history.filter((event) => event.type === 'TaskSucceeded' && event.taskSucceededEventDetails?.resource === 'invoke').map((event) => JSON.parse(event.taskSucceededEventDetails?.output ?? '{}') as { StatusCode?: number });
    expect(nudged.filter((output) => output.StatusCode === 202)).toHaveLength(2);
    const consumed = await eventually('the sample consumer’s record of each event', () => sql(`SELECT detail_type FROM ${app.names.ordersSchemas.orders}.order_event_log WHERE order_id = :id ORDER BY recorded_at`, orderId), (rows) => rows.length === 3, { timeoutMs: 20_000, intervalMs: 200 });
    expect(consumed.map((row) => row.detail_type).sort()).toEqual(['NotaFiscalCriada', 'OrderConfirmed', 'ReservaConfirmada']);
  }, 150_000);
});
