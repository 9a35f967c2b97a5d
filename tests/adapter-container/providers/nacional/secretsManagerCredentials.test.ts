import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { secretsManagerCredentials } from '../../../../adapter-container/providers/nacional/secretsManagerCredentials';
import { verifyXmlSignature } from '../../../../adapter-container/xml/verifyXmlSignature';
import { createTestCa, issueA1Certificate, toPfx, type TestCa } from '../../../../local/certificates/testPki';

const CNPJ = '11444777000161';
const XML = '<root><inf Id="A1">x</inf></root>';

describe('secretsManagerCredentials', () => {
  const secrets = mockClient(SecretsManagerClient);
  let ca: TestCa;

  beforeAll(() => {
    ca = createTestCa('credentials test CA');
  });

  beforeEach(() => secrets.reset());

  const source = (): ReturnType<typeof secretsManagerCredentials> => secretsManagerCredentials({ secrets: new SecretsManagerClient({ region: 'us-east-1' }), secretPrefix: 'nfse-dev' });

  it('opens the company\'s .pfx from its secret and signs with its certificate', async () => {
    const pfx = toPfx(issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA LTDA' }), 'segredo', [ca.certificatePem]);
    secrets.on(GetSecretValueCommand, { SecretId: `nfse-dev/companies/${CNPJ}/certificate` }).resolves({ SecretString: JSON.stringify({ pfxBase64: pfx.toString('base64'), password: 'segredo' }) });

    const credentials = await source()(CNPJ, new AbortController().signal);
    const dps = credentials.sign('<DPS><infDPS Id="DPS1">x</infDPS></DPS>', 'infDPS', 'rsa-sha256');

    const verdict = verifyXmlSignature(dps, { signedElementId: 'DPS1', trustedCaPems: [ca.certificatePem] });
    expect(verdict.valid && verdict.certificate.subject).toBe('CN=EMPRESA LTDA:11444777000161\nOU=Certificado PJ A1 (teste)\nO=ICP-Brasil (simulada)\nC=BR');
    expect(() => credentials.sign(XML, 'infDPS', 'rsa-sha256')).toThrow('cannot sign: the document has no infDPS with an Id');
  });

  it('fails a company without a certificate as Provider.Rejected naming where to upload it', async () => {
    secrets.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));

    await expect(source()(CNPJ, new AbortController().signal)).rejects.toMatchObject({
      errorName: 'Provider.Rejected',
      code: 'CertificateNotFound',
      message: `company ${CNPJ} has no A1 certificate: upload it with PUT /companies/${CNPJ}/certificate`,
    });
  });

  it('fails a secret whose password no longer opens the file as Provider.Rejected', async () => {
    const pfx = toPfx(issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA LTDA' }), 'segredo');
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ pfxBase64: pfx.toString('base64'), password: 'outra' }) });

    await expect(source()(CNPJ, new AbortController().signal)).rejects.toMatchObject({ errorName: 'Provider.Rejected', code: 'CertificateUnreadable', message: `the A1 certificate of company ${CNPJ} cannot be used: the password does not open this certificate` });
  });
});
