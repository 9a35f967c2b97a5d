import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { MockStats } from '../../local/provider-mock/MockStats';
import { rdsDataAdmin } from '../../local/rds-data/rdsDataAdmin';
import { eventually } from '../harness/eventually';
import { testClientConfig } from '../harness/localCloudEnv';
import { startE2eApp, statesEntered, type E2eApp } from './e2eApp';

const CNPJ = '11222333000181';
const OTHER = '11444777000161';
const body = { companyCnpj: CNPJ, municipalityCode: '3550308', total: '42.00', service: { code: '01.07', description: 'x', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };

describe('ops: failures, reprocess and redrive, end to end', () => {
  let e2e: E2eApp;
  let client: string;
  let ops: string;

  beforeAll(async () => {
    e2e = await startE2eApp();
    client = await e2e.token('ops-suite-client', [CNPJ]);
    ops = await e2e.token('ops-suite-operator', [CNPJ], 'ops');
  }, 60_000);

  afterAll(async () => {
    await rdsDataAdmin(testClientConfig().endpoint, e2e.app.names.dbClusterArn).resume();
    await e2e.stop();
  });

  async function emit(): Promise<string> {
    const created = await e2e.call('POST', '/invoices', client, body);
    expect(created.status).toBe(201);
    return String(created.body.invoiceId);
  }

  function issuedCount(record: Record<string, unknown>): number | undefined {
    const rps = record.rps as { serie: string; numero: number };
    return e2e.app.mock.stats().byRps[MockStats.rpsKey(String(record.municipalityCode), { cnpj: CNPJ, ...rps })]?.nfseIssued;
  }

  it('reprocesses a rejected invoice from the failures queue once the city accepts, issuing it once', async () => {
    e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['GerarNfse'] });
    const invoiceId = await emit();
    const failedRecord = await e2e.waitForStatus(invoiceId, ['FAILED'], 30_000);

    const failures = await e2e.call('GET', '/ops/failures', ops);
    expect(failures.status).toBe(200);
    expect(failures.body.items).toContainEqual(expect.objectContaining({ invoiceId, workflow: 'emission', error: expect.objectContaining({ code: expect.stringMatching(/^E\d+$/) }) }));
    const redrive = await e2e.call('POST', `/ops/executions/${encodeURIComponent(String(failedRecord.executionArn))}/redrive`, ops);
    expect(redrive.status).toBe(409);
    expect(redrive.body.code).toBe('ReprocessInstead');

    const reprocess = await e2e.call('POST', '/ops/failures/reprocess', ops, { invoiceIds: [invoiceId] });

    expect(reprocess.status).toBe(200);
    expect(reprocess.body).toEqual({ started: [{ invoiceId, executionArn: expect.stringMatching(new RegExp(`:${invoiceId}-r1$`)) }], skipped: [] });
    const record = await e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);
    expect(record.error).toBeUndefined();
    expect((await e2e.reportRow(invoiceId))?.status).toBe('ISSUED');
    expect(issuedCount(record)).toBe(1);
    const after = await e2e.call('GET', '/ops/failures', ops);
    expect(after.body.items).not.toContainEqual(expect.objectContaining({ invoiceId }));
  });

  it('fails at the report state while the Data API is down, and a redrive finishes it without issuing again', async () => {
    const admin = rdsDataAdmin(testClientConfig().endpoint, e2e.app.names.dbClusterArn);
    await admin.outage(3600);
    const invoiceId = await emit();
    const executionArn = `${e2e.app.names.env.EMISSION_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${invoiceId}`;

    const failed = await waitForExecution(executionArn, 'FAILED', 60_000);
    expect(failed.remedy).toBe('redrive');
    expect(failed.timeline.filter((e) => e.type === 'TaskStateEntered').map((e) => e.state).at(-1)).toBe('ReportIssued');
    expect((await e2e.record(invoiceId))?.status).toBe('ISSUED');
    expect(await e2e.reportRow(invoiceId).catch(() => 'unavailable')).toBe('unavailable');

    await admin.resume();
    const redrive = await e2e.call('POST', `/ops/executions/${encodeURIComponent(executionArn)}/redrive`, ops);
    expect(redrive.status).toBe(202);

    const succeeded = await waitForExecution(executionArn, 'SUCCEEDED', 30_000);
    expect(succeeded.redriveCount).toBe(1);
    expect(succeeded.timeline.some((e) => e.type === 'ExecutionRedriven')).toBe(true);
    expect((await e2e.reportRow(invoiceId))?.status).toBe('ISSUED');
    const record = await e2e.record(invoiceId);
    expect(record !== undefined && issuedCount(record)).toBe(1);
    expect(statesEntered(await e2e.history(executionArn)).filter((s) => s === 'RequestIssuance')).toHaveLength(1);
  }, 120_000);

  it('refuses the ops API to an ops grant limited to some companies, and lets an all-companies one act on any tenant', async () => {
    e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['GerarNfse'] });
    const invoiceId = await emit();
    await e2e.waitForStatus(invoiceId, ['FAILED'], 30_000);
    const scoped = await e2e.token('ops-suite-scoped', [OTHER], 'ops');
    // A grant naming ops for one company only, as an administrator might write it by hand.
    await e2e.ddb.send(new PutCommand({ TableName: e2e.app.names.tenantsTable, Item: { principal: 'ops-suite-scoped', cnpjs: [OTHER], role: 'ops', updatedAt: new Date().toISOString() } }));
    const platform = await e2e.token('ops-suite-platform', [OTHER], 'ops');

    const failures = await e2e.call('GET', '/ops/failures', scoped);
    const reprocess = await e2e.call('POST', `/ops/invoices/${invoiceId}/reprocess`, scoped);
    const stop = await e2e.call('POST', `/ops/executions/${encodeURIComponent(String((await e2e.record(invoiceId))?.executionArn))}/stop`, scoped);

    for (const refused of [failures, reprocess, stop]) {
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'Forbidden', message: "This caller's grant is not valid: ask an administrator to correct it" });
    }
    expect((await e2e.record(invoiceId))?.reprocessCount).toBeUndefined();
    const started = await e2e.call('POST', `/ops/invoices/${invoiceId}/reprocess`, platform);
    expect(started.status).toBe(202);
    expect(await e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000)).toMatchObject({ reprocessCount: 1 });
  });

  it('lists failed executions for ops and refuses the ops API to a client', async () => {
    const listed = await e2e.call('GET', '/executions?status=FAILED', ops);
    const refused = await e2e.call('GET', '/executions', client);

    expect(listed.status).toBe(200);
    expect((listed.body.items as Array<{ status: string }>).every((e) => e.status === 'FAILED')).toBe(true);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe("Role 'client' may not read executions");
  });

  async function waitForExecution(executionArn: string, status: string, timeoutMs: number): Promise<{ remedy: string; redriveCount?: number; timeline: Array<{ type: string; state?: string }> }> {
    const detail = await eventually(
      `execution ${status}`,
      async () => (await e2e.call('GET', `/executions/${encodeURIComponent(executionArn)}`, ops)).body,
      (body) => body.status === status,
      { timeoutMs, intervalMs: 200 },
    );
    return detail as unknown as { remedy: string; redriveCount?: number; timeline: Array<{ type: string; state?: string }> };
  }
});
