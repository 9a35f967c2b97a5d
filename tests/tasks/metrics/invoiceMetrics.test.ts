import { invoiceMetricsHandler } from '../../../tasks/metrics/handler';
import type { EmfDocument } from '../../../lib/metrics/MetricsEmitter';

/** Real time: Powertools warns about a timestamp more than 2 hours ahead or 14 days behind. */
const NOW = Math.floor(Date.now() / 1000) * 1000;
const INVOICE_ID = '01JEZ8Y4K3M5N7P9Q1R3S5T7V9';
const SUBSTITUTE_ID = '01JEZ8Y4K3M5N7P9Q1R3S5T7VA';
const EXECUTION_ARN = `arn:aws:states:us-east-1:000000000000:execution:nfse-emission:${INVOICE_ID}`;
const COMMON = { invoiceId: INVOICE_ID, companyCnpj: '11222333000181', municipalityCode: '3550308', total: '1500.00', executionArn: EXECUTION_ARN };

/** An invoice event as EventBridge hands it to a Lambda target. */
function busEvent(detailType: string, detail: Record<string, unknown>): Record<string, unknown> {
  return { version: '0', id: 'c2f6a1c4-1a7e-4f5e-9d0b-0f5f7a0e9b11', 'detail-type': detailType, source: 'nfse-flow.invoices', account: '000000000000', time: '2026-12-07T09:00:00Z', region: 'us-east-1', resources: [], detail };
}

function capture(): { handle: (event: unknown) => Promise<void>; documents: EmfDocument[] } {
  const documents: EmfDocument[] = [];
  return { handle: invoiceMetricsHandler({ disabled: false, sink: (document) => documents.push(document), now: () => NOW }), documents };
}

/** What an outcome document declares: two dimension sets, each with Powertools' service. */
const OUTCOME_AWS = {
  Timestamp: NOW,
  CloudWatchMetrics: [
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
  ],
};

describe('invoiceMetricsHandler', () => {
  it('counts an issued invoice by municipality and by company, with a 0 for failures', async () => {
    const { handle, documents } = capture();

    await handle(busEvent('InvoiceIssued', { ...COMMON, nfseNumber: '2026000123', verificationCode: 'ABCD1234', issuedAt: '2026-12-07T09:00:00.000Z' }));

    expect(documents).toEqual([{ _aws: OUTCOME_AWS, invoiceId: INVOICE_ID, service: 'invoices', municipalityCode: '3550308', companyCnpj: '11222333000181', InvoicesIssued: 1, InvoicesFailed: 0 }]);
  });

  it('counts a failed invoice with the error it failed with as properties, not dimensions', async () => {
    const { handle, documents } = capture();

    await handle(busEvent('InvoiceFailed', { ...COMMON, error: { code: 'E160', message: 'Arquivo em desacordo com o XML Schema', kind: 'Provider.Rejected' }, failedAt: '2026-12-07T09:00:00.000Z' }));

    expect(documents).toEqual([
      { _aws: OUTCOME_AWS, invoiceId: INVOICE_ID, errorName: 'Provider.Rejected', errorCode: 'E160', service: 'invoices', municipalityCode: '3550308', companyCnpj: '11222333000181', InvoicesIssued: 0, InvoicesFailed: 1 },
    ]);
  });

  it('names a failure recorded before the workflow kept the error kind by its code', async () => {
    const { handle, documents } = capture();

    await handle(busEvent('InvoiceFailed', { ...COMMON, error: { code: 'Provider.DeadLettered', message: 'dead-lettered' }, failedAt: '2026-12-07T09:00:00.000Z' }));

    expect(documents.map((document) => [document.errorName, document.errorCode])).toEqual([['Provider.DeadLettered', 'Provider.DeadLettered']]);
  });

  it('counts cancellations and substitutions by municipality only', async () => {
    const { handle, documents } = capture();

    await handle(busEvent('InvoiceCancelled', { ...COMMON, nfseNumber: '2026000123', cancelledAt: '2026-12-07T09:00:00.000Z' }));
    await handle(busEvent('InvoiceSubstituted', { ...COMMON, substitutedBy: SUBSTITUTE_ID, nfseNumber: '2026000124', replacedNfseNumber: '2026000123', reasonCode: 1, substitutedAt: '2026-12-07T09:00:00.000Z' }));

    const byCity = (name: string): Record<string, unknown> => ({ Timestamp: NOW, CloudWatchMetrics: [{ Namespace: 'NfseFlow', Dimensions: [['service', 'municipalityCode']], Metrics: [{ Name: name, Unit: 'Count' }] }] });
    expect(documents).toEqual([
      { _aws: byCity('InvoicesCancelled'), invoiceId: INVOICE_ID, service: 'invoices', municipalityCode: '3550308', InvoicesCancelled: 1 },
      { _aws: byCity('InvoicesSubstituted'), invoiceId: INVOICE_ID, service: 'invoices', municipalityCode: '3550308', InvoicesSubstituted: 1 },
    ]);
  });

  it('rejects an event that is not an invoice event, so Lambda retries it and the rule\'s DLQ keeps it', async () => {
    const { handle, documents } = capture();

    await expect(handle(busEvent('InvoiceIssued', { ...COMMON, nfseNumber: '2026000123' }))).rejects.toThrow(/verificationCode/);
    expect(documents).toEqual([]);
  });

  it('hands the document to the disabled sink when metrics are disabled (the local cloud)', async () => {
    const disabled: EmfDocument[] = [];
    const handle = invoiceMetricsHandler({ disabled: true, whenDisabled: (document) => disabled.push(document), sink: () => { throw new Error('not here'); }, now: () => NOW });

    await handle(busEvent('InvoiceCancelled', { ...COMMON, nfseNumber: '2026000123', cancelledAt: '2026-12-07T09:00:00.000Z' }));

    expect(disabled.map((document) => document.InvoicesCancelled)).toEqual([1]);
  });
});
