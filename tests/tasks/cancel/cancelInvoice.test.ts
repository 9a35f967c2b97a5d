import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { builtInMunicipalities } from '../../../lib/municipalities/builtInMunicipalities';
import { createMunicipalityRegistry } from '../../../lib/municipalities/registry';
import { cancelInvoice, type CancelDeps } from '../../../tasks/cancel/cancelInvoice';
import { OTHER_CNPJ, clientCaller } from '../fixtures';
import { INVOICE_ID, invoiceRecord } from '../invoiceRecordFixture';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:CancellationWorkflow';
/** The built-in cities: Porto Alegre among them, on the national system. */
const REGISTRY = createMunicipalityRegistry(builtInMunicipalities());

describe('cancelInvoice', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  const sfn = mockClient(SFNClient);
  let deps: CancelDeps;

  beforeEach(() => {
    ddb.reset();
    sfn.reset();
    deps = {
      ddb: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
      sfn: new SFNClient({ region: 'us-east-1' }),
      invoicesTable: 'invoices',
      requestsTable: 'requests',
      cancellationStateMachineArn: ARN,
      now: () => new Date('2026-11-24T10:00:00.000Z'),
      municipalities: REGISTRY,
    };
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${ARN.replace(':stateMachine:', ':execution:')}:${INVOICE_ID}-cancel-1`, startDate: new Date() });
  });

  it('claims the first attempt and starts the workflow named after it', async () => {
    ddb.on(GetCommand).resolves({ Item: invoiceRecord() });

    const outcome = await cancelInvoice(deps, clientCaller, INVOICE_ID, { reasonCode: 1, reason: 'erro na emissão' });

    expect(outcome).toEqual({ statusCode: 202, body: { invoiceId: INVOICE_ID, status: 'CANCELLING', executionArn: `arn:aws:states:us-east-1:000000000000:execution:CancellationWorkflow:${INVOICE_ID}-cancel-1` } });
    expect(ddb.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues).toEqual({ ':attempt': 1, ':previous': 0, ':issued': 'ISSUED' });
    const start = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect(start?.name).toBe(`${INVOICE_ID}-cancel-1`);
    expect(JSON.parse(start?.input ?? '{}')).toMatchObject({ invoiceId: INVOICE_ID, nfseNumber: '2026000000123', reasonCode: 1, reason: 'erro na emissão', requestedAt: '2026-11-24T10:00:00.000Z' });
  });

  it('numbers a second attempt after a refused one', async () => {
    ddb.on(GetCommand).resolves({ Item: invoiceRecord({ cancelAttempts: 1 }) });

    await cancelInvoice(deps, clientCaller, INVOICE_ID, { reasonCode: 2 });

    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.name).toBe(`${INVOICE_ID}-cancel-2`);
  });

  it.each(['EMITTED', 'PROCESSING', 'FAILED', 'CANCELLING', 'CANCELLED'] as const)('answers 409 for a %s invoice', async (status) => {
    ddb.on(GetCommand).resolves({ Item: invoiceRecord({ status }) });

    await expect(cancelInvoice(deps, clientCaller, INVOICE_ID, { reasonCode: 1 })).rejects.toMatchObject({
      statusCode: 409,
      code: 'InvoiceNotIssued',
      message: `Invoice ${INVOICE_ID} is ${status}: only an ISSUED invoice can be cancelled`,
    });
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('answers 409 when a concurrent request claimed the attempt first', async () => {
    ddb.on(GetCommand).resolves({ Item: invoiceRecord() });
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }));

    await expect(cancelInvoice(deps, clientCaller, INVOICE_ID, { reasonCode: 1 })).rejects.toMatchObject({ statusCode: 409, message: `Invoice ${INVOICE_ID} is already being cancelled` });
  });

  describe('of an invoice on the national system (cancellation by event e101101)', () => {
    const CHAVE = `431490222${'1'.repeat(14)}0000000000001${'2611'}1234567890`;
    const national = (): ReturnType<typeof invoiceRecord> => invoiceRecord({ municipalityCode: '4314902', provider: 'nacional', chaveAcesso: CHAVE });

    it('refuses ABRASF code 3 with a 400 naming the codes the national event takes, before anything is written', async () => {
      ddb.on(GetCommand).resolves({ Item: national() });

      await expect(cancelInvoice(deps, clientCaller, INVOICE_ID, { reasonCode: 3, reason: 'duplicidade da nota' })).rejects.toMatchObject({
        statusCode: 400,
        errors: [{ field: 'reasonCode', message: 'must be one of 1, 2, 9 for Porto Alegre (4314902)' }],
      });
      expect([ddb.commandCalls(UpdateCommand).length, sfn.commandCalls(StartExecutionCommand).length]).toEqual([0, 0]);
    });

    it('refuses a missing reason, which the national event requires (15 to 255 characters)', async () => {
      ddb.on(GetCommand).resolves({ Item: national() });

      await expect(cancelInvoice(deps, clientCaller, INVOICE_ID, { reasonCode: 2 })).rejects.toMatchObject({
        statusCode: 400,
        errors: [{ field: 'reason', message: 'is required by Porto Alegre (4314902): 15 to 255 characters' }],
      });
    });

    it('starts the workflow with the NFS-e key its event names', async () => {
      ddb.on(GetCommand).resolves({ Item: national() });

      await cancelInvoice(deps, clientCaller, INVOICE_ID, { reasonCode: 2, reason: 'Serviço não prestado' });

      expect(JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.input ?? '{}')).toMatchObject({ chaveAcesso: CHAVE, provider: 'nacional', reasonCode: 2, reason: 'Serviço não prestado' });
    });
  });

  it("answers 404 for another tenant's invoice", async () => {
    ddb.on(GetCommand).resolves({ Item: invoiceRecord({ companyCnpj: OTHER_CNPJ }) });

    await expect(cancelInvoice(deps, clientCaller, INVOICE_ID, { reasonCode: 1 })).rejects.toMatchObject({ statusCode: 404, message: `Invoice ${INVOICE_ID} not found` });
  });

  describe('the reason, as the invoice\'s city takes it', () => {
    it('starts a national city\'s cancellation with code 9 and a reason of 15 characters or more', async () => {
      ddb.on(GetCommand).resolves({ Item: invoiceRecord({ municipalityCode: '4314902' }) });

      await cancelInvoice(deps, clientCaller, INVOICE_ID, { reasonCode: 9, reason: 'serviço cancelado pelo tomador' });

      expect(JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.input ?? '{}')).toMatchObject({ municipalityCode: '4314902', reasonCode: 9, reason: 'serviço cancelado pelo tomador' });
    });

    it('refuses, before writing anything, a code the city does not take, naming the ones it does (400)', async () => {
      ddb.on(GetCommand).resolves({ Item: invoiceRecord() });

      await expect(cancelInvoice(deps, clientCaller, INVOICE_ID, { reasonCode: 9 }, 'k1')).rejects.toMatchObject({
        statusCode: 400,
        code: 'ValidationFailed',
        message: 'Invalid request: reasonCode must be one of 1, 2, 3, 4, 5 for São Paulo (3550308)',
        errors: [{ field: 'reasonCode', message: 'must be one of 1, 2, 3, 4, 5 for São Paulo (3550308)' }],
      });
      expect([ddb.commandCalls(UpdateCommand).length, ddb.commandCalls(PutCommand).length, sfn.commandCalls(StartExecutionCommand).length]).toEqual([0, 0, 0]);
    });

    it('refuses an ABRASF code at a national city (400 naming 1, 2, 9)', async () => {
      ddb.on(GetCommand).resolves({ Item: invoiceRecord({ municipalityCode: '4314902' }) });

      await expect(cancelInvoice(deps, clientCaller, INVOICE_ID, { reasonCode: 4, reason: 'serviço cancelado pelo tomador' })).rejects.toMatchObject({
        statusCode: 400,
        errors: [{ field: 'reasonCode', message: 'must be one of 1, 2, 9 for Porto Alegre (4314902)' }],
      });
    });

    it.each([
      ['without a reason', undefined, 'is required by Porto Alegre (4314902): 15 to 255 characters'],
      ['with a reason under 15 characters', 'cancelado', 'must be 15 to 255 characters for Porto Alegre (4314902), got 9'],
    ])('refuses a national city\'s cancellation %s (400 naming reason)', async (_case, reason, message) => {
      ddb.on(GetCommand).resolves({ Item: invoiceRecord({ municipalityCode: '4314902' }) });

      await expect(cancelInvoice(deps, clientCaller, INVOICE_ID, { reasonCode: 1, ...(reason !== undefined ? { reason } : {}) })).rejects.toMatchObject({
        statusCode: 400,
        errors: [{ field: 'reason', message }],
      });
      expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    });

    it('answers 422 for an invoice of a municipality the registry no longer has', async () => {
      ddb.on(GetCommand).resolves({ Item: invoiceRecord({ municipalityCode: '4106902' }) });

      await expect(cancelInvoice(deps, clientCaller, INVOICE_ID, { reasonCode: 1 })).rejects.toMatchObject({
        statusCode: 422,
        code: 'MunicipalityNotSupported',
        errors: [{ field: 'municipalityCode', message: 'is not a supported municipality (GET /municipalities)' }],
      });
    });
  });
});
