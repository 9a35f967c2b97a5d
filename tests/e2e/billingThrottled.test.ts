import { ExecuteStatementCommand, type RDSDataClient } from '@aws-sdk/client-rds-data';
import { GetExecutionHistoryCommand, type SFNClient, StartExecutionCommand, type ExecutionListItem } from '@aws-sdk/client-sfn';
import type { BillingSummary } from '../../contracts/billingCycle';
import { DEMO_CNPJ } from '../../local/app/demoInvoice';
import { generatedClients } from '../../local/billing-mocks/generatedUsage';
import { billingInvoiceId } from '../../tasks/billing/billingInvoiceId';
import { executionEnded } from '../harness/executionEnded';
import { allExecutions } from '../harness/allExecutions';
import { startStackOfItsOwn, type StackOfItsOwn } from '../harness/stackOfItsOwn';

/**
 * A quota the month's Map outruns: one start at a time, one every 2 s. Ten companies reach
 * EmitInvoice at once and each starts its EmissionWorkflow, so most starts are refused for longer
 * than the SDK's retries and a few seconds of INFRASTRUCTURE_RETRY wait.
 */
const QUOTA = { bucketSize: 1, refillPerSecond: 0.5 };
const COMPANIES = 20;
/** Every tenth client used nothing that month (generatedUsage): skipped, never invoiced. */
const INVOICED = Array.from({ length: COMPANIES }, (_, i) => i + 1).filter((id) => id % 10 !== 0);
const MONTH = '2026-03';
const TIME_SCALE = 0.1;

describe('a billing month past the StartExecution quota', () => {
  let cloud: StackOfItsOwn['cloud'];
  let app: StackOfItsOwn['app'];
  let stack: StackOfItsOwn;
  let sfn: SFNClient;
  let rds: RDSDataClient;

  beforeAll(async () => {
    stack = await startStackOfItsOwn({ prefix: 'throttledbilling', quota: QUOTA, timeScale: TIME_SCALE });
    ({ cloud, app } = stack);
    app.billingMocks.usage.setClients(generatedClients(COMPANIES));
    // No ERP limits: only the quota is under test.
    app.billingMocks.omie.setKnobs({ rateLimitPerMinute: 100_000, redundantWindowSeconds: 0 });
    ({ sfn, rds } = stack);
  }, 60_000);

  afterAll(async () => {
    await stack.stop();
  });

  function emissions(): Promise<ExecutionListItem[]> {
    return allExecutions(sfn, app.names.env.EMISSION_STATE_MACHINE_ARN);
  }

  it('invoices every company with usage exactly once, its throttled starts waiting for the quota instead of failing the company', async () => {
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: app.names.env.BILLING_STATE_MACHINE_ARN, name: `throttled-${MONTH}`, input: JSON.stringify({ competencia: MONTH, trigger: 'manual', requestId: 'throttled' }) }));
    // START_CAPACITY_RETRY waits minutes (scaled by 0.1 here) for a start: generous.
    const ended = await executionEnded(sfn, started.executionArn, { timeoutMs: 480_000, intervalMs: 1000 });
    if (ended.status !== 'SUCCEEDED') {
      const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn, reverseOrder: true, maxResults: 20 }));
      throw new Error(`the run ${String(ended.status)}: ${JSON.stringify(history.events?.map((e) => [e.type, e.executionFailedEventDetails ?? e.stateEnteredEventDetails?.name]))}`);
    }

    expect(JSON.parse(ended.output ?? '{}') as BillingSummary).toEqual({ competencia: MONTH, companies: COMPANIES, invoiced: INVOICED.length, skipped: COMPANIES - INVOICED.length, failed: [] });
    // One emission per invoiced company, under its invoice's id, each ISSUED with one NFS-e at the city.
    const invoiceIds = INVOICED.map((empresa) => billingInvoiceId(DEMO_CNPJ, MONTH, String(empresa)));
    const executions = await emissions();
    expect(executions.map((e) => [e.name, e.status]).sort()).toEqual([...invoiceIds].sort().map((id) => [id, 'SUCCEEDED']));
    expect(app.mock.stats().issued).toBe(INVOICED.length);
    const result = await rds.send(
      new ExecuteStatementCommand({
        resourceArn: app.names.dbClusterArn,
        secretArn: app.names.dbSecretArn,
        database: app.names.dbName,
        sql: `SELECT empresa_id, status, invoice_id FROM ${app.names.billingSchema}.consolidations WHERE competencia = '${MONTH}' AND status <> 'skipped' ORDER BY empresa_id::int`,
        formatRecordsAs: 'JSON',
      }),
    );
    expect(JSON.parse(result.formattedRecords ?? '[]')).toEqual(INVOICED.map((empresa) => ({ empresa_id: String(empresa), status: 'invoiced', invoice_id: billingInvoiceId(DEMO_CNPJ, MONTH, String(empresa)) })));
    // The quota was met: starts were refused, and waited.
    expect(cloud.services.get('states')?.health().detail).toMatch(/^quotas on; throttled calls: StartExecution [1-9]\d*$/);
  }, 600_000);
});
