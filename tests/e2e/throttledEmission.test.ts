import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type SFNClient, type ExecutionListItem } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { DEMO_CNPJ, DEMO_INVOICE } from '../../local/app/demoInvoice';
import { eventually } from '../harness/eventually';
import { allExecutions } from '../harness/allExecutions';
import { startStackOfItsOwn, type StackOfItsOwn } from '../harness/stackOfItsOwn';

/**
 * A quota low enough for a test to outrun: 2 starts at once, then 2 per second (a token every
 * 500 ms, longer than the SDK's own retries wait, so a throttled start reaches the start queue).
 */
const QUOTA = { bucketSize: 2, refillPerSecond: 2 };
/** Twice the quota's rate, for ten seconds. */
const ARRIVALS_PER_SECOND = 4;
const INVOICES = 40;
const TIME_SCALE = 0.1;

interface Emitted {
  readonly invoiceId: string;
  readonly status: number;
  /** When the API answered, epoch ms. */
  readonly answeredAt: number;
}

describe('emission past the StartExecution quota', () => {
  let cloud: StackOfItsOwn['cloud'];
  let app: StackOfItsOwn['app'];
  let stack: StackOfItsOwn;
  let sfn: SFNClient;
  let ddb: DynamoDBDocumentClient;

  beforeAll(async () => {
    stack = await startStackOfItsOwn({ prefix: 'throttled', quota: QUOTA, timeScale: TIME_SCALE });
    ({ cloud, app } = stack);
    const { config } = stack;
    ({ sfn } = stack);
    ddb = DynamoDBDocumentClient.from(new DynamoDBClient(config));
  }, 60_000);

  afterAll(async () => {
    ddb.destroy();
    await stack.stop();
  });

  async function emit(token: string): Promise<Emitted> {
    const response = await fetch(`${app.api.endpoint}/invoices`, {
      method: 'POST',
      headers: { 'x-api-key': app.apiKey, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(DEMO_INVOICE),
    });
    const body = (await response.json()) as { invoiceId?: string };
    return { invoiceId: String(body.invoiceId), status: response.status, answeredAt: Date.now() };
  }

  async function statusOf(invoiceId: string): Promise<unknown> {
    return (await ddb.send(new GetCommand({ TableName: app.names.invoicesTable, Key: { invoiceId }, ConsistentRead: true }))).Item?.status;
  }

  function emissionExecutions(): Promise<ExecutionListItem[]> {
    return allExecutions(sfn, app.names.env.EMISSION_STATE_MACHINE_ARN);
  }

  it('answers 201 to every invoice at twice the quota and issues each exactly once, the throttled ones through the start queue', async () => {
    const tokenResponse = await fetch(`${app.api.endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'throttled-client', cnpjs: [DEMO_CNPJ], role: 'client' }) });
    const { token } = (await tokenResponse.json()) as { token: string };

    // Open loop: arrivals keep their pace whatever the API's latency.
    const sent: Array<Promise<Emitted>> = [];
    for (let i = 0; i < INVOICES; i++) {
      sent.push(emit(token));
      await new Promise((resolve) => setTimeout(resolve, 1000 / ARRIVALS_PER_SECOND));
    }
    const emitted = await Promise.all(sent);

    expect(emitted.map((e) => e.status)).toEqual(Array(INVOICES).fill(201));
    const ids = emitted.map((e) => e.invoiceId);
    const statuses = await eventually('every invoice ISSUED', () => Promise.all(ids.map(statusOf)), (all) => all.every((status) => status === 'ISSUED'), { timeoutMs: 120_000, intervalMs: 500 });
    expect(statuses).toEqual(Array(INVOICES).fill('ISSUED'));
    const executions = await emissionExecutions();
    expect(executions.map((e) => e.name).sort()).toEqual([...ids].sort());
    // Started after the API had answered: the start waited in the queue for the bucket to refill.
    const answeredAt = new Map(emitted.map((e) => [e.invoiceId, e.answeredAt]));
    const deferred = executions.filter((e) => (e.startDate?.getTime() ?? 0) > (answeredAt.get(e.name ?? '') ?? Infinity));
    expect(deferred.length).toBeGreaterThan(0);
    expect(deferred.length).toBeLessThan(INVOICES);
    const stats = app.mock.stats();
    expect(stats.issued).toBe(INVOICES);
    expect(Object.values(stats.byRps).map((rps) => rps.nfseIssued)).toEqual(Array(INVOICES).fill(1));
    expect(cloud.services.get('states')?.health().detail).toMatch(/^quotas on; throttled calls: StartExecution [1-9]\d*$/);
    // Generous: alone it takes about 35 s; beside two other suites on a loaded two-core machine it outran a minute.
  }, 180_000);
});
