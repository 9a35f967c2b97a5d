import { startE2eApp, statesEntered, type E2eApp } from './e2eApp';

const CNPJ = '11222333000181';
const body = { companyCnpj: CNPJ, municipalityCode: '3550308', total: '80.00', service: { code: '01.07', description: 'x', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };

describe('cancellation, end to end on the local cloud', () => {
  let e2e: E2eApp;
  let token: string;

  beforeAll(async () => {
    e2e = await startE2eApp();
    token = await e2e.token('cancel-client', [CNPJ]);
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  async function issued(): Promise<string> {
    const created = await e2e.call('POST', '/invoices', token, body);
    const invoiceId = String(created.body.invoiceId);
    await e2e.waitForStatus(invoiceId, ['ISSUED']);
    return invoiceId;
  }

  it('cancels an ISSUED invoice: CANCELLED in DynamoDB and Aurora, one CancelarNfse', async () => {
    const invoiceId = await issued();
    const before = e2e.app.mock.stats().calls.CancelarNfse ?? 0;

    const response = await e2e.call('POST', `/invoices/${invoiceId}/cancel`, token, { reasonCode: 1, reason: 'erro na emissão' });

    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ invoiceId, status: 'CANCELLING' });
    const record = await e2e.waitForStatus(invoiceId, ['CANCELLED']);
    expect(record.cancellation).toMatchObject({ reasonCode: 1, reason: 'erro na emissão', cancelledAt: expect.any(String) });
    // The city's time keeps its milliseconds: cut to the second it came before the request.
    const { requestedAt, cancelledAt } = record.cancellation as { requestedAt: string; cancelledAt: string };
    expect(Date.parse(cancelledAt)).toBeGreaterThanOrEqual(Date.parse(requestedAt));
    expect((await e2e.reportRow(invoiceId))?.status).toBe('CANCELLED');
    const history = await e2e.finishedHistory(String(response.body.executionArn));
    expect(statesEntered(history)).toEqual(['MarkCancelling', 'RequestCancellation', 'MarkCancelled', 'ReportCancelled', 'PublishCancelled', 'Cancelled']);
    expect((e2e.app.mock.stats().calls.CancelarNfse ?? 0) - before).toBe(1);
  });

  it('puts a refused cancellation back to ISSUED with the city’s error', async () => {
    const invoiceId = await issued();
    e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['CancelarNfse'] });

    const response = await e2e.call('POST', `/invoices/${invoiceId}/cancel`, token, { reasonCode: 2 });
    expect(response.status).toBe(202);

    const history = await e2e.finishedHistory(String(response.body.executionArn));
    const record = await e2e.record(invoiceId);
    expect(record).toMatchObject({ status: 'ISSUED', error: { code: expect.stringMatching(/^E\d+$/) } });
    expect(statesEntered(history)).toEqual(['MarkCancelling', 'RequestCancellation', 'RestoreIssued', 'ReportRestored', 'RouteFailure', 'CancellationRefused']);
    expect((await e2e.reportRow(invoiceId))?.status).toBe('ISSUED');
  });

  it('answers 409 for an invoice that is not ISSUED', async () => {
    const invoiceId = await issued();
    await e2e.call('POST', `/invoices/${invoiceId}/cancel`, token, { reasonCode: 1 });
    await e2e.waitForStatus(invoiceId, ['CANCELLED']);

    const again = await e2e.call('POST', `/invoices/${invoiceId}/cancel`, token, { reasonCode: 1 });

    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'InvoiceNotIssued', message: `Invoice ${invoiceId} is CANCELLED: only an ISSUED invoice can be cancelled` });
  });
});
