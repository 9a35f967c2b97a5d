import { inspect } from 'node:util';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { CompanyCertificates } from '../../../adapter-container/certificates/CompanyCertificates';
import { CertificateMissingProviderError, TransientProviderError } from '../../../adapter-container/providers/errors';
import type { LocalPki } from '../../../local/certificates/LocalPki';
import { issueA1Certificate, newRsaKeyPem, toPfx } from '../../../local/certificates/testPki';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { testPki } from '../../harness/testPki';
import { putCertificateSecret } from '../support/certificateSecrets';
import { requireServices } from '../../harness/requireServices';

const CNPJ = '11222333000181';
const OTHER_CNPJ = '11444777000161';

/** What a refusal says: its taxonomy name, code and message. */
function refusal(error: unknown): [string, string, string] {
  if (!(error instanceof CertificateMissingProviderError) && !(error instanceof TransientProviderError)) throw error;
  return [error.errorName, error.code, error.message];
}

describe('CompanyCertificates, through Powertools’ SecretsProvider against the local Secrets Manager', () => {
  let pki: LocalPki;
  /** Every GetSecretValue the provider's client sent. */
  let reads = 0;
  const client = new SecretsManagerClient(testClientConfig());
  client.middlewareStack.add((next) => (args) => {
    reads++;
    return next(args);
  }, { step: 'initialize', name: 'countReads' });
  const secrets = new SecretsProvider({ awsSdkV3Client: client });

  beforeAll(async () => {
    await requireServices(['secretsmanager']);
    pki = await testPki();
  });

  afterAll(() => {
    client.destroy();
  });

  it('opens the company’s certificate once and serves it from the TTL cache, showing no key when printed', async () => {
    const prefix = uniqueName('nfse');
    await putCertificateSecret(prefix, CNPJ, await pki.companyCertificate(CNPJ, 'Empresa Teste Ltda'));
    const certificates = new CompanyCertificates({ secretPrefix: prefix, secrets, cacheSeconds: 300 });
    const before = reads;

    const first = await certificates.credentialsFor(CNPJ);
    const second = await certificates.credentialsFor(CNPJ);

    expect(reads - before).toBe(1);
    expect(second).toBe(first);
    expect([first.cnpj, first.certificate.metadata.cnpj, first.fingerprint]).toEqual([CNPJ, CNPJ, expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(`${JSON.stringify(first)} ${inspect(first, { depth: 10, showHidden: false })}`).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
  });

  it('uses a replaced certificate once its secret is read again', async () => {
    const prefix = uniqueName('nfse');
    const key = newRsaKeyPem();
    const a1 = (): { pfxBase64: string; password: string } => ({ pfxBase64: toPfx(issueA1Certificate(pki.ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA TESTE LTDA', privateKeyPem: key }), 'pw').toString('base64'), password: 'pw' });
    await putCertificateSecret(prefix, CNPJ, a1());
    const certificates = new CompanyCertificates({ secretPrefix: prefix, secrets, cacheSeconds: 0 });
    const old = await certificates.credentialsFor(CNPJ);

    await putCertificateSecret(prefix, CNPJ, a1());
    const renewed = await certificates.credentialsFor(CNPJ);

    expect(renewed.fingerprint).not.toBe(old.fingerprint);
  });

  it('refuses, as Provider.CertificateMissing with a code, a certificate missing, unreadable, locked by another password, another company’s or expired', async () => {
    const prefix = uniqueName('nfse');
    const key = newRsaKeyPem();
    const pfxOf = (cnpj: string, notAfter?: Date): string => toPfx(issueA1Certificate(pki.ca, { cnpj, razaoSocial: 'EMPRESA LTDA', privateKeyPem: key, ...(notAfter === undefined ? {} : { notBefore: new Date(notAfter.getTime() - 86_400_000), notAfter }) }), 'pw').toString('base64');
    await putCertificateSecret(prefix, '11111111000191', { pfxBase64: 'bm90IGEgcGZ4', password: 'pw' });
    await putCertificateSecret(prefix, '22222222000191', { pfxBase64: pfxOf('22222222000191'), password: 'wrong' });
    await putCertificateSecret(prefix, '33333333000191', { pfxBase64: pfxOf(OTHER_CNPJ), password: 'pw' });
    await putCertificateSecret(prefix, '44444444000191', { pfxBase64: pfxOf('44444444000191', new Date(Date.now() - 3_600_000)), password: 'pw' });
    const certificates = new CompanyCertificates({ secretPrefix: prefix, secrets, cacheSeconds: 0 });

    const outcomes = await Promise.all(['55555555000191', '11111111000191', '22222222000191', '33333333000191', '44444444000191'].map((cnpj) => certificates.credentialsFor(cnpj).then(() => 'opened', refusal)));

    expect(outcomes).toEqual([
      ['Provider.CertificateMissing', 'CertificateNotFound', `company 55555555000191 has no A1 certificate (secret ${prefix}/companies/55555555000191/certificate): upload one with PUT /companies/55555555000191/certificate`],
      ['Provider.CertificateMissing', 'CertificateNotPkcs12', 'the A1 certificate of company 11111111000191 cannot be used: the file is not a PKCS#12 (.pfx) certificate'],
      ['Provider.CertificateMissing', 'CertificateWrongPassword', 'the A1 certificate of company 22222222000191 cannot be used: the password does not open this certificate'],
      ['Provider.CertificateMissing', 'CertificateCnpjMismatch', `the A1 certificate of company 33333333000191 cannot be used: the certificate belongs to CNPJ ${OTHER_CNPJ}, not 33333333000191`],
      ['Provider.CertificateMissing', 'CertificateExpired', expect.stringMatching(/^the A1 certificate of company 44444444000191 cannot be used: the certificate expired on \d{4}-\d\d-\d\dT/)],
    ]);
  });

  it('expires an opened certificate by the clock, without reading its secret again', async () => {
    const prefix = uniqueName('nfse');
    await putCertificateSecret(prefix, CNPJ, await pki.companyCertificate(CNPJ, 'Empresa Teste Ltda'));
    let now = new Date();
    const certificates = new CompanyCertificates({ secretPrefix: prefix, secrets, cacheSeconds: 300, now: () => now });
    await certificates.credentialsFor(CNPJ);

    now = new Date(now.getTime() + 2 * 365 * 86_400_000);

    await expect(certificates.credentialsFor(CNPJ).catch(refusal)).resolves.toEqual(['Provider.CertificateMissing', 'CertificateExpired', expect.stringContaining('the certificate expired on')]);
  });

  it('is Provider.Transient when Secrets Manager does not answer (retried like a city that does not)', async () => {
    const unreachable = new SecretsManagerClient({ ...testClientConfig(), endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
    const certificates = new CompanyCertificates({ secretPrefix: 'nfse', secrets: new SecretsProvider({ awsSdkV3Client: unreachable }) });

    const outcome = await certificates.credentialsFor(CNPJ).catch(refusal);

    expect(outcome).toEqual(['Provider.Transient', 'CertificateUnavailable', `the A1 certificate of company ${CNPJ} could not be read from Secrets Manager (Error)`]);
    unreachable.destroy();
  });
});
