import type { EmfDocument } from '../../lib/metrics/MetricsEmitter';
import { eventually } from '../harness/eventually';
import { startE2eApp, type E2eApp } from './e2eApp';

const CNPJ = '11222333000181';
const invoice = (municipalityCode: string): Record<string, unknown> => ({
  companyCnpj: CNPJ,
  municipalityCode,
  total: '150.00',
  service: { code: '01.07', description: 'Suporte técnico', issRate: '2.00' },
  tomador: { document: '52998224725', name: 'Maria da Silva', email: 'maria@example.com' },
});

/** What an outcome document declares (its timestamp aside): two dimension sets, each with the service. */
const OUTCOME_METRICS = [
  {
    Namespace: 'NfseFlow',
    Dimensions: [
      ['service', 'municipalityCode'],
      ['service', 'companyCnpj'],
    ],
    Metrics: [
      { Name: 'InvoicesIssued', Unit: 'Count' },
      { Name: 'InvoicesFailed', Unit: 'Count' },
    ],
  },
];

describe('invoice metrics, end to end: workflow → bus rule → Lambda → EMF', () => {
  let e2e: E2eApp;
  let token: string;
  const documents: EmfDocument[] = [];

  beforeAll(async () => {
    e2e = await startE2eApp({ invoiceMetricsEmf: (document) => documents.push(document) });
    token = await e2e.token('e2e-metrics', [CNPJ]);
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  async function emit(municipalityCode: string): Promise<string> {
    const response = await e2e.call('POST', '/invoices', token, invoice(municipalityCode));
    expect(response.status).toBe(201);
    return String(response.body.invoiceId);
  }

  function documentOf(invoiceId: string): Promise<EmfDocument> {
    return eventually(`the EMF document of ${invoiceId}`, () => documents.filter((document) => document.invoiceId === invoiceId), (found) => found.length > 0, { timeoutMs: 30_000, intervalMs: 100 }).then((found) => {
      expect(found).toHaveLength(1);
      return found[0] as EmfDocument;
    });
  }

  it('writes InvoicesIssued for an issued invoice and InvoicesFailed, with the error, for a rejected one', async () => {
    const issuedId = await emit('3550308');
    await e2e.waitForStatus(issuedId, ['ISSUED'], 30_000);
    // The city's next GerarNfse is refused: the one of the second invoice, now the first is issued.
    e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['GerarNfse'] });
    const failedId = await emit('3304557');
    const failed = await e2e.waitForStatus(failedId, ['FAILED'], 30_000);
    const error = failed.error as { code: string; kind: string };

    const issuedDocument = await documentOf(issuedId);
    const failedDocument = await documentOf(failedId);

    const { _aws: issuedAws, ...issuedRest } = issuedDocument;
    expect(issuedAws).toEqual({ Timestamp: expect.any(Number), CloudWatchMetrics: OUTCOME_METRICS });
    expect(issuedRest).toEqual({ invoiceId: issuedId, service: 'invoices', municipalityCode: '3550308', companyCnpj: CNPJ, InvoicesIssued: 1, InvoicesFailed: 0 });
    const { _aws: failedAws, ...failedRest } = failedDocument;
    expect(failedAws).toEqual({ Timestamp: expect.any(Number), CloudWatchMetrics: OUTCOME_METRICS });
    expect(error.kind).toBe('Provider.Rejected');
    expect(failedRest).toEqual({ invoiceId: failedId, errorName: 'Provider.Rejected', errorCode: error.code, service: 'invoices', municipalityCode: '3304557', companyCnpj: CNPJ, InvoicesIssued: 0, InvoicesFailed: 1 });
  }, 90_000);
});
