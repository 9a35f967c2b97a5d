import type { ExecutionDetail, TimelineEntry } from '../../contracts/ops';
import { startE2eApp, type E2eApp } from './e2eApp';

const DEMO = '11222333000181';
const OTHER = '11444777000161';
const body = { companyCnpj: DEMO, municipalityCode: '3550308', total: '42.00', service: { code: '01.07', description: 'x', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };

describe('the API the console reads: /me, invoice history, executions by tenant, stop', () => {
  let e2e: E2eApp;
  let client: string;
  let viewer: string;
  let otherViewer: string;
  let ops: string;

  beforeAll(async () => {
    e2e = await startE2eApp();
    client = await e2e.token('console-api-client', [DEMO]);
    viewer = await e2e.token('console-api-viewer', [DEMO], 'viewer');
    otherViewer = await e2e.token('console-api-other', [OTHER], 'viewer');
    ops = await e2e.token('console-api-ops', [DEMO], 'ops');
  }, 60_000);

  afterAll(async () => {
    e2e.app.mock.reset();
    await e2e.stop();
  });

  async function issued(): Promise<{ invoiceId: string; executionArn: string }> {
    const created = await e2e.call('POST', '/invoices', client, body);
    expect(created.status).toBe(201);
    const invoiceId = String(created.body.invoiceId);
    const record = await e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);
    await e2e.finishedHistory(String(record.executionArn));
    return { invoiceId, executionArn: String(record.executionArn) };
  }

  it('tells the caller their role and companies', async () => {
    const asViewer = await e2e.call('GET', '/me', viewer);
    const asOps = await e2e.call('GET', '/me', ops);

    expect(asViewer.status).toBe(200);
    expect(asViewer.body).toEqual({ principal: 'console-api-viewer', role: 'viewer', cnpjs: [DEMO], allCompanies: false });
    expect(asOps.body).toEqual({ principal: 'console-api-ops', role: 'ops', cnpjs: [DEMO], allCompanies: true });
  });

  it("gives an invoice's status timeline and executions from the workflow's history", async () => {
    const { invoiceId, executionArn } = await issued();

    const history = await e2e.call('GET', `/invoices/${invoiceId}/history`, viewer);

    expect(history.status).toBe(200);
    expect((history.body.statuses as Array<{ status: string; state?: string }>).map((s) => [s.status, s.state])).toEqual([
      ['EMITTED', undefined],
      ['PROCESSING', 'MarkProcessing'],
      ['ISSUED', 'MarkIssued'],
    ]);
    expect(history.body.executions).toEqual([expect.objectContaining({ executionArn, name: invoiceId, workflow: 'emission', status: 'SUCCEEDED' })]);
    expect((await e2e.call('GET', `/invoices/${invoiceId}/history`, otherViewer)).status).toBe(404);
  });

  it("shows an execution with its definition and data to its tenant's viewer, and hides it from another tenant", async () => {
    const { invoiceId, executionArn } = await issued();

    const mine = await e2e.call('GET', `/executions/${encodeURIComponent(executionArn)}`, viewer);
    const theirs = await e2e.call('GET', `/executions/${encodeURIComponent(executionArn)}`, otherViewer);
    const mineListed = await e2e.call('GET', '/executions?workflow=emission&limit=100', viewer);
    const theirsListed = await e2e.call('GET', '/executions?workflow=emission&limit=100', otherViewer);

    expect(mine.status).toBe(200);
    const detail = mine.body as unknown as ExecutionDetail;
    expect(detail).toEqual(expect.objectContaining({ name: invoiceId, status: 'SUCCEEDED', workflow: 'emission', remedy: 'none' }));
    expect((JSON.parse(detail.definition) as { StartAt: string }).StartAt).toBe('MarkProcessing');
    const entered = detail.timeline.find((e: TimelineEntry) => e.type === 'TaskStateEntered' && e.state === 'MarkProcessing');
    expect(JSON.parse(entered?.input ?? 'null')).toEqual(expect.objectContaining({ invoiceId }));
    expect(detail.timeline.find((e) => e.type === 'TaskScheduled')?.resource).toBe('dynamodb:updateItem');
    expect(detail.timeline.at(-1)).toEqual(expect.objectContaining({ type: 'ExecutionSucceeded', previousEventId: expect.any(Number) }));
    expect(theirs.status).toBe(404);
    expect((mineListed.body.items as Array<{ name: string }>).map((e) => e.name)).toContain(invoiceId);
    expect((theirsListed.body.items as Array<{ name: string }>).map((e) => e.name)).not.toContain(invoiceId);
  });

  it('refuses redrive, stop and the failures queue to a viewer with 403', async () => {
    const { executionArn } = await issued();
    const arn = encodeURIComponent(executionArn);

    const answers = await Promise.all([e2e.call('POST', `/ops/executions/${arn}/redrive`, viewer), e2e.call('POST', `/ops/executions/${arn}/stop`, viewer), e2e.call('GET', '/ops/failures', viewer)]);

    expect(answers.map((a) => a.status)).toEqual([403, 403, 403]);
    expect(answers[0]?.body.message).toBe("Role 'viewer' may not use the ops API");
  });

  it('lets ops stop a running execution, and answers 409 once it is no longer running', async () => {
    e2e.app.mock.knobs.set({ latencyMs: 60_000 });
    const created = await e2e.call('POST', '/invoices', client, body);
    const invoiceId = String(created.body.invoiceId);
    const executionArn = `${e2e.app.names.env.EMISSION_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${invoiceId}`;
    await e2e.waitForStatus(invoiceId, ['PROCESSING'], 20_000);

    const stopped = await e2e.call('POST', `/ops/executions/${encodeURIComponent(executionArn)}/stop`, ops);
    const again = await e2e.call('POST', `/ops/executions/${encodeURIComponent(executionArn)}/stop`, ops);
    e2e.app.mock.knobs.set({ latencyMs: 0 });

    expect(stopped.status).toBe(202);
    const detail = (await e2e.call('GET', `/executions/${encodeURIComponent(executionArn)}`, ops)).body;
    expect(detail).toEqual(expect.objectContaining({ status: 'ABORTED', remedy: 'redrive', error: 'Ops.Stopped', cause: 'Stopped by console-api-ops from the ops API' }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('NotRunning');
  });

  it('filters the invoice list by municipality', async () => {
    const { invoiceId } = await issued();

    const sameCity = await e2e.call('GET', `/invoices?companyCnpj=${DEMO}&municipalityCode=3550308&limit=200`, viewer);
    const otherCity = await e2e.call('GET', `/invoices?companyCnpj=${DEMO}&municipalityCode=3304557&limit=200`, viewer);
    const badCity = await e2e.call('GET', `/invoices?companyCnpj=${DEMO}&municipalityCode=12`, viewer);

    expect((sameCity.body.items as Array<{ invoiceId: string }>).map((i) => i.invoiceId)).toContain(invoiceId);
    expect(otherCity.body.items).toEqual([]);
    expect(badCity.status).toBe(400);
    expect(badCity.body.errors).toEqual([expect.objectContaining({ field: 'municipalityCode' })]);
  });
});
