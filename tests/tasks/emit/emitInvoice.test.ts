import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { ExecutionAlreadyExists, SFNClient, SFNServiceException, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { CompanyCertificate } from '../../../contracts/certificate';
import type { Company } from '../../../contracts/company';
import { builtInMunicipalities } from '../../../lib/municipalities/builtInMunicipalities';
import { createMunicipalityRegistry } from '../../../lib/municipalities/registry';
import { DEMO_COMPANY } from '../../../local/app/demoInvoice';
import { emitInvoice, type EmitDeps } from '../../../tasks/emit/emitInvoice';
import { renderInvoiceDocument } from '../../../tasks/emit/renderInvoiceDocument';
import { fingerprintOf } from '../../../tasks/shared/idempotency';
import { CNPJ, OTHER_CNPJ, clientCaller, emitRequest } from '../fixtures';
import { invoiceRecord } from '../invoiceRecordFixture';

const ID = '01JDQ7Z8X9Y0ABCDEFGHJKMNPQ';
const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:EmissionWorkflow';
/** The built-in cities: Porto Alegre among them, on the national system. */
const REGISTRY = createMunicipalityRegistry(builtInMunicipalities());

/** A certificate part of a company record, expiring at `notAfter`, its recorded status as given. */
function certificateOn(cnpj: string, notAfter: string, status: CompanyCertificate['status']): CompanyCertificate {
  return {
    metadata: { subject: `CN=EMPRESA:${cnpj}`, issuer: 'CN=AC', serialNumber: '01', notBefore: '2025-11-23T12:00:00.000Z', notAfter, cnpj, fingerprintSha256: 'a'.repeat(64) },
    secretArn: `arn:aws:secretsmanager:us-east-1:000000000000:secret:nfse/companies/${cnpj}/certificate-AbCdEf`,
    versionId: 'v'.repeat(64),
    uploadedAt: '2025-11-23T12:00:00.000Z',
    uploadedBy: 'admin-1',
    status,
    notices: { expiring: [], expired: false },
  };
}

const COMPANY: Company = {
  ...DEMO_COMPANY,
  cnpj: CNPJ,
  version: 1,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  updatedBy: 'admin-1',
  certificate: certificateOn(CNPJ, '2027-11-23T12:00:00.000Z', 'valid'),
};

describe('emitInvoice', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  /** The plain client of the RPS counter and a new invoice's record. */
  const dynamodb = mockClient(DynamoDBClient);
  /** The RPS counter answers `lastNumber` for `municipalityCode`. */
  const counterAnswers = (municipalityCode: string, lastNumber: number): void => {
    dynamodb.on(UpdateItemCommand, { Key: { invoiceId: { S: `RPS#${CNPJ}#${municipalityCode}#1` } } }).resolves({ Attributes: { lastNumber: { N: String(lastNumber) } } });
  };
  /** The records written through the plain client, as items. */
  const recordsPut = (): Array<Record<string, unknown>> => dynamodb.commandCalls(PutItemCommand).map((call) => unmarshall(call.args[0].input.Item ?? {}));
  /** How many writes the RPS counter and a new record had (both through the plain client). */
  const plainWrites = (): number => dynamodb.commandCalls(UpdateItemCommand).length + dynamodb.commandCalls(PutItemCommand).length;
  /** The requests table refuses the claim with the stored record, as DynamoDB does with ReturnValuesOnConditionCheckFailure. */
  const refuseClaim = (stored: Record<string, unknown>): void => {
    ddb.on(PutCommand, { TableName: 'requests' }).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {}, Item: marshall(stored) }));
  };
  const s3 = mockClient(S3Client);
  const sfn = mockClient(SFNClient);
  let deps: EmitDeps;

  beforeEach(() => {
    ddb.reset();
    dynamodb.reset();
    s3.reset();
    sfn.reset();
    deps = {
      ddb: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
      dynamodb: new DynamoDBClient({ region: 'us-east-1' }),
      s3: new S3Client({ region: 'us-east-1' }),
      sfn: new SFNClient({ region: 'us-east-1' }),
      invoicesTable: 'invoices',
      requestsTable: 'requests',
      docsBucket: 'docs',
      emissionStateMachineArn: ARN,
      now: () => new Date('2026-11-23T12:00:00.000Z'),
      newId: () => ID,
      companyOf: async (cnpj) => (cnpj === CNPJ ? COMPANY : undefined),
      municipalities: REGISTRY,
      renderRps: (record, company) => `<Rps numero="${record.rps.numero}" im="${company.inscricaoMunicipal ?? ''}"/>`,
    };
    ddb.on(GetCommand).resolves({});
    counterAnswers('3550308', 42);
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${ARN.replace(':stateMachine:', ':execution:')}:${ID}`, startDate: new Date() });
  });

  it('writes the record EMITTED with its RPS, stores the XML and starts the workflow named after the invoice', async () => {
    const outcome = await emitInvoice(deps, clientCaller, emitRequest);

    expect(outcome).toEqual({ statusCode: 201, body: { invoiceId: ID, status: 'EMITTED', xmlKey: `xml/${ID}.xml` } });
    const put = dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input;
    expect([put?.TableName, put?.ConditionExpression]).toEqual(['invoices', 'attribute_not_exists(invoiceId)']);
    const [item] = recordsPut();
    expect(item).toMatchObject({ invoiceId: ID, status: 'EMITTED', rps: { serie: '1', numero: 42 }, competence: '2026-11-23', nfseXmlKey: `nfse/${ID}.xml`, createdBy: 'user-1' });
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({ Bucket: 'docs', Key: `xml/${ID}.xml`, Body: '<Rps numero="42" im="12345678"/>' });
    const start = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect(start?.name).toBe(ID);
    expect(JSON.parse(start?.input ?? '{}')).toEqual({
      invoiceId: ID, companyCnpj: CNPJ, municipalityCode: '3550308', total: '100.00', rps: { serie: '1', numero: 42 },
      xmlKey: `xml/${ID}.xml`, nfseXmlKey: `nfse/${ID}.xml`, createdAt: '2026-11-23T12:00:00.000Z', provider: 'abrasf-2.04',
    });
    expect(item?.provider).toBe('abrasf-2.04');
  });

  describe('in a municipality on the national system', () => {
    const PORTO_ALEGRE = '4314902';
    const nationalRequest = { ...emitRequest, municipalityCode: PORTO_ALEGRE };

    beforeEach(() => {
      deps = { ...deps, companyOf: async () => ({ ...COMPANY, municipalityCode: PORTO_ALEGRE }), renderRps: renderInvoiceDocument };
      counterAnswers(PORTO_ALEGRE, 42);
    });

    it('stores the DPS (layout 1.01) at xmlKey and records the provider on the invoice and the workflow input', async () => {
      await emitInvoice(deps, clientCaller, nationalRequest);

      const stored = String(s3.commandCalls(PutObjectCommand)[0]?.args[0].input.Body);
      expect(stored.startsWith(`<DPS xmlns="http://www.sped.fazenda.gov.br/nfse" versao="1.01"><infDPS Id="DPS43149022${CNPJ}00001000000000000042">`)).toBe(true);
      expect(recordsPut()[0]?.provider).toBe('nacional');
      expect(JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.input ?? '{}')).toMatchObject({ provider: 'nacional', municipalityCode: PORTO_ALEGRE });
    });

    it('refuses a series with letters (400 naming rpsSeries) before a number is spent', async () => {
      await expect(emitInvoice(deps, clientCaller, { ...nationalRequest, rpsSeries: 'A1' })).rejects.toMatchObject({
        statusCode: 400,
        errors: [{ field: 'rpsSeries', message: 'must be 1-5 digits for a municipality on the national system (NFS-e Nacional)' }],
      });
      expect([plainWrites(), s3.commandCalls(PutObjectCommand).length]).toEqual([0, 0]);
    });
  });

  it('reads no invoice record for a new invoice', async () => {
    await emitInvoice(deps, clientCaller, emitRequest);

    expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('resumes an unfinished attempt with the record it wrote, storing its RPS when the first attempt had not', async () => {
    refuseClaim({ requestKey: 'user-1#k1', fingerprint: fingerprintOf('POST /invoices', emitRequest), invoiceId: ID, status: 'IN_PROGRESS', createdAt: '2026-11-23T11:00:00.000Z', expiresAt: 1 });
    ddb.on(GetCommand, { TableName: 'invoices' }).resolves({ Item: invoiceRecord({ status: 'EMITTED', rps: { serie: '1', numero: 7 }, nfseNumber: undefined, verificationCode: undefined, processedAt: undefined }) });

    const outcome = await emitInvoice(deps, clientCaller, emitRequest, 'k1');

    expect(outcome).toEqual({ statusCode: 201, body: { invoiceId: ID, status: 'EMITTED', xmlKey: `xml/${ID}.xml` } });
    expect(ddb.commandCalls(PutCommand).map((call) => call.args[0].input.TableName)).toEqual(['requests']);
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({ Key: `xml/${ID}.xml`, Body: '<Rps numero="7" im="12345678"/>', IfNoneMatch: '*' });
  });

  it('keeps the RPS a resumed attempt finds stored: the adapter may have replaced it with the signed one it sent', async () => {
    refuseClaim({ requestKey: 'user-1#k1', fingerprint: fingerprintOf('POST /invoices', emitRequest), invoiceId: ID, status: 'IN_PROGRESS', createdAt: '2026-11-23T11:00:00.000Z', expiresAt: 1 });
    ddb.on(GetCommand, { TableName: 'invoices' }).resolves({ Item: invoiceRecord({ status: 'PROCESSING', rps: { serie: '1', numero: 7 }, nfseNumber: undefined, verificationCode: undefined, processedAt: undefined }) });
    s3.on(PutObjectCommand).rejects(new S3ServiceException({ name: 'PreconditionFailed', $fault: 'client', message: 'At least one of the pre-conditions you specified did not hold', $metadata: { httpStatusCode: 412 } }));

    const outcome = await emitInvoice(deps, clientCaller, emitRequest, 'k1');

    expect(outcome.statusCode).toBe(201);
    expect(s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input.IfNoneMatch)).toEqual(['*']);
  });

  it('refuses, before writing anything, a company without an A1 certificate where the city requires one (422 naming certificate)', async () => {
    const { certificate: _certificate, ...withoutCertificate } = COMPANY;
    deps = { ...deps, companyOf: async () => withoutCertificate };

    await expect(emitInvoice(deps, clientCaller, emitRequest)).rejects.toMatchObject({
      statusCode: 422,
      code: 'CertificateRequired',
      message: `São Paulo (3550308) signs every RPS with the company's A1 certificate, and company ${CNPJ} has none: upload it with PUT /companies/${CNPJ}/certificate before emitting its invoices there`,
      errors: [{ field: 'certificate', message: `company ${CNPJ} has no A1 certificate, which municipality 3550308 requires (PUT /companies/${CNPJ}/certificate)` }],
    });
    expect([ddb.commandCalls(PutCommand).length, ddb.commandCalls(UpdateCommand).length, plainWrites(), s3.commandCalls(PutObjectCommand).length]).toEqual([0, 0, 0, 0]);
  });

  it('reads the company again, past its cache, before refusing it: a certificate uploaded seconds ago counts', async () => {
    const { certificate: _certificate, ...withoutCertificate } = COMPANY;
    const reads: Array<boolean | undefined> = [];
    deps = { ...deps, companyOf: async (_cnpj, options) => (reads.push(options?.fresh), options?.fresh === true ? COMPANY : withoutCertificate) };

    const outcome = await emitInvoice(deps, clientCaller, emitRequest);

    expect([outcome.statusCode, reads]).toEqual([201, [undefined, true]]);
  });

  it('names mutual TLS too where the city requires it, and emits without a certificate where the city requires none', async () => {
    const { certificate: _certificate, ...withoutCertificate } = COMPANY;
    const unsigned = createMunicipalityRegistry([{ ...builtInMunicipalities()[0], code: '3550308', signing: { algorithm: 'rsa-sha256', elements: [] } }]);
    deps = { ...deps, companyOf: async () => withoutCertificate };

    const belo = emitInvoice(deps, clientCaller, { ...emitRequest, municipalityCode: '3106200' });
    const free = await emitInvoice({ ...deps, municipalities: unsigned }, clientCaller, emitRequest);

    await expect(belo).rejects.toMatchObject({ statusCode: 422, code: 'CertificateRequired', message: expect.stringMatching(/^Belo Horizonte \(3106200\) signs every RPS and requires mutual TLS with the company's A1 certificate/) });
    expect(free.statusCode).toBe(201);
  });

  it('refuses, before writing anything, a company that has no record (422 naming companyCnpj)', async () => {
    const unregistered = { ...clientCaller, grant: { ...clientCaller.grant, cnpjs: [CNPJ, OTHER_CNPJ] } };

    await expect(emitInvoice(deps, unregistered, { ...emitRequest, companyCnpj: OTHER_CNPJ })).rejects.toMatchObject({
      statusCode: 422,
      code: 'CompanyNotRegistered',
      message: `Company ${OTHER_CNPJ} has no record: register it with PUT /companies/${OTHER_CNPJ} before emitting its invoices`,
      errors: [{ field: 'companyCnpj', message: `has no company record (PUT /companies/${OTHER_CNPJ})` }],
    });
    expect([ddb.commandCalls(PutCommand).length, ddb.commandCalls(UpdateCommand).length, plainWrites(), s3.commandCalls(PutObjectCommand).length]).toEqual([0, 0, 0, 0]);
  });

  it('refuses, before writing anything, a company whose A1 certificate has expired (422 naming companyCnpj)', async () => {
    const expired = { ...COMPANY, certificate: certificateOn(COMPANY.cnpj, '2026-11-23T12:00:00.000Z', 'expiring') };
    deps = { ...deps, companyOf: async () => expired };

    await expect(emitInvoice(deps, clientCaller, emitRequest)).rejects.toMatchObject({
      statusCode: 422,
      code: 'CertificateExpired',
      message: `The A1 certificate of company ${CNPJ} expired on 2026-11-23T12:00:00.000Z: upload a valid one with PUT /companies/${CNPJ}/certificate before emitting its invoices`,
      errors: [{ field: 'companyCnpj', message: `its A1 certificate expired on 2026-11-23T12:00:00.000Z (PUT /companies/${CNPJ}/certificate)` }],
    });
    expect([ddb.commandCalls(PutCommand).length, ddb.commandCalls(UpdateCommand).length, plainWrites(), s3.commandCalls(PutObjectCommand).length]).toEqual([0, 0, 0, 0]);
  });

  it('refuses, before reading or writing anything, a municipality the registry does not have (422 naming municipalityCode and GET /municipalities)', async () => {
    const companyOf = jest.fn(deps.companyOf);
    deps = { ...deps, companyOf };

    await expect(emitInvoice(deps, clientCaller, { ...emitRequest, municipalityCode: '4106902' }, 'k1')).rejects.toMatchObject({
      statusCode: 422,
      code: 'MunicipalityNotSupported',
      message: 'Municipality 4106902 is not supported: GET /municipalities lists the supported ones',
      errors: [{ field: 'municipalityCode', message: 'is not a supported municipality (GET /municipalities)' }],
    });
    expect(companyOf).not.toHaveBeenCalled();
    expect([ddb.commandCalls(PutCommand).length, ddb.commandCalls(UpdateCommand).length, plainWrites(), s3.commandCalls(PutObjectCommand).length, sfn.commandCalls(StartExecutionCommand).length]).toEqual([0, 0, 0, 0, 0]);
  });

  it('refuses, before writing anything, a company without the inscrição municipal its city requires (422 naming the company field)', async () => {
    const { inscricaoMunicipal: _dropped, ...withoutIm } = COMPANY;
    deps = { ...deps, companyOf: async () => withoutIm };

    await expect(emitInvoice(deps, clientCaller, emitRequest, 'k1')).rejects.toMatchObject({
      statusCode: 422,
      code: 'CompanyRequirementMissing',
      message: `Company ${CNPJ} has no inscricaoMunicipal, which São Paulo (3550308) requires: add it with PATCH /companies/${CNPJ} before emitting its invoices there`,
      errors: [{ field: 'companyCnpj', message: `its company record has no inscricaoMunicipal, which São Paulo (3550308) requires (PATCH /companies/${CNPJ})` }],
    });
    expect([ddb.commandCalls(PutCommand).length, ddb.commandCalls(UpdateCommand).length, plainWrites(), s3.commandCalls(PutObjectCommand).length]).toEqual([0, 0, 0, 0]);
  });

  it('emits for a company without inscrição municipal where its city does not require one', async () => {
    const { inscricaoMunicipal: _dropped, ...withoutIm } = COMPANY;
    deps = { ...deps, companyOf: async () => withoutIm };
    counterAnswers('4314902', 1);

    const outcome = await emitInvoice(deps, clientCaller, { ...emitRequest, municipalityCode: '4314902' });

    expect(outcome).toEqual({ statusCode: 201, body: { invoiceId: ID, status: 'EMITTED', xmlKey: `xml/${ID}.xml` } });
  });

  it('emits for a company whose certificate is still valid, whatever status the daily check last recorded', async () => {
    deps = { ...deps, companyOf: async () => ({ ...COMPANY, certificate: certificateOn(COMPANY.cnpj, '2026-11-23T12:00:01.000Z', 'expired') }) };

    const outcome = await emitInvoice(deps, clientCaller, emitRequest);

    expect(outcome.statusCode).toBe(201);
  });

  it('refuses a CNPJ the caller was not granted', async () => {
    await expect(emitInvoice(deps, clientCaller, { ...emitRequest, companyCnpj: OTHER_CNPJ })).rejects.toMatchObject({ statusCode: 403, message: `CNPJ ${OTHER_CNPJ} is not granted to this caller` });
    expect([ddb.commandCalls(PutCommand).length, plainWrites()]).toEqual([0, 0]);
  });

  it('replays a completed request with the same key without touching anything else', async () => {
    const body = JSON.stringify({ invoiceId: ID, status: 'EMITTED', xmlKey: `xml/${ID}.xml` });
    refuseClaim({ requestKey: 'user-1#k1', fingerprint: fingerprintOf('POST /invoices', emitRequest), invoiceId: ID, status: 'COMPLETED', response: { statusCode: 201, body }, createdAt: '2026-11-23T11:00:00.000Z', expiresAt: 1 });

    const outcome = await emitInvoice(deps, clientCaller, emitRequest, 'k1');

    expect(outcome).toEqual({ statusCode: 201, body: JSON.parse(body) });
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    // The refused claim carried the stored record: no second read of the requests table.
    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('answers 409 when the key was used with another body', async () => {
    refuseClaim({ requestKey: 'user-1#k1', fingerprint: 'f'.repeat(64), invoiceId: ID, status: 'IN_PROGRESS', createdAt: '2026-11-23T11:00:00.000Z', expiresAt: 1 });

    await expect(emitInvoice(deps, clientCaller, emitRequest, 'k1')).rejects.toMatchObject({ statusCode: 409, code: 'IdempotencyKeyReused' });
  });

  it('writes the execution ARN with the record, so the only other write is the RPS counter', async () => {
    await emitInvoice(deps, clientCaller, emitRequest);

    expect(recordsPut()[0]).toMatchObject({ executionArn: `arn:aws:states:us-east-1:000000000000:execution:EmissionWorkflow:${ID}` });
    expect(dynamodb.commandCalls(UpdateItemCommand).map((call) => call.args[0].input.Key)).toEqual([{ invoiceId: { S: `RPS#${CNPJ}#3550308#1` } }]);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('takes ExecutionAlreadyExists as already started on a replay', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));

    const outcome = await emitInvoice(deps, clientCaller, emitRequest);

    expect(outcome).toEqual({ statusCode: 201, body: { invoiceId: ID, status: 'EMITTED', xmlKey: `xml/${ID}.xml` } });
  });

  it('stores the execution ARN of a resumed record written without one', async () => {
    refuseClaim({ requestKey: 'user-1#k1', fingerprint: fingerprintOf('POST /invoices', emitRequest), invoiceId: ID, status: 'IN_PROGRESS', createdAt: '2026-11-23T11:00:00.000Z', expiresAt: 1 });
    ddb.on(GetCommand, { TableName: 'invoices' }).resolves({ Item: invoiceRecord({ status: 'EMITTED', executionArn: undefined, nfseNumber: undefined, verificationCode: undefined, processedAt: undefined }) });
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));

    await emitInvoice(deps, clientCaller, emitRequest, 'k1');

    const update = ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input).find((input) => input.Key?.invoiceId === ID);
    expect(update?.ExpressionAttributeValues).toEqual({ ':arn': `arn:aws:states:us-east-1:000000000000:execution:EmissionWorkflow:${ID}` });
  });

  describe('past the StartExecution quota', () => {
    const sqs = mockClient(SQSClient);
    const throttled = (): SFNServiceException => new SFNServiceException({ name: 'ThrottlingException', $fault: 'client', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });

    beforeEach(() => {
      sqs.reset();
      sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
      deps = { ...deps, startQueue: { sqs: new SQSClient({ region: 'us-east-1' }), url: 'http://sqs/000000000000/start' } };
      sfn.on(StartExecutionCommand).rejects(throttled());
    });

    it('queues the start with the workflow input and still answers 201 EMITTED', async () => {
      const outcome = await emitInvoice(deps, clientCaller, emitRequest);

      expect(outcome).toEqual({ statusCode: 201, body: { invoiceId: ID, status: 'EMITTED', xmlKey: `xml/${ID}.xml` } });
      expect(sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input)).toEqual([
        { QueueUrl: 'http://sqs/000000000000/start', MessageBody: sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.input },
      ]);
    });

    it('lets the throttling through when there is no start queue (the sweeper is the last resort)', async () => {
      const { startQueue: _unused, ...withoutQueue } = deps;

      await expect(emitInvoice(withoutQueue, clientCaller, emitRequest)).rejects.toMatchObject({ name: 'ThrottlingException' });
      expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
    });
  });
});
