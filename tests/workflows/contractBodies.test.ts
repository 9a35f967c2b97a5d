import jsonata from 'jsonata';
import type { z } from 'zod';
import { FailureMessageSchema } from '../../contracts/failureMessage';
import { INVOICE_EVENT_DETAIL_SCHEMAS } from '../../contracts/invoiceEvents';
import { InvoiceErrorSchema } from '../../contracts/invoiceRecord';
import { INVOICE_ROW_COLUMNS } from '../../contracts/invoicesSchemaSql';
import { ProviderRequestSchema } from '../../contracts/providerRequest';
import { CancellationOutputSchema, EmissionOutputSchema } from '../../contracts/workflowInput';
import type { StateMachineDefinition } from '../../workflows/asl/types';
import { cancellationWorkflow } from '../../workflows/cancellation';
import { emissionWorkflow } from '../../workflows/emission';
import { CAPTURE_ERROR } from '../../workflows/steps/captureError';

// Each body the workflows build against a contract, evaluated as Step Functions would (the
// variables a state sees, $now() pinned) and parsed by that contract's strict schema.

const NOW = '2026-11-23T12:00:09.000Z';
const EXECUTION = 'arn:aws:states:us-east-1:000000000000:execution:nfse-EmissionWorkflow:01JDQ7Z8X9Y0ABCDEFGHJKMNPQ';
const INVOICE = {
  invoiceId: '01JDQ7Z8X9Y0ABCDEFGHJKMNPQ',
  companyCnpj: '11222333000181',
  municipalityCode: '3550308',
  total: '100.00',
  rps: { serie: 'A1', numero: 42 },
  xmlKey: 'xml/01JDQ7Z8X9Y0ABCDEFGHJKMNPQ.xml',
  nfseXmlKey: 'nfse/01JDQ7Z8X9Y0ABCDEFGHJKMNPQ.xml',
  createdAt: '2026-11-23T12:00:00.000Z',
  provider: 'abrasf-2.04',
};
const IDENTITY = { invoiceId: INVOICE.invoiceId, companyCnpj: INVOICE.companyCnpj, municipalityCode: INVOICE.municipalityCode };
const TASK = { taskToken: 'token-1', attempt: 1, executionArn: EXECUTION, ...IDENTITY, rps: INVOICE.rps };
const CITY_ERROR = { code: 'E160', message: 'RPS already cancelled', kind: 'Provider.Rejected' };
const VARIABLES = {
  states: { context: { Task: { Token: 'token-1' }, State: { RetryCount: 1 }, Execution: { Id: EXECUTION } } },
  invoice: { ...INVOICE, nfseNumber: '2026000000123', reasonCode: 2, reason: 'service not provided', requestedAt: '2026-11-23T12:00:01.000Z' },
  result: { outcome: 'issued', nfseNumber: '2026000000123', verificationCode: 'AB12CD34', issuedAt: '2026-11-23T12:00:05.000Z', cancelledAt: '2026-11-23T12:00:08.000Z' },
  protocol: 'P-77',
  error: CITY_ERROR,
  now: (): string => NOW,
};

type StateDoc = Record<string, unknown>;

function stateOf(definition: StateMachineDefinition, name: string): StateDoc {
  return definition.States[name] as unknown as StateDoc;
}

/** Evaluates a `{% ... %}` string; a `$string(...)` body is parsed back from its JSON. */
async function evaluate(text: unknown): Promise<unknown> {
  const expression = /^\{%([\s\S]*)%\}$/.exec(String(text))?.[1] ?? '';
  const value: unknown = await jsonata(expression).evaluate({}, VARIABLES);
  return typeof value === 'string' && expression.trim().startsWith('$string(') ? JSON.parse(value) : value;
}

const messageBody = (state: StateDoc): unknown => (state.Arguments as { MessageBody: string }).MessageBody;
const eventDetail = (state: StateDoc): unknown => (state.Arguments as { Entries: Array<{ Detail: string }> }).Entries[0]?.Detail;

interface BodyCase {
  readonly state: string;
  readonly body: (state: StateDoc) => unknown;
  readonly schema: z.ZodType;
  readonly expected: unknown;
}

const emission = emissionWorkflow();
const cancellation = cancellationWorkflow();
const EVENT = { ...IDENTITY, total: '100.00', executionArn: EXECUTION };

describe.each([
  [
    'emission',
    emission,
    [
      { state: 'RequestIssuance', body: messageBody, schema: ProviderRequestSchema, expected: { kind: 'emit', invoice: { total: '100.00', xmlKey: INVOICE.xmlKey, nfseXmlKey: INVOICE.nfseXmlKey }, ...TASK } },
      { state: 'ConsultBatch', body: messageBody, schema: ProviderRequestSchema, expected: { kind: 'consult', protocol: 'P-77', invoice: { total: '100.00', xmlKey: INVOICE.xmlKey, nfseXmlKey: INVOICE.nfseXmlKey }, ...TASK } },
      {
        state: 'CityNeverAnswered',
        body: (state: StateDoc): unknown => (state.Assign as { error: string }).error,
        schema: InvoiceErrorSchema,
        expected: { code: 'Provider.Ambiguous', message: 'the city accepted the batch (protocol P-77) but had not processed it after 40 consultations', kind: 'Provider.Ambiguous' },
      },
      { state: 'PublishIssued', body: eventDetail, schema: INVOICE_EVENT_DETAIL_SCHEMAS.InvoiceIssued, expected: { ...EVENT, nfseNumber: '2026000000123', verificationCode: 'AB12CD34', issuedAt: '2026-11-23T12:00:05.000Z' } },
      { state: 'Issued', body: (state: StateDoc): unknown => state.Output, schema: EmissionOutputSchema, expected: { invoiceId: INVOICE.invoiceId, status: 'ISSUED', nfseNumber: '2026000000123', verificationCode: 'AB12CD34' } },
      { state: 'RouteFailure', body: messageBody, schema: FailureMessageSchema, expected: { invoiceId: INVOICE.invoiceId, workflow: 'emission', executionArn: EXECUTION, error: CITY_ERROR, failedAt: NOW } },
      { state: 'PublishFailed', body: eventDetail, schema: INVOICE_EVENT_DETAIL_SCHEMAS.InvoiceFailed, expected: { ...EVENT, error: CITY_ERROR, failedAt: NOW } },
    ],
  ],
  [
    'cancellation',
    cancellation,
    [
      { state: 'RequestCancellation', body: messageBody, schema: ProviderRequestSchema, expected: { kind: 'cancel', nfseNumber: '2026000000123', reasonCode: 2, reason: 'service not provided', ...TASK } },
      { state: 'PublishCancelled', body: eventDetail, schema: INVOICE_EVENT_DETAIL_SCHEMAS.InvoiceCancelled, expected: { ...EVENT, nfseNumber: '2026000000123', cancelledAt: '2026-11-23T12:00:08.000Z' } },
      { state: 'Cancelled', body: (state: StateDoc): unknown => state.Output, schema: CancellationOutputSchema, expected: { invoiceId: INVOICE.invoiceId, status: 'CANCELLED', cancelledAt: '2026-11-23T12:00:08.000Z' } },
      { state: 'RouteFailure', body: messageBody, schema: FailureMessageSchema, expected: { invoiceId: INVOICE.invoiceId, workflow: 'cancellation', executionArn: EXECUTION, error: CITY_ERROR, failedAt: NOW } },
    ],
  ],
] as Array<[string, StateMachineDefinition, BodyCase[]]>)('the bodies %s builds', (_workflow, definition, cases) => {
  it.each(cases.map((bodyCase) => [bodyCase.state, bodyCase] as const))('%s evaluates to what its contract accepts', async (name, bodyCase) => {
    const value = await evaluate(bodyCase.body(stateOf(definition, name)));

    expect(value).toEqual(bodyCase.expected);
    expect(bodyCase.schema.parse(value)).toEqual(bodyCase.expected);
  });
});

describe('the report row', () => {
  it('sends one parameter per column of nfse.invoices, in table order, rps_numero as a long and a missing value as NULL', async () => {
    const parameters = await evaluate((stateOf(emission, 'ReportIssued').Arguments as { Parameters: string }).Parameters);

    expect((parameters as Array<{ Name: string }>).map((parameter) => parameter.Name)).toEqual(Object.keys(INVOICE_ROW_COLUMNS));
    expect(parameters).toEqual([
      { Name: 'invoice_id', Value: { StringValue: INVOICE.invoiceId } },
      { Name: 'company_cnpj', Value: { StringValue: INVOICE.companyCnpj } },
      { Name: 'municipality_code', Value: { StringValue: '3550308' } },
      { Name: 'total', Value: { StringValue: '100.00' } },
      { Name: 'status', Value: { StringValue: 'ISSUED' } },
      { Name: 'xml_key', Value: { StringValue: INVOICE.xmlKey } },
      { Name: 'nfse_xml_key', Value: { StringValue: INVOICE.nfseXmlKey } },
      { Name: 'provider_protocol', Value: { StringValue: 'P-77' } },
      { Name: 'nfse_number', Value: { StringValue: '2026000000123' } },
      { Name: 'verification_code', Value: { StringValue: 'AB12CD34' } },
      { Name: 'rps_serie', Value: { StringValue: 'A1' } },
      { Name: 'rps_numero', Value: { LongValue: 42 } },
      { Name: 'created_at', Value: { StringValue: '2026-11-23T12:00:00.000Z' } },
      { Name: 'processed_at', Value: { StringValue: '2026-11-23T12:00:05.000Z' } },
      { Name: 'cancelled_at', Value: { IsNull: true } },
      { Name: 'error', Value: { IsNull: true } },
      { Name: 'provider', Value: { StringValue: 'abrasf-2.04' } },
      { Name: 'chave_acesso', Value: { IsNull: true } },
    ]);
  });
});

describe('the caught error ($error)', () => {
  async function caught(errorOutput: { Error: string; Cause?: string }): Promise<unknown> {
    const expression = /^\{%([\s\S]*)%\}$/.exec(CAPTURE_ERROR)?.[1] ?? '';
    // $parse is a Step Functions function, not jsonata's own.
    return jsonata(expression).evaluate({}, { states: { errorOutput }, parse: (text: string): unknown => JSON.parse(text) });
  }

  it("keeps the city's code and message, and the error caught as its kind", async () => {
    const error = await caught({ Error: 'Provider.Rejected', Cause: JSON.stringify({ code: 'MunicipalityNotSupported', message: 'municipality 9999999 is not served' }) });

    expect(InvoiceErrorSchema.parse(error)).toEqual({ code: 'MunicipalityNotSupported', message: 'municipality 9999999 is not served', kind: 'Provider.Rejected' });
  });

  it('takes a plain-text cause as the message, the error as code and kind', async () => {
    const error = await caught({ Error: 'States.Timeout', Cause: 'Task timed out' });

    expect(InvoiceErrorSchema.parse(error)).toEqual({ code: 'States.Timeout', message: 'Task timed out', kind: 'States.Timeout' });
  });
});
