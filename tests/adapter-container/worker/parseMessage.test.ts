import { parseMessage } from '../../../adapter-container/worker/parseMessage';
import { emitRequest, INVOICE_ID } from '../support/fixtures';

const EXECUTION_ARN = `arn:aws:states:us-east-1:000000000000:execution:EmissionWorkflow:${INVOICE_ID}`;

describe('parseMessage', () => {
  it('reads a ProviderRequest with the identifiers every log line carries', () => {
    const request = emitRequest();

    expect(parseMessage(JSON.stringify(request))).toEqual({ ok: true, request, executionArn: EXECUTION_ARN, invoiceId: INVOICE_ID });
  });

  it('keeps the identifiers and the task token of a body that does not parse, naming the bad fields only', () => {
    const { rps: _rps, ...withoutRps } = emitRequest();

    expect(parseMessage(JSON.stringify({ ...withoutRps, companyCnpj: 'Maria da Silva' }))).toEqual({
      ok: false,
      executionArn: EXECUTION_ARN,
      invoiceId: INVOICE_ID,
      taskToken: 'token-emit',
      problem: 'the body does not match ProviderRequest (fields: companyCnpj, rps)',
    });
  });

  it('takes no identifier that does not look like one (the body may hold anything)', () => {
    expect(parseMessage(JSON.stringify({ executionArn: 'maria@example.com', invoiceId: '12345678909', taskToken: 7 }))).toMatchObject({ ok: false, executionArn: undefined, invoiceId: undefined, taskToken: undefined });
  });

  it('says a body that is not JSON is not JSON', () => {
    expect(parseMessage('<Rps/>')).toEqual({ ok: false, executionArn: undefined, invoiceId: undefined, taskToken: undefined, problem: 'the body is not JSON' });
  });
});
