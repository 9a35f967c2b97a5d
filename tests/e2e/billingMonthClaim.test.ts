import { ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { BillingCycleInput } from '../../contracts/billingCycle';
import { BILLING_SCHEDULES } from '../../contracts/billingSchedules';
import { ENV } from '../../contracts/wiring';
import { generatedClients } from '../../local/billing-mocks/generatedUsage';
import { withContextAttributes } from '../../local/scheduler/SchedulerService';
import { resolveCompetencia } from '../../tasks/billing/competenciaOf';
import { eventually } from '../harness/eventually';
import { executionEnded } from '../harness/executionEnded';
import { timeScale } from '../harness/localCloudEnv';
import { startE2eApp, statesEntered, type E2eApp } from './e2eApp';

const CNPJ = '11222333000181';
/**
 * Every ERP call this slow (2 s of real time: the mock waits on the cloud's scaled clock) keeps the
 * run that bills the month busy for seconds per company (two calls at least: the client's upsert,
 * the contract), far longer than the other run needs to reach its claim however
 * loaded the machine; two calls stay inside billing-erp's 60 s timeout, which runs on the same
 * clock, and each under the ERP client's 15 s.
 */
const SLOW_ERP_MS = Math.min(20_000, Math.round(2_000 / timeScale()));

/**
 * A manual run (`POST /billing/runs`) and the 02:00 scheduled run of the same month, in either
 * order: the schedule starts the state machine itself (no Lambda, no 409), so the month's claim in
 * Aurora (`billing.runs`, ClaimMonth) decides which one bills; the other ends at once as MonthHeld.
 */
describe('a month claimed by one run at a time, manual or scheduled', () => {
  let e2e: E2eApp;
  let ops: string;
  /** The month a scheduled run bills: the one before today's, in São Paulo. */
  let competencia: string;
  let stateMachineArn: string;

  beforeAll(async () => {
    e2e = await startE2eApp({ adapters: 1 });
    e2e.app.billingMocks.usage.setClients(generatedClients(4));
    ops = await e2e.token('billing-claims-ops', [CNPJ], 'ops');
    competencia = resolveCompetencia('auto', new Date());
    stateMachineArn = e2e.app.names.env[ENV.BillingStateMachineArn];
  }, 60_000);

  afterAll(async () => {
    e2e.app.billingMocks.omie.setKnobs({ latencyMs: 0 });
    await e2e.stop();
  });

  /** What EventBridge Scheduler sends when the daily schedule fires now: its input, context attributes filled, no name (Step Functions picks one). */
  async function fireDailySchedule(): Promise<string> {
    const input = withContextAttributes(JSON.stringify(BILLING_SCHEDULES.daily.input), `arn:aws:scheduler:us-east-1:000000000000:schedule/default/${BILLING_SCHEDULES.daily.suffix}`, Date.now());
    const started = await e2e.sfn.send(new StartExecutionCommand({ stateMachineArn, input }));
    return String(started.executionArn);
  }

  /** Waits until the run holds its month (it went past ClaimMonth into LoadRecorded). */
  async function holdsMonth(executionArn: string): Promise<void> {
    await eventually(`${executionArn} to hold its month`, () => e2e.history(executionArn), (history) => statesEntered(history).includes('LoadRecorded'), { timeoutMs: 60_000, intervalMs: 200 });
  }

  async function outcome(executionArn: string): Promise<{ status?: string; output: unknown }> {
    const ended = await executionEnded(e2e.sfn, executionArn, { timeoutMs: 180_000 });
    return { status: ended.status, output: JSON.parse(ended.output ?? 'null') as unknown };
  }

  const contractsOf = (month: string): string[] => [...e2e.app.billingMocks.omie.contractsByKey().keys()].filter((key) => key.startsWith(`${month}-`)).sort();

  it('scheduled first: the API answers 409 naming the scheduled run, and a manual start that slipped past that check ends as MonthHeld', async () => {
    const contractCalls = e2e.app.billingMocks.omie.snapshot().calls.IncluirContrato ?? 0;
    const issued = e2e.app.mock.stats().issued;
    e2e.app.billingMocks.omie.setKnobs({ latencyMs: SLOW_ERP_MS });
    const scheduled = await fireDailySchedule();
    await holdsMonth(scheduled);

    // The API's own guard: the month's running run, found by listing the executions.
    const refused = await e2e.call('POST', '/billing/runs', ops, { competencia });
    // The schedule firing between the API's listing and its start: the run it would have started.
    const input: BillingCycleInput = { competencia, trigger: 'manual', requestId: 'slipped-past-the-check' };
    const manual = await e2e.sfn.send(new StartExecutionCommand({ stateMachineArn, name: `manual-${competencia}-1`, input: JSON.stringify(input) }));
    const manualOutcome = await outcome(String(manual.executionArn));
    e2e.app.billingMocks.omie.setKnobs({ latencyMs: 0 });

    expect({ status: refused.status, body: refused.body }).toMatchObject({ status: 409, body: { code: 'RunInProgress', message: `A billing run of ${competencia} is running: ${scheduled}`, executionArn: scheduled } });
    expect(manualOutcome).toEqual({ status: 'SUCCEEDED', output: { competencia, heldBy: scheduled } });
    expect(statesEntered(await e2e.history(String(manual.executionArn)))).not.toContain('BillCompanies');
    expect(await outcome(scheduled)).toEqual({ status: 'SUCCEEDED', output: { competencia, companies: 4, invoiced: 4, skipped: 0, failed: [] } });
    // The API shows the held run for what it is: it did nothing, and names the run that billed the month.
    const held = await e2e.call('GET', `/billing/runs/manual-${competencia}-1`, ops);
    expect(held.status).toBe(200);
    expect({ ...held.body, companies: undefined }).toEqual({
      runId: `manual-${competencia}-1`,
      executionArn: manual.executionArn,
      competencia,
      trigger: 'manual',
      status: 'SUCCEEDED',
      startDate: expect.any(String),
      stopDate: expect.any(String),
      heldBy: { runId: scheduled.split(':').at(-1), executionArn: scheduled },
      companies: undefined,
    });
    // Billed once: one contract and one invoice per company, all from the scheduled run.
    expect(contractsOf(competencia)).toEqual(['1', '2', '3', '4'].map((id) => `${competencia}-${id}`).sort());
    expect((e2e.app.billingMocks.omie.snapshot().calls.IncluirContrato ?? 0) - contractCalls).toBe(4);
    expect(e2e.app.mock.stats().issued - issued).toBe(4);
  }, 400_000);

  it('manual first: the schedule firing while a manual run bills the month ends as MonthHeld, naming the manual run', async () => {
    // Two companies more in the month the scheduled run closed, so the manual run has some to bill.
    e2e.app.billingMocks.usage.setClients(generatedClients(6));
    const contractCalls = e2e.app.billingMocks.omie.snapshot().calls.IncluirContrato ?? 0;
    const issued = e2e.app.mock.stats().issued;
    e2e.app.billingMocks.omie.setKnobs({ latencyMs: SLOW_ERP_MS });
    const manual = await e2e.call('POST', '/billing/runs', ops, { competencia });
    expect(manual.status).toBe(202);
    const manualArn = String(manual.body.executionArn);
    await holdsMonth(manualArn);

    const scheduled = await fireDailySchedule();
    const scheduledOutcome = await outcome(scheduled);
    e2e.app.billingMocks.omie.setKnobs({ latencyMs: 0 });

    expect(scheduledOutcome).toEqual({ status: 'SUCCEEDED', output: { competencia, heldBy: manualArn } });
    expect(statesEntered(await e2e.history(scheduled))).not.toContain('BillCompanies');
    expect(await outcome(manualArn)).toEqual({ status: 'SUCCEEDED', output: { competencia, companies: 6, invoiced: 6, skipped: 0, failed: [] } });
    // The listing shows the scheduled run as held by the manual one, and the manual one with its summary.
    const listed = await e2e.call('GET', '/billing/runs?limit=100', ops);
    const items = (listed.body.items ?? []) as Array<Record<string, unknown>>;
    const runOf = (executionArn: string): Record<string, unknown> | undefined => items.find((item) => item.executionArn === executionArn);
    expect(listed.status).toBe(200);
    expect(runOf(scheduled)).toMatchObject({ trigger: 'scheduled', status: 'SUCCEEDED', competencia, heldBy: { runId: String(manual.body.runId), executionArn: manualArn } });
    expect(runOf(scheduled)).not.toHaveProperty('summary');
    expect(runOf(manualArn)).toMatchObject({ status: 'SUCCEEDED', summary: { competencia, companies: 6, invoiced: 6, skipped: 0, failed: [] } });
    expect(runOf(manualArn)).not.toHaveProperty('heldBy');
    expect(contractsOf(competencia)).toEqual(['1', '2', '3', '4', '5', '6'].map((id) => `${competencia}-${id}`).sort());
    expect((e2e.app.billingMocks.omie.snapshot().calls.IncluirContrato ?? 0) - contractCalls).toBe(2);
    expect(e2e.app.mock.stats().issued - issued).toBe(2);
  }, 400_000);

  it('takes over a month whose holder ended without releasing it (a run that failed, or one Step Functions no longer keeps)', async () => {
    e2e.app.billingMocks.usage.setClients(generatedClients(4));
    const { env } = e2e.app.names;
    const db = { resourceArn: env[ENV.DbClusterArn], secretArn: env[ENV.DbSecretArn], database: env[ENV.DbName] };
    const ghost = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:ghost-1`;
    await e2e.rds.send(
      new ExecuteStatementCommand({
        ...db,
        sql: `INSERT INTO ${e2e.app.names.billingSchema}.runs (competencia, execution_arn, claimed_at) VALUES ('2026-04', :holder, now())`,
        parameters: [{ name: 'holder', value: { stringValue: ghost } }],
      }),
    );

    const started = await e2e.call('POST', '/billing/runs', ops, { competencia: '2026-04' });

    expect(started.status).toBe(202);
    expect(await outcome(String(started.body.executionArn))).toEqual({ status: 'SUCCEEDED', output: { competencia: '2026-04', companies: 4, invoiced: 4, skipped: 0, failed: [] } });
    expect(statesEntered(await e2e.history(String(started.body.executionArn))).slice(0, 8)).toEqual(['FetchVolumes', 'ClaimMonth', 'IsMonthClaimed', 'DescribeHolder', 'TakeOverMonth', 'ClaimMonth', 'IsMonthClaimed', 'LoadRecorded']);
    const holder = await e2e.rds.send(
      new ExecuteStatementCommand({ ...db, sql: `SELECT execution_arn, released_at IS NOT NULL AS released FROM ${e2e.app.names.billingSchema}.runs WHERE competencia = '2026-04'`, formatRecordsAs: 'JSON' }),
    );
    expect(JSON.parse(holder.formattedRecords ?? '[]')).toEqual([{ execution_arn: started.body.executionArn, released: true }]);
  }, 300_000);
});
