import type { FailureMessage } from '../../contracts/failureMessage';
import type { InvoiceError } from '../../contracts/invoiceRecord';
import type { EmitProviderRequest } from '../../contracts/providerRequest';
import { jsonataObject } from '../../workflows/asl/jsonataObject';

const EMIT: Parameters<typeof jsonataObject<EmitProviderRequest>>[0] = {
  kind: '"emit"',
  invoice: { total: '$invoice.total', xmlKey: '$invoice.xmlKey', nfseXmlKey: '$invoice.nfseXmlKey' },
  taskToken: '$states.context.Task.Token',
  attempt: '$states.context.State.RetryCount',
  executionArn: '$states.context.Execution.Id',
  invoiceId: '$invoice.invoiceId',
  companyCnpj: '$invoice.companyCnpj',
  municipalityCode: '$invoice.municipalityCode',
  rps: '$invoice.rps',
};

describe('jsonataObject', () => {
  it('renders each key JSON-quoted with its expression, in the order written', () => {
    expect(jsonataObject<InvoiceError>({ message: '$error.message', code: '"E160"', kind: '"Provider.Rejected"' })).toBe('{"message": $error.message, "code": "E160", "kind": "Provider.Rejected"}');
  });

  it('renders a nested object on one line', () => {
    expect(jsonataObject<EmitProviderRequest>(EMIT)).toBe(
      '{"kind": "emit", "invoice": {"total": $invoice.total, "xmlKey": $invoice.xmlKey, "nfseXmlKey": $invoice.nfseXmlKey}, "taskToken": $states.context.Task.Token, ' +
        '"attempt": $states.context.State.RetryCount, "executionArn": $states.context.Execution.Id, "invoiceId": $invoice.invoiceId, "companyCnpj": $invoice.companyCnpj, ' +
        '"municipalityCode": $invoice.municipalityCode, "rps": $invoice.rps}',
    );
  });

  it('puts one member per line when asked, nested objects still on one', () => {
    const failure = jsonataObject<FailureMessage>(
      { invoiceId: '$invoice.invoiceId', workflow: '"emission"', executionArn: '$states.context.Execution.Id', error: '$error', failedAt: '$now()' },
      { multiline: true },
    );

    expect(failure).toBe(
      '{\n  "invoiceId": $invoice.invoiceId,\n  "workflow": "emission",\n  "executionArn": $states.context.Execution.Id,\n  "error": $error,\n  "failedAt": $now()\n}',
    );
  });

  it('quotes a key as JSON does', () => {
    expect(jsonataObject<{ 'a "b"': string }>({ 'a "b"': '1' })).toBe('{"a \\"b\\"": 1}');
  });
});
