import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { invoicesTableDefinition } from '../../../local/bootstrap/invoicesTableDefinition';
import { correctInvoice, type CorrectDeps } from '../../../tasks/ops/correctInvoice';
import { reprocessInvoice } from '../../../tasks/ops/reprocessInvoice';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { loadMunicipalityRegistry } from '../../../lib/municipalities/registry';
import { invoiceRecord } from '../invoiceRecordFixture';

describe('correctInvoice and reprocessInvoice, refusing what they must not re-emit', () => {
  const raw = new DynamoDBClient(testClientConfig());
  const ddb = DynamoDBDocumentClient.from(raw);
  const table = uniqueName('correct-invoices');
  const calls: string[] = [];
  const deps: CorrectDeps = {
    ddb,
    dynamodb: raw,
    sfn: new SFNClient(testClientConfig()),
    s3: new S3Client(testClientConfig()),
    sqs: new SQSClient(testClientConfig()),
    invoicesTable: table,
    docsBucket: 'no-bucket-needed',
    failuresQueueUrl: 'http://no-queue-needed',
    emissionStateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:none',
    now: () => new Date('2026-11-23T12:00:00.000Z'),
    municipalities: loadMunicipalityRegistry({}),
    companyOf: async (cnpj) => {
      calls.push(`companyOf ${cnpj}`);
      return undefined;
    },
    renderRps: () => '<Rps/>',
  };

  beforeAll(async () => {
    await raw.send(new CreateTableCommand(invoicesTableDefinition(table)));
  });

  afterAll(() => ddb.destroy());

  it.each([
    ['Provider.Ambiguous', { code: 'Provider.Ambiguous', message: 'timed out after sending', kind: 'Provider.Ambiguous' }, 'Provider.Ambiguous'],
    ['States.Timeout', { code: 'States.Timeout', message: 'heartbeat missed', kind: 'States.Timeout' }, 'States.Timeout'],
    ['an error recorded without its kind', { code: 'E160', message: 'before kinds were kept' }, 'E160'],
  ])('answers 409 for an invoice FAILED with %s, leaving its RPS and record as they were', async (_what, error, named) => {
    const invoiceId = ulid();
    const failed = invoiceRecord({ invoiceId, status: 'FAILED', error, rps: { serie: '1', numero: 12 } });
    await ddb.send(new PutCommand({ TableName: table, Item: failed }));

    const attempt = correctInvoice(deps, invoiceId, { reason: 'typo', changes: { total: '10.00' } }, 'ops-1');

    await expect(attempt).rejects.toMatchObject({
      statusCode: 409,
      code: 'NotCorrectable',
      message: `Invoice ${invoiceId} failed with ${named}: the city may have issued it under RPS 1/12, which is never sent again with other content; reprocess it (the adapter consults the city first) or dismiss it`,
    });
    expect((await ddb.send(new GetCommand({ TableName: table, Key: { invoiceId } }))).Item).toEqual(failed);
    expect(calls).toEqual([]);
  });

  it('answers 409 to correcting or reprocessing the failed replacement of a substitution, naming the invoice to substitute again', async () => {
    const invoiceId = ulid();
    const replaced = ulid();
    const failed = invoiceRecord({ invoiceId, status: 'FAILED', substitutes: replaced, error: { code: 'E0840', message: 'refused', kind: 'Provider.Rejected' } });
    await ddb.send(new PutCommand({ TableName: table, Item: failed }));

    const corrected = correctInvoice(deps, invoiceId, { reason: 'typo', changes: { total: '10.00' } }, 'ops-1');
    const reprocessed = reprocessInvoice(deps, invoiceId, 'ops-1');

    const again = `substitute invoice ${replaced} again (POST /invoices/${replaced}/substitute)`;
    await expect(corrected).rejects.toMatchObject({ statusCode: 409, code: 'SubstitutionNotReprocessable', message: `Invoice ${invoiceId} is the replacement of invoice ${replaced} and cannot be corrected: ${again}` });
    await expect(reprocessed).rejects.toMatchObject({ statusCode: 409, code: 'SubstitutionNotReprocessable', message: `Invoice ${invoiceId} is the replacement of invoice ${replaced} and cannot be reprocessed: ${again}` });
    expect((await ddb.send(new GetCommand({ TableName: table, Key: { invoiceId } }))).Item).toEqual(failed);
  });
});
