import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeSecretCommand, GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Company } from '../../../contracts/company';
import { DEMO_COMPANY } from '../../../local/app/demoInvoice';
import { createTestCa, issueA1Certificate, toPfx, type IssuedCertificate, type TestCa } from '../../../local/certificates/testPki';
import { getCompanyCertificate, putCompanyCertificate, type CertificateDeps } from '../../../tasks/companies/companyCertificate';
import type { Caller } from '../../../tasks/shared/caller';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

const CNPJ = '11222333000181';
const ALPHANUMERIC_CNPJ = '12ABC34501DE35';
const OTHER_CNPJ = '11222334000126';
const NOW = new Date('2026-12-06T12:00:00.000Z');
const DAY = 86_400_000;

const admin: Caller = { principal: 'admin-1', grant: { principal: 'admin-1', cnpjs: [CNPJ, ALPHANUMERIC_CNPJ, OTHER_CNPJ], role: 'admin', updatedAt: '2026-11-01T00:00:00.000Z' } };
const otherTenant: Caller = { principal: 'admin-2', grant: { principal: 'admin-2', cnpjs: ['11222335000170'], role: 'admin', updatedAt: '2026-11-01T00:00:00.000Z' } };

describe('company certificates, on the local cloud', () => {
  const raw = new DynamoDBClient(testClientConfig());
  const ddb = DynamoDBDocumentClient.from(raw);
  const secrets = new SecretsManagerClient(testClientConfig());
  const table = uniqueName('certs-companies');
  const prefix = uniqueName('certs');
  const deps: CertificateDeps = { ddb, secrets, companiesTable: table, secretPrefix: prefix, now: () => NOW };
  let ca: TestCa;

  /** A `.pfx` upload of an A1 certificate, one year from yesterday unless told. */
  const upload = (subject: { cnpj: string; notBefore?: Date; notAfter?: Date; otherName?: boolean }, password = 'senha-forte'): { pfxBase64: string; password: string } => ({
    pfxBase64: toPfx(issueA1Certificate(ca, { razaoSocial: 'EMPRESA TESTE LTDA', ...subject }, NOW), password, [ca.certificatePem]).toString('base64'),
    password,
  });
  const company = async (cnpj: string): Promise<Company> => (await ddb.send(new GetCommand({ TableName: table, Key: { cnpj } }))).Item as Company;
  const secretValue = async (cnpj: string, stage: string): Promise<unknown> => JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: `${prefix}/companies/${cnpj}/certificate`, VersionStage: stage }))).SecretString ?? 'null');
  const problemOf = async (action: Promise<unknown>): Promise<unknown> =>
    action.then(
      () => 'stored',
      (error: { statusCode?: number; code?: string; errors?: unknown }) => [error.statusCode, error.code, error.errors],
    );

  beforeAll(async () => {
    ca = createTestCa('certs CA', new Date(NOW.getTime() - 400 * DAY));
    await raw.send(new CreateTableCommand({ TableName: table, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'cnpj', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'cnpj', KeyType: 'HASH' }] }));
    for (const cnpj of [CNPJ, ALPHANUMERIC_CNPJ, OTHER_CNPJ]) {
      await ddb.send(new PutCommand({ TableName: table, Item: { ...DEMO_COMPANY, cnpj, version: 1, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: 'admin-1' } }));
    }
  });

  afterAll(() => {
    raw.destroy();
    secrets.destroy();
  });

  it('stores the file and password as the secret’s AWSCURRENT and the metadata, secret and status on the company', async () => {
    const first = upload({ cnpj: CNPJ });

    const { view, created } = await putCompanyCertificate(deps, admin, CNPJ, first);

    const stored = await company(CNPJ);
    expect(created).toBe(true);
    expect(await secretValue(CNPJ, 'AWSCURRENT')).toEqual(first);
    expect(stored.certificate).toEqual({
      metadata: {
        subject: `CN=EMPRESA TESTE LTDA:${CNPJ}, OU=Certificado PJ A1 (teste), O=ICP-Brasil (simulada), C=BR`,
        issuer: 'CN=certs CA, O=nfse-flow (local tests only), C=BR',
        serialNumber: expect.stringMatching(/^[0-9A-F]{32}$/),
        notBefore: '2026-12-05T12:00:00.000Z',
        notAfter: '2027-12-05T12:00:00.000Z',
        cnpj: CNPJ,
        fingerprintSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      secretArn: expect.stringMatching(new RegExp(`^arn:aws:secretsmanager:us-east-1:000000000000:secret:${prefix}/companies/${CNPJ}/certificate-\\w{6}$`)),
      versionId: view.versionId,
      uploadedAt: NOW.toISOString(),
      uploadedBy: 'admin-1',
      status: 'valid',
      notices: { expiring: [], expired: false },
    });
    expect([stored.version, stored.updatedBy, stored.razaoSocial]).toEqual([2, 'admin-1', DEMO_COMPANY.razaoSocial]);
    expect(view).toEqual({ ...stored.certificate?.metadata, daysLeft: 364, status: 'valid', uploadedAt: NOW.toISOString(), uploadedBy: 'admin-1', versionId: stored.certificate?.versionId });
    expect(await getCompanyCertificate(deps, admin, CNPJ)).toEqual(view);
  });

  it('keeps the replaced certificate as AWSPREVIOUS, for a rollback, and a repeated upload makes no new version', async () => {
    const before = await company(CNPJ);
    const second = upload({ cnpj: CNPJ, notAfter: new Date(NOW.getTime() + 20 * DAY) });

    const replaced = await putCompanyCertificate(deps, admin, CNPJ, second);
    const repeated = await putCompanyCertificate(deps, admin, CNPJ, second);

    const described = await secrets.send(new DescribeSecretCommand({ SecretId: `${prefix}/companies/${CNPJ}/certificate` }));
    expect([replaced.created, replaced.view.status, replaced.view.daysLeft]).toEqual([false, 'expiring', 20]);
    expect(repeated.view.versionId).toBe(replaced.view.versionId);
    expect(described.VersionIdsToStages).toEqual({ [before.certificate?.versionId ?? '?']: ['AWSPREVIOUS'], [replaced.view.versionId]: ['AWSCURRENT'] });
    expect(await secretValue(CNPJ, 'AWSPREVIOUS')).toEqual(JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: before.certificate?.secretArn, VersionId: before.certificate?.versionId }))).SecretString ?? 'null'));
    expect(await secretValue(CNPJ, 'AWSCURRENT')).toEqual(second);
    expect((await company(CNPJ)).certificate?.versionId).toBe(replaced.view.versionId);
  });

  it('takes an alphanumeric CNPJ, and a CNPJ carried only in the subject CN', async () => {
    const alphanumeric = await putCompanyCertificate(deps, admin, ALPHANUMERIC_CNPJ, upload({ cnpj: ALPHANUMERIC_CNPJ }));
    const cnOnly = await putCompanyCertificate(deps, admin, OTHER_CNPJ, upload({ cnpj: OTHER_CNPJ, otherName: false }));

    expect([alphanumeric.view.cnpj, cnOnly.view.cnpj]).toEqual([ALPHANUMERIC_CNPJ, OTHER_CNPJ]);
  });

  it('refuses a certificate that cannot sign for the company now with a 422 naming the problem and the field, storing nothing', async () => {
    const cnpj = '11222336000115';
    await ddb.send(new PutCommand({ TableName: table, Item: { ...DEMO_COMPANY, cnpj, version: 1, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: 'admin-1' } }));
    const caller: Caller = { ...admin, grant: { ...admin.grant, cnpjs: [cnpj] } };
    const issued = issueA1Certificate(ca, { cnpj, razaoSocial: 'EMPRESA TESTE LTDA' }, NOW);
    const stranger: IssuedCertificate = issueA1Certificate(ca, { cnpj, razaoSocial: 'OUTRA' }, NOW);
    const file = (pfx: Buffer, password = 'pw'): { pfxBase64: string; password: string } => ({ pfxBase64: pfx.toString('base64'), password });

    const problems = await Promise.all([
      problemOf(putCompanyCertificate(deps, caller, cnpj, file(Buffer.from('not a certificate at all')))),
      problemOf(putCompanyCertificate(deps, caller, cnpj, { ...file(toPfx(issued, 'right')), password: 'wrong' })),
      problemOf(putCompanyCertificate(deps, caller, cnpj, file(toPfx(issued, 'pw', [], { withKey: false })))),
      problemOf(putCompanyCertificate(deps, caller, cnpj, file(toPfx({ privateKeyPem: stranger.privateKeyPem, certificatePem: issued.certificatePem }, 'pw')))),
      problemOf(putCompanyCertificate(deps, caller, cnpj, upload({ cnpj, notBefore: new Date(NOW.getTime() + DAY) }, 'pw'))),
      problemOf(putCompanyCertificate(deps, caller, cnpj, upload({ cnpj, notBefore: new Date(NOW.getTime() - 400 * DAY), notAfter: new Date(NOW.getTime() - DAY) }, 'pw'))),
      problemOf(putCompanyCertificate(deps, caller, cnpj, upload({ cnpj: 'SEM CNPJ', otherName: false }, 'pw'))),
      problemOf(putCompanyCertificate(deps, caller, cnpj, upload({ cnpj: OTHER_CNPJ }, 'pw'))),
    ]);

    expect(problems).toEqual([
      [422, 'NotPkcs12', [{ field: 'pfxBase64', message: 'the file is not a PKCS#12 (.pfx) certificate' }]],
      [422, 'WrongPassword', [{ field: 'password', message: 'the password does not open this certificate' }]],
      [422, 'NoPrivateKey', [{ field: 'pfxBase64', message: 'the file holds no private key (an A1 certificate must carry its key; export it with the key)' }]],
      [422, 'KeyMismatch', [{ field: 'pfxBase64', message: 'no certificate in the file matches its private key' }]],
      [422, 'NotYetValid', [{ field: 'pfxBase64', message: 'the certificate is valid only from 2026-12-07T12:00:00.000Z' }]],
      [422, 'Expired', [{ field: 'pfxBase64', message: 'the certificate expired on 2026-12-05T12:00:00.000Z' }]],
      [422, 'NoCnpj', [{ field: 'pfxBase64', message: 'the certificate carries no CNPJ (neither the ICP-Brasil otherName 2.16.76.1.3.3 nor a CN ending in :CNPJ): it is not an e-CNPJ' }]],
      [422, 'CnpjMismatch', [{ field: 'pfxBase64', message: `the certificate belongs to CNPJ ${OTHER_CNPJ}, not ${cnpj}` }]],
    ]);
    await expect(secrets.send(new DescribeSecretCommand({ SecretId: `${prefix}/companies/${cnpj}/certificate` }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect(await company(cnpj)).toMatchObject({ version: 1 });
    expect((await company(cnpj)).certificate).toBeUndefined();
  });

  it('answers 404 for a company that does not exist or is another tenant’s, before opening the file', async () => {
    const unknown = '11222337000160';
    const caller: Caller = { ...admin, grant: { ...admin.grant, cnpjs: [unknown] } };

    const problems = await Promise.all([
      problemOf(putCompanyCertificate(deps, caller, unknown, { pfxBase64: 'AAAA', password: '' })),
      problemOf(putCompanyCertificate(deps, otherTenant, CNPJ, { pfxBase64: 'AAAA', password: '' })),
      problemOf(getCompanyCertificate(deps, otherTenant, CNPJ)),
    ]);

    expect(problems).toEqual([
      [404, 'NotFound', []],
      [404, 'NotFound', []],
      [404, 'NotFound', []],
    ]);
  });
});
