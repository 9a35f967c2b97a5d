import { MockStats } from '../../local/provider-mock/MockStats';
import { rdsDataAdmin } from '../../local/rds-data/rdsDataAdmin';
import { testClientConfig } from '../harness/localCloudEnv';
import { startE2eApp, type E2eApp } from './e2eApp';
import { eventually } from '../harness/eventually';

const CNPJ = '11222333000181';
const body = { companyCnpj: CNPJ, municipalityCode: '3550308', total: '61.00', service: { code: '01.07', description: 'x', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };

interface Entry {
  readonly invoiceId: string;
  readonly workflow: string;
  readonly state: string;
  readonly invoiceStatus?: string;
  readonly actions: string[];
  readonly note?: string;
}

describe('ops: the failures queue, dismiss, correct and re-emit, and failed executions, end to end', () => {
  let e2e: E2eApp;
  let client: string;
  let ops: string;

  beforeAll(async () => {
    e2e = await startE2eApp();
    client = await e2e.token('failures-client', [CNPJ]);
    ops = await e2e.token('failures-operator', [CNPJ], 'ops');
  }, 60_000);

  afterAll(async () => {
    await rdsDataAdmin(testClientConfig().endpoint, e2e.app.names.dbClusterArn).resume();
    await e2e.stop();
  });

  afterEach(() => e2e.app.mock.reset({ keepKnobs: true }));

  async function emit(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await e2e.call('POST', '/invoices', client, { ...body, ...overrides });
    expect(created.status).toBe(201);
    return String(created.body.invoiceId);
  }

  async function entries(): Promise<Entry[]> {
    const listed = await e2e.call('GET', '/ops/failures', ops);
    expect(listed.status).toBe(200);
    return listed.body.items as Entry[];
  }

  async function entryOf(invoiceId: string): Promise<Entry | undefined> {
    return (await entries()).find((entry) => entry.invoiceId === invoiceId);
  }

  /** An ISSUED invoice whose cancellation the city refused: ISSUED again, its refusal on the failures queue. */
  async function refusedCancellation(): Promise<string> {
    const invoiceId = await emit();
    await e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);
    e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['CancelarNfse'] });
    const cancel = await e2e.call('POST', `/invoices/${invoiceId}/cancel`, client, { reasonCode: 2, reason: 'serviço não prestado' });
    expect(cancel.status).toBe(202);
    await e2e.finishedHistory(String(cancel.body.executionArn));
    await eventually('the refusal on the failures queue', () => entryOf(invoiceId), (entry) => entry !== undefined);
    return invoiceId;
  }

  it('reprocesses a refused cancellation as a new cancel request with its reason, and the entry leaves the queue once CANCELLED', async () => {
    const invoiceId = await refusedCancellation();
    expect(await entryOf(invoiceId)).toMatchObject({ workflow: 'cancellation', state: 'open', invoiceStatus: 'ISSUED', actions: ['reprocess', 'dismiss'] });

    const reprocess = await e2e.call('POST', '/ops/failures/reprocess', ops, { invoiceIds: [invoiceId] });

    expect(reprocess.status).toBe(200);
    expect(reprocess.body).toEqual({ started: [{ invoiceId, executionArn: expect.stringMatching(new RegExp(`:${invoiceId}-cancel-2$`)) }], skipped: [] });
    const record = await e2e.waitForStatus(invoiceId, ['CANCELLED'], 30_000);
    expect(record.cancellation).toMatchObject({ reasonCode: 2, reason: 'serviço não prestado' });
    expect(await entryOf(invoiceId)).toBeUndefined();
  });

  it('shows an entry resolved, with the invoice CANCELLED, once a new cancel request succeeded, then drops it from the queue', async () => {
    const invoiceId = await refusedCancellation();
    const again = await e2e.call('POST', `/invoices/${invoiceId}/cancel`, client, { reasonCode: 1 });
    expect(again.status).toBe(202);
    await e2e.waitForStatus(invoiceId, ['CANCELLED'], 30_000);

    const first = await entryOf(invoiceId);
    const second = await entryOf(invoiceId);

    expect(first).toMatchObject({ workflow: 'cancellation', state: 'resolved', invoiceStatus: 'CANCELLED', actions: [] });
    expect(second).toBeUndefined();
  });

  it('dismisses an entry with a reason, which the invoice’s timeline keeps', async () => {
    e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['GerarNfse'] });
    const invoiceId = await emit();
    await e2e.waitForStatus(invoiceId, ['FAILED'], 30_000);
    await eventually('the failure on the queue', () => entryOf(invoiceId), (entry) => entry !== undefined);
    const missingReason = await e2e.call('POST', `/ops/failures/${invoiceId}/dismiss`, ops, {});

    const dismissed = await e2e.call('POST', `/ops/failures/${invoiceId}/dismiss`, ops, { reason: 'duplicate of an invoice issued by hand' });

    expect(missingReason).toMatchObject({ status: 400, body: { errors: [{ field: 'reason', message: 'is required' }] } });
    expect(dismissed).toMatchObject({ status: 200, body: { invoiceId, dismissed: 1 } });
    expect(await entryOf(invoiceId)).toBeUndefined();
    const history = await e2e.call('GET', `/invoices/${invoiceId}/history`, client);
    expect(history.body.actions).toEqual([{ action: 'dismissed', at: expect.any(String), by: 'failures-operator', reason: 'duplicate of an invoice issued by hand', executionName: invoiceId }]);
    expect(await e2e.call('POST', `/ops/failures/${invoiceId}/dismiss`, ops, { reason: 'again' })).toMatchObject({ status: 404, body: { message: `Invoice ${invoiceId} is not on the failures queue` } });
  });

  it('corrects and re-emits an invoice its city rejected: a new RPS, the old one kept as replaced, issued once', async () => {
    e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['GerarNfse'] });
    const invoiceId = await emit({ service: { code: '01.07', description: 'Serviço recusado', issRate: '2.00' } });
    const failed = await e2e.waitForStatus(invoiceId, ['FAILED'], 30_000);
    expect(failed.error).toMatchObject({ code: 'E160', kind: 'Provider.Rejected' });
    const oldRps = failed.rps as { serie: string; numero: number };
    expect(await eventually('the failure on the queue', () => entryOf(invoiceId), (entry) => entry !== undefined)).toMatchObject({ state: 'open', actions: ['reprocess', 'correct', 'dismiss'] });

    const changes = { service: { code: '01.07', description: 'Suporte técnico', issRate: '2.00' } };
    const corrected = await e2e.call('POST', `/ops/invoices/${invoiceId}/correct`, ops, { reason: 'the city wants the service described', changes });

    expect(corrected.status).toBe(202);
    expect(corrected.body).toEqual({
      invoiceId,
      executionArn: expect.stringMatching(new RegExp(`:${invoiceId}-r1$`)),
      rps: { serie: '1', numero: expect.any(Number) },
      replacedRps: oldRps,
    });
    const record = await e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);
    const rps = record.rps as { serie: string; numero: number };
    expect(record).toMatchObject({ municipalityCode: '3550308', service: { description: 'Suporte técnico' }, replacedRps: [{ ...oldRps, municipalityCode: '3550308', replacedAt: expect.any(String) }] });
    expect(rps).toEqual((corrected.body as { rps: unknown }).rps);
    expect(record.xmlKey).not.toBe(failed.xmlKey);
    expect(await e2e.object(String(failed.xmlKey))).toContain('Serviço recusado');
    expect(await e2e.object(String(record.xmlKey))).toContain(`<Numero>${rps.numero}</Numero>`);
    expect(await e2e.object(String(record.xmlKey))).toContain('Suporte técnico');
    expect(e2e.app.mock.stats().byRps[MockStats.rpsKey('3550308', { cnpj: CNPJ, ...rps })]?.nfseIssued).toBe(1);
    const history = await e2e.call('GET', `/invoices/${invoiceId}/history`, client);
    expect(history.body.actions).toEqual([
      { action: 'corrected', at: expect.any(String), by: 'failures-operator', reason: 'the city wants the service described', fields: ['service'], replacedRps: oldRps, rps, executionName: `${invoiceId}-r1` },
    ]);
    expect(await entryOf(invoiceId)).toBeUndefined();
  });

  it('refuses a correction to a municipality the registry does not serve (422) and leaves the invoice FAILED', async () => {
    e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['GerarNfse'] });
    const invoiceId = await emit();
    await e2e.waitForStatus(invoiceId, ['FAILED'], 30_000);

    const refused = await e2e.call('POST', `/ops/invoices/${invoiceId}/correct`, ops, { reason: 'wrong city', changes: { municipalityCode: '9999999' } });

    expect(refused).toMatchObject({ status: 422, body: { code: 'MunicipalityNotSupported', message: 'Municipality 9999999 is not supported: GET /municipalities lists the supported ones' } });
    expect((await e2e.call('GET', `/invoices/${invoiceId}`, client)).body).toMatchObject({ status: 'FAILED', municipalityCode: '3550308' });
  });

  it('refuses to correct an invoice that is not FAILED', async () => {
    const invoiceId = await emit();
    await e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);

    const refused = await e2e.call('POST', `/ops/invoices/${invoiceId}/correct`, ops, { reason: 'x', changes: { total: '62.00' } });

    expect(refused).toMatchObject({ status: 409, body: { code: 'InvoiceNotFailed', message: `Invoice ${invoiceId} is ISSUED: only a FAILED invoice can be corrected` } });
  });

  it('lists executions that failed inside the workflow with their remedy, beside the queue, and redrives them in bulk', async () => {
    const admin = rdsDataAdmin(testClientConfig().endpoint, e2e.app.names.dbClusterArn);
    await admin.outage(3600);
    const invoiceId = await emit();
    const listed = await eventually(
      'the execution failed at its report state',
      async () => (await e2e.call('GET', '/ops/failed-executions', ops)).body.items as Array<Record<string, unknown>>,
      (items) => items.some((item) => item.name === invoiceId),
      { timeoutMs: 60_000 },
    );
    await admin.resume();

    expect(listed.find((item) => item.name === invoiceId)).toMatchObject({ workflow: 'emission', status: 'FAILED', failedState: 'ReportIssued', remedy: 'redrive', invoiceId });
    expect(listed.every((item) => item.remedy === 'redrive')).toBe(true);
    const redriven = await e2e.call('POST', '/ops/failed-executions/redrive', ops, { all: true });

    expect(redriven.status).toBe(200);
    expect(redriven.body.redriven).toContainEqual({ executionArn: expect.stringMatching(new RegExp(`:${invoiceId}$`)), invoiceId });
    await eventually('the redriven execution succeeded', async () => (await e2e.call('GET', `/executions/${invoiceId}`, ops)).body.status, (status) => status === 'SUCCEEDED', { timeoutMs: 30_000 });
    expect(((await e2e.call('GET', '/ops/failed-executions', ops)).body.items as Array<{ name: string }>).map((item) => item.name)).not.toContain(invoiceId);
    const history = await e2e.call('GET', `/invoices/${invoiceId}/history`, client);
    expect(history.body.actions).toEqual([{ action: 'redriven', at: expect.any(String), by: 'failures-operator', executionName: invoiceId }]);
  }, 120_000);

  it('stops a running execution by its name, which the invoice’s timeline keeps', async () => {
    // 60 s at the test time scale: the call is still in the city when the stop arrives.
    e2e.app.mock.knobs.set({ latencyMs: 60_000 });
    const invoiceId = await emit();
    await eventually('waiting for the city', async () => (await e2e.call('GET', `/executions/${invoiceId}`, ops)).body.activity, (activity) => (activity as { waitingForCallback?: boolean } | undefined)?.waitingForCallback === true);

    const stopped = await e2e.call('POST', `/ops/executions/${invoiceId}/stop`, ops);

    e2e.app.mock.knobs.set({ latencyMs: 0 });
    expect(stopped).toMatchObject({ status: 202, body: { executionArn: expect.stringMatching(new RegExp(`:${invoiceId}$`)) } });
    expect((await e2e.call('GET', `/executions/${invoiceId}`, ops)).body).toMatchObject({ status: 'ABORTED', error: 'Ops.Stopped' });
    expect((await e2e.call('GET', `/invoices/${invoiceId}/history`, client)).body.actions).toEqual([{ action: 'stopped', at: expect.any(String), by: 'failures-operator', executionName: invoiceId }]);
  });

  it('takes the execution name the list prints wherever it takes an ARN: 400 for a malformed one, 404 for an unknown one', async () => {
    const invoiceId = await emit();
    await e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);
    await eventually('the execution ended', async () => (await e2e.call('GET', `/executions/${encodeURIComponent(`${e2e.app.names.env.EMISSION_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${invoiceId}`)}`, ops)).body.status, (status) => status === 'SUCCEEDED');

    const shown = await e2e.call('GET', `/executions/${invoiceId}`, ops);
    const redrive = await e2e.call('POST', `/ops/executions/${invoiceId}/redrive`, ops);
    const stop = await e2e.call('POST', `/ops/executions/${invoiceId}/stop`, ops);
    const malformed = await e2e.call('GET', '/executions/not-an-execution', ops);
    const unknown = await e2e.call('GET', '/executions/01ARZ3NDEKTSV4RRFFQ69G5FAV-r3', ops);
    const unknownRedrive = await e2e.call('POST', '/ops/executions/01ARZ3NDEKTSV4RRFFQ69G5FAV/redrive', ops);

    expect(shown).toMatchObject({ status: 200, body: { name: invoiceId, workflow: 'emission', status: 'SUCCEEDED' } });
    expect(redrive).toMatchObject({ status: 409, body: { code: 'NotRedrivable' } });
    expect(stop).toMatchObject({ status: 409, body: { code: 'NotRunning' } });
    expect(malformed.status).toBe(400);
    expect((malformed.body.errors as Array<{ field: string }>)[0]?.field).toBe('arn');
    expect(unknown).toMatchObject({ status: 404, body: { message: 'Execution 01ARZ3NDEKTSV4RRFFQ69G5FAV-r3 not found' } });
    expect(unknownRedrive.status).toBe(404);
  });
});
