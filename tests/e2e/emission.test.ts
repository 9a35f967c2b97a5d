import { MockStats } from '../../local/provider-mock/MockStats';
import { gerarNfseEnvioXml } from '../../adapter-container/xml/abrasfMessages';
import { loadAbrasfValidator } from '../../adapter-container/xml/abrasfValidator';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { startE2eApp, statesEntered, taskFailures, type E2eApp } from './e2eApp';

const CNPJ = '11222333000181';
const invoice = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  companyCnpj: CNPJ,
  municipalityCode: '3550308',
  total: '150.00',
  service: { code: '01.07', description: 'Suporte técnico', issRate: '2.00' },
  tomador: { document: '52998224725', name: 'Maria da Silva', email: 'maria@example.com' },
  ...overrides,
});

const ISSUED_PATH = ['MarkProcessing', 'RequestIssuance', 'CheckOutcome', 'MarkIssued', 'ReportIssued', 'PublishIssued', 'Issued'];

describe('emission, end to end on the local cloud', () => {
  let e2e: E2eApp;
  let token: string;

  beforeAll(async () => {
    e2e = await startE2eApp();
    token = await e2e.token('e2e-client', [CNPJ]);
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  beforeEach(() => {
    e2e.app.mock.reset({ keepKnobs: true });
  });

  async function emit(body = invoice()): Promise<string> {
    const response = await e2e.call('POST', '/invoices', token, body);
    expect(response.status).toBe(201);
    return String(response.body.invoiceId);
  }

  function rpsStats(record: Record<string, unknown>): { calls: Record<string, number>; nfseIssued: number } | undefined {
    const rps = record.rps as { serie: string; numero: number };
    return e2e.app.mock.stats().byRps[MockStats.rpsKey(String(record.municipalityCode), { cnpj: CNPJ, ...rps })];
  }

  it('issues an invoice: record, RPS XML valid against the XSD, Aurora row, history, one GerarNfse', async () => {
    const response = await e2e.call('POST', '/invoices', token, invoice());

    expect(response.status).toBe(201);
    const invoiceId = String(response.body.invoiceId);
    expect(response.body).toEqual({ invoiceId, status: 'EMITTED', xmlKey: `xml/${invoiceId}.xml` });
    expect(response.headers.get('location')).toBe(`/invoices/${invoiceId}`);

    const record = await e2e.waitForStatus(invoiceId, ['ISSUED']);
    expect(record).toMatchObject({ status: 'ISSUED', companyCnpj: CNPJ, total: '150.00', rps: { serie: '1' }, nfseXmlKey: `nfse/${invoiceId}.xml` });
    expect(record.nfseNumber).toEqual(expect.stringMatching(/^\d+$/));
    expect(record.sweepShard).toBeUndefined(); // claimed by the workflow: out of the sweeper's index
    expect(record.executionArn).toBe(`${e2e.app.names.env.EMISSION_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${invoiceId}`);

    const validator = await loadAbrasfValidator();
    const rpsXml = await e2e.object(`xml/${invoiceId}.xml`);
    expect(validator?.validate(gerarNfseEnvioXml(rpsXml))).toEqual({ valid: true, errors: [] });
    expect(await e2e.object(`nfse/${invoiceId}.xml`)).toContain(`<Numero>${String(record.nfseNumber)}</Numero>`);

    expect(await e2e.reportRow(invoiceId)).toEqual({ status: 'ISSUED', total: '150.00', nfse_number: record.nfseNumber, error: null, rps_numero: String((record.rps as { numero: number }).numero) });
    const history = await e2e.finishedHistory(String(record.executionArn));
    expect(statesEntered(history)).toEqual(ISSUED_PATH);
    expect(history.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(rpsStats(record)).toEqual({ calls: { GerarNfse: 1 }, nfseIssued: 1 });
  });

  it('issues once when the city times out after accepting (consults by RPS before resending)', async () => {
    e2e.app.mock.knobs.failNext({ kind: 'acceptThenTimeout', count: 1, operations: ['GerarNfse'] });

    const invoiceId = await emit();
    const record = await e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);

    const history = await e2e.finishedHistory(String(record.executionArn));
    expect(taskFailures(history)).toEqual(['Provider.Ambiguous']);
    expect(statesEntered(history)).toEqual(ISSUED_PATH);
    expect(rpsStats(record)).toMatchObject({ calls: { GerarNfse: 1, ConsultarNfsePorRps: 1 }, nfseIssued: 1 });
  });

  it('retries twice on transient failures, visibly, and issues once', async () => {
    e2e.app.mock.knobs.failNext({ kind: 'transient5xx', count: 2, operations: ['GerarNfse'] });

    const invoiceId = await emit();
    const record = await e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);

    const history = await e2e.finishedHistory(String(record.executionArn));
    expect(taskFailures(history)).toEqual(['Provider.Transient', 'Provider.Transient']);
    expect(history.filter((e) => e.taskScheduledEventDetails?.resource === 'sendMessage.waitForTaskToken')).toHaveLength(3);
    expect(rpsStats(record)?.calls.GerarNfse).toBe(3);
    expect(rpsStats(record)?.nfseIssued).toBe(1);
  });

  it('polls an asynchronous city with the Wait/Choice loop until it issues', async () => {
    const invoiceId = await emit(invoice({ municipalityCode: '3106200' }));
    const record = await e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);

    const entered = statesEntered(await e2e.finishedHistory(String(record.executionArn)));
    expect(entered.slice(0, 3)).toEqual(['MarkProcessing', 'RequestIssuance', 'CheckOutcome']);
    expect(entered).toContain('WaitForCity');
    expect(entered).toContain('ConsultBatch');
    expect(entered.slice(-5)).toEqual(['CheckOutcome', 'MarkIssued', 'ReportIssued', 'PublishIssued', 'Issued']);
    expect(record.providerProtocol).toEqual(expect.any(String));
    expect(rpsStats(record)).toMatchObject({ calls: { RecepcionarLoteRps: 1 }, nfseIssued: 1 });
  });

  it('marks a rejected invoice FAILED with the city’s code and hands it to ops', async () => {
    e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['GerarNfse'] });

    const invoiceId = await emit();
    const record = await e2e.waitForStatus(invoiceId, ['FAILED'], 30_000);

    expect(record.error).toEqual({ code: expect.stringMatching(/^E\d+$/), message: expect.any(String), kind: 'Provider.Rejected' });
    const history = await e2e.finishedHistory(String(record.executionArn));
    expect(statesEntered(history)).toEqual(['MarkProcessing', 'RequestIssuance', 'MarkFailed', 'ReportFailed', 'RouteFailure', 'PublishFailed', 'InvoiceFailed']);
    expect(history.at(-1)?.executionFailedEventDetails?.error).toBe('Invoice.Failed');
    expect((await e2e.reportRow(invoiceId))?.status).toBe('FAILED');
    const failures = await e2e.sqs.send(new ReceiveMessageCommand({ QueueUrl: e2e.app.names.env.FAILURES_QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    const routed = (failures.Messages ?? []).map((m) => JSON.parse(m.Body ?? '{}') as { invoiceId: string; workflow: string });
    expect(routed).toContainEqual(expect.objectContaining({ invoiceId, workflow: 'emission' }));
  });

  it('answers a replay with the same Idempotency-Key with the same invoice, and another body with 409', async () => {
    const headers = { 'Idempotency-Key': `key-${Date.now()}` };

    const first = await e2e.call('POST', '/invoices', token, invoice(), headers);
    const replay = await e2e.call('POST', '/invoices', token, invoice(), headers);
    const other = await e2e.call('POST', '/invoices', token, invoice({ total: '151.00' }), headers);

    expect(first.status).toBe(201);
    expect(replay).toMatchObject({ status: 201, body: first.body });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'IdempotencyKeyReused' });
  });
});
