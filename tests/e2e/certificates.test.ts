import { DescribeSecretCommand, GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DEMO_COMPANY } from '../../local/app/demoInvoice';
import { createTestCa, issueA1Certificate, toPfx, type TestCa } from '../../local/certificates/testPki';
import { testClientConfig } from '../harness/localCloudEnv';
import { startE2eApp, type E2eApp } from './e2eApp';

const COMPANY_A = '11222334000126';
const COMPANY_B = '11222335000170';
const COMPANY_C = '11222337000160';
const ALPHANUMERIC = '12ABC34501DE35';
const DAY = 86_400_000;

describe('company certificates, through the API', () => {
  let e2e: E2eApp;
  let ca: TestCa;
  let adminA: string;
  let adminB: string;
  let viewerA: string;
  let clientA: string;
  let ops: string;
  const secrets = new SecretsManagerClient(testClientConfig());

  const secretName = (cnpj: string): string => `${e2e.app.names.prefix}/companies/${cnpj}/certificate`;
  const upload = (cnpj: string, password: string, validity: { notBefore?: Date; notAfter?: Date } = {}): { pfxBase64: string; password: string } => ({
    pfxBase64: toPfx(issueA1Certificate(ca, { cnpj, razaoSocial: 'EMPRESA E2E LTDA', ...validity }), password, [ca.certificatePem]).toString('base64'),
    password,
  });
  const stagesOf = async (cnpj: string): Promise<Record<string, string[]>> => ((await secrets.send(new DescribeSecretCommand({ SecretId: secretName(cnpj) }))).VersionIdsToStages ?? {}) as Record<string, string[]>;
  const valueOf = async (cnpj: string, VersionStage: string): Promise<unknown> => JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: secretName(cnpj), VersionStage }))).SecretString ?? 'null');

  beforeAll(async () => {
    e2e = await startE2eApp();
    ca = createTestCa('e2e CA');
    adminA = await e2e.token('certs-admin-a', [COMPANY_A, ALPHANUMERIC], 'admin', { certificates: false });
    adminB = await e2e.token('certs-admin-b', [COMPANY_B], 'admin', { certificates: false });
    viewerA = await e2e.token('certs-viewer-a', [COMPANY_A], 'viewer', { certificates: false });
    clientA = await e2e.token('certs-client-a', [COMPANY_A], 'client', { certificates: false });
    ops = await e2e.token('certs-ops', [COMPANY_A], 'ops', { certificates: false });
  }, 60_000);

  afterAll(async () => {
    secrets.destroy();
    await e2e.stop();
  });

  it('uploads (201) a certificate whose metadata alone is answered, keeps it through the company’s PUT, and refuses it in a PATCH', async () => {
    const first = upload(COMPANY_A, 'primeira senha');

    const created = await e2e.call('PUT', `/companies/${COMPANY_A}/certificate`, adminA, first);
    const read = await e2e.call('GET', `/companies/${COMPANY_A}/certificate`, viewerA);
    const company = await e2e.call('GET', `/companies/${COMPANY_A}`, viewerA);
    const replacedFields = await e2e.call('PUT', `/companies/${COMPANY_A}`, adminA, { ...DEMO_COMPANY, razaoSocial: 'Empresa A Renomeada Ltda' });
    const patchedCertificate = await e2e.call('PATCH', `/companies/${COMPANY_A}`, adminA, { certificate: null });
    const patchedName = await e2e.call('PATCH', `/companies/${COMPANY_A}`, adminA, { nomeFantasia: 'A' });

    expect([created.status, created.headers.get('location')]).toEqual([201, `/companies/${COMPANY_A}/certificate`]);
    expect(Object.keys(created.body).sort()).toEqual(['cnpj', 'daysLeft', 'fingerprintSha256', 'issuer', 'notAfter', 'notBefore', 'serialNumber', 'status', 'subject', 'uploadedAt', 'uploadedBy', 'versionId']);
    expect(created.body).toMatchObject({ cnpj: COMPANY_A, subject: `CN=EMPRESA E2E LTDA:${COMPANY_A}, OU=Certificado PJ A1 (teste), O=ICP-Brasil (simulada), C=BR`, issuer: 'CN=e2e CA, O=nfse-flow (local tests only), C=BR', status: 'valid', daysLeft: 363, uploadedBy: 'certs-admin-a' });
    expect([read.status, read.body]).toEqual([200, created.body]);
    expect(await valueOf(COMPANY_A, 'AWSCURRENT')).toEqual(first);
    expect(company.body.certificate).toMatchObject({ versionId: created.body.versionId, status: 'valid', secretArn: expect.stringContaining(`:secret:${secretName(COMPANY_A)}-`) });
    expect([replacedFields.status, replacedFields.body.razaoSocial, replacedFields.body.certificate]).toEqual([200, 'Empresa A Renomeada Ltda', company.body.certificate]);
    expect([patchedCertificate.status, patchedCertificate.body.errors]).toEqual([400, [{ field: 'certificate', message: 'is not a known field' }]]);
    expect([patchedName.status, patchedName.body.certificate]).toEqual([200, company.body.certificate]);
  });

  it('replaces it (200) as a new AWSCURRENT version, keeping the previous as AWSPREVIOUS for a rollback', async () => {
    const before = await e2e.call('GET', `/companies/${COMPANY_A}/certificate`, adminA);
    const second = upload(COMPANY_A, 'segunda senha', { notAfter: new Date(Date.now() + 20 * DAY) });

    const replaced = await e2e.call('PUT', `/companies/${COMPANY_A}/certificate`, ops, second);

    expect([replaced.status, replaced.body.status, replaced.body.daysLeft, replaced.body.uploadedBy]).toEqual([200, 'expiring', 19, 'certs-ops']);
    expect(await stagesOf(COMPANY_A)).toEqual({ [String(before.body.versionId)]: ['AWSPREVIOUS'], [String(replaced.body.versionId)]: ['AWSCURRENT'] });
    expect(await valueOf(COMPANY_A, 'AWSCURRENT')).toEqual(second);
    expect(await valueOf(COMPANY_A, 'AWSPREVIOUS')).toMatchObject({ password: 'primeira senha' });
  });

  it('makes a certificate uploaded again after another current again (a rollback), the one it replaces kept as AWSPREVIOUS', async () => {
    const admin = await e2e.token('certs-admin-c', [COMPANY_C], 'admin', { certificates: false });
    const first = upload(COMPANY_C, 'senha um');
    const second = upload(COMPANY_C, 'senha dois');
    const before = await e2e.call('PUT', `/companies/${COMPANY_C}/certificate`, admin, first);
    const replaced = await e2e.call('PUT', `/companies/${COMPANY_C}/certificate`, admin, second);

    const rolledBack = await e2e.call('PUT', `/companies/${COMPANY_C}/certificate`, admin, first);
    const again = await e2e.call('PUT', `/companies/${COMPANY_C}/certificate`, admin, first);

    expect([rolledBack.status, rolledBack.body.versionId, rolledBack.body.fingerprintSha256]).toEqual([200, before.body.versionId, before.body.fingerprintSha256]);
    expect(await stagesOf(COMPANY_C)).toEqual({ [String(before.body.versionId)]: ['AWSCURRENT'], [String(replaced.body.versionId)]: ['AWSPREVIOUS'] });
    expect(await valueOf(COMPANY_C, 'AWSCURRENT')).toEqual(first);
    // The same file once more (a retry) changes nothing: the previous certificate stays one move away.
    expect([again.status, again.body.versionId]).toEqual([200, before.body.versionId]);
    expect(await stagesOf(COMPANY_C)).toEqual({ [String(before.body.versionId)]: ['AWSCURRENT'], [String(replaced.body.versionId)]: ['AWSPREVIOUS'] });
  });

  it('takes an alphanumeric CNPJ', async () => {
    const answer = await e2e.call('PUT', `/companies/${ALPHANUMERIC}/certificate`, adminA, upload(ALPHANUMERIC, 'senha'));

    expect([answer.status, answer.body.cnpj]).toEqual([201, ALPHANUMERIC]);
  });

  it('answers 400 naming pfxBase64 for garbage base64 and 422 naming the problem and the field for a certificate it cannot use, storing nothing', async () => {
    const stages = await stagesOf(COMPANY_A);
    const recorded = (await e2e.call('GET', `/companies/${COMPANY_A}`, adminA)).body;
    const keyless = toPfx(issueA1Certificate(ca, { cnpj: COMPANY_A, razaoSocial: 'SEM CHAVE LTDA' }), 'senha', [], { withKey: false }).toString('base64');
    const answers = await Promise.all([
      e2e.call('PUT', `/companies/${COMPANY_A}/certificate`, adminA, { pfxBase64: 'this is not base64!', password: 'x' }),
      e2e.call('PUT', `/companies/${COMPANY_A}/certificate`, adminA, { pfxBase64: 'QUJD' }),
      e2e.call('PUT', `/companies/${COMPANY_A}/certificate`, adminA, { ...upload(COMPANY_A, 'certa'), password: 'errada' }),
      e2e.call('PUT', `/companies/${COMPANY_A}/certificate`, adminA, upload(COMPANY_B, 'senha')),
      e2e.call('PUT', `/companies/${COMPANY_A}/certificate`, adminA, upload(COMPANY_A, 'senha', { notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) })),
      e2e.call('PUT', `/companies/${COMPANY_A}/certificate`, adminA, { pfxBase64: keyless, password: 'senha' }),
      e2e.call('PUT', `/companies/${COMPANY_A}/certificate`, adminA, { pfxBase64: Buffer.from('not a certificate at all').toString('base64'), password: 'senha' }),
    ]);

    expect(answers.map((answer) => [answer.status, answer.body.code, answer.body.errors])).toEqual([
      [400, 'ValidationFailed', [{ field: 'pfxBase64', message: 'must be the .pfx file in base64 (A-Z, a-z, 0-9, +, /, padded with =)' }]],
      [400, 'ValidationFailed', [{ field: 'password', message: 'is required' }]],
      [422, 'WrongPassword', [{ field: 'password', message: 'the password does not open this certificate' }]],
      [422, 'CnpjMismatch', [{ field: 'pfxBase64', message: `the certificate belongs to CNPJ ${COMPANY_B}, not ${COMPANY_A}` }]],
      [422, 'Expired', [{ field: 'pfxBase64', message: expect.stringMatching(/^the certificate expired on \d{4}-\d\d-\d\dT/) }]],
      [422, 'NoPrivateKey', [{ field: 'pfxBase64', message: 'the file holds no private key (an A1 certificate must carry its key; export it with the key)' }]],
      [422, 'NotPkcs12', [{ field: 'pfxBase64', message: 'the file is not a PKCS#12 (.pfx) certificate' }]],
    ]);
    expect(answers[2]?.body.message).toBe(`This certificate cannot sign for company ${COMPANY_A}: the password does not open this certificate`);
    expect(await stagesOf(COMPANY_A)).toEqual(stages);
    expect((await e2e.call('GET', `/companies/${COMPANY_A}`, adminA)).body).toEqual(recorded);
  });

  it('answers 404 for another tenant’s company, a company with no record, and a company with no certificate yet', async () => {
    const unregistered = '11222336000115';
    const adminOfUnregistered = await e2e.token('certs-admin-new', [unregistered], 'admin', { companies: false });

    const answers = await Promise.all([
      e2e.call('PUT', `/companies/${COMPANY_A}/certificate`, adminB, upload(COMPANY_A, 'x')),
      e2e.call('GET', `/companies/${COMPANY_A}/certificate`, adminB),
      e2e.call('PUT', `/companies/${unregistered}/certificate`, adminOfUnregistered, upload(unregistered, 'x')),
      e2e.call('GET', `/companies/${COMPANY_B}/certificate`, adminB),
    ]);

    expect(answers.map((answer) => [answer.status, answer.body.message])).toEqual([
      [404, `Company ${COMPANY_A} not found`],
      [404, `Company ${COMPANY_A} not found`],
      [404, `Company ${unregistered} not found`],
      [404, `Company ${COMPANY_B} has no certificate: upload one with PUT /companies/${COMPANY_B}/certificate`],
    ]);
    await expect(secrets.send(new DescribeSecretCommand({ SecretId: secretName(unregistered) }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('lets only the company’s admins and ops upload; every role of the tenant reads', async () => {
    const asClient = await e2e.call('PUT', `/companies/${COMPANY_A}/certificate`, clientA, upload(COMPANY_A, 'x'));
    const asViewer = await e2e.call('PUT', `/companies/${COMPANY_A}/certificate`, viewerA, upload(COMPANY_A, 'x'));
    const clientReads = await e2e.call('GET', `/companies/${COMPANY_A}/certificate`, clientA);

    expect([asClient.status, asClient.body.message]).toEqual([403, "Role 'client' may not manage companies"]);
    expect([asViewer.status, asViewer.body.message]).toEqual([403, "Role 'viewer' may not manage companies"]);
    expect(clientReads.status).toBe(200);
  });

  it('refuses to emit for a company whose certificate has expired (422 naming companyCnpj), and emits again once a valid one is uploaded', async () => {
    const client = await e2e.token('certs-client-b', [COMPANY_B], 'client', { certificates: false });
    await e2e.call('PUT', `/companies/${COMPANY_B}/certificate`, adminB, upload(COMPANY_B, 'senha'));
    // A year on, as the record stands: the certificate's notAfter has gone by.
    const notAfter = new Date(Date.now() - 60_000).toISOString();
    await e2e.ddb.send(new UpdateCommand({ TableName: e2e.app.names.companiesTable, Key: { cnpj: COMPANY_B }, UpdateExpression: 'SET certificate.metadata.notAfter = :notAfter', ExpressionAttributeValues: { ':notAfter': notAfter } }));
    const invoice = { companyCnpj: COMPANY_B, municipalityCode: '3550308', total: '10.00', service: { code: '01.07', description: 'x', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };

    const refused = await e2e.call('POST', '/invoices', client, invoice);
    await e2e.call('PUT', `/companies/${COMPANY_B}/certificate`, adminB, upload(COMPANY_B, 'nova senha'));
    // Emission reads company records through a 5-second cache.
    await new Promise((resolve) => setTimeout(resolve, 5_100));
    const accepted = await e2e.call('POST', '/invoices', client, invoice);

    expect([refused.status, refused.body.code, refused.body.errors]).toEqual([422, 'CertificateExpired', [{ field: 'companyCnpj', message: `its A1 certificate expired on ${notAfter} (PUT /companies/${COMPANY_B}/certificate)` }]]);
    expect(accepted.status).toBe(201);
  });
});
