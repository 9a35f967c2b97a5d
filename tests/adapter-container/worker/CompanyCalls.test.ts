import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { mockClient } from 'aws-sdk-client-mock';
import { CompanyCertificates } from '../../../adapter-container/certificates/CompanyCertificates';
import { CertificateMissingProviderError, RejectedProviderError } from '../../../adapter-container/providers/errors';
import { CityAgents } from '../../../adapter-container/tls/CityAgents';
import { elementId } from '../../../adapter-container/xml/signElements';
import { verifyXmlSignature } from '../../../adapter-container/xml/verifyXmlSignature';
import { CompanyCalls } from '../../../adapter-container/worker/CompanyCalls';
import type { MunicipalityConfig } from '../../../contracts/municipality';
import { builtInMunicipalities } from '../../../lib/municipalities/builtInMunicipalities';
import { createMunicipalityRegistry } from '../../../lib/municipalities/registry';
import { createTestCa, issueA1Certificate, newRsaKeyPem, toPfx, type TestCa } from '../../../local/certificates/testPki';
import { buildRpsXml } from '../../../tasks/emit/rps/buildRpsXml';
import { rpsInvoice } from '../xml/rpsFixtures';
import { BUCKET, cancelRequest, consultRequest, emitRequest, INVOICE_ID } from '../support/fixtures';

const CNPJ = '11222333000181';

describe('CompanyCalls', () => {
  let ca: TestCa;
  const s3 = new S3Client({ region: 'us-east-1' });
  const s3Mock = mockClient(s3);
  const secretsClient = new SecretsManagerClient({ region: 'us-east-1' });
  const secretsMock = mockClient(secretsClient);
  const registry = createMunicipalityRegistry(builtInMunicipalities('http://127.0.0.1:4580/nfse', 'https://127.0.0.1:4581/nfse').map((city) => (city.mtls === true ? { ...city, caFile: '/pki/ca.pem' } : city)));
  const city = (code: string): MunicipalityConfig => registry.get(code) ?? createMunicipalityRegistry([{ code, name: 'Curitiba', provider: 'abrasf-2.04', mode: 'sync', endpoint: 'http://127.0.0.1:4580/nfse/4106902', environment: 'homologacao', concurrency: 1 }]).get(code) ?? (() => { throw new Error(code); })();
  const rpsXml = buildRpsXml(rpsInvoice({ invoiceId: INVOICE_ID, companyCnpj: CNPJ }));
  let calls: CompanyCalls;

  beforeAll(() => {
    ca = createTestCa();
    const pfx = toPfx(issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA TESTE LTDA', privateKeyPem: newRsaKeyPem() }), 'pw');
    secretsMock.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} }));
    secretsMock.on(GetSecretValueCommand, { SecretId: `nfse-test/companies/${CNPJ}/certificate` }).resolves({ SecretString: JSON.stringify({ pfxBase64: pfx.toString('base64'), password: 'pw' }) });
  });

  beforeEach(() => {
    s3Mock.reset();
    s3Mock.on(PutObjectCommand).resolves({});
    const certificates = new CompanyCertificates({ secretPrefix: 'nfse-test', secrets: new SecretsProvider({ awsSdkV3Client: secretsClient }), cacheSeconds: 0 });
    calls = new CompanyCalls({ certificates, agents: new CityAgents({ readCaFile: () => ca.certificatePem }), s3, bucket: BUCKET });
  });

  it('signs an emit’s RPS as the city requires and stores it at its xmlKey before the call, the signed one being what is sent', async () => {
    const prepared = await calls.prepare(emitRequest({ companyCnpj: CNPJ }), city('3550308'), rpsXml);

    const stored = s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(stored).toEqual([{ Bucket: BUCKET, Key: `xml/${INVOICE_ID}.xml`, Body: prepared.rpsXml, ContentType: 'application/xml' }]);
    expect(verifyXmlSignature(prepared.rpsXml ?? '', { signedElementId: elementId(rpsXml, 'InfDeclaracaoPrestacaoServico') ?? '', trustedCaPems: [ca.certificatePem] }).valid).toBe(true);
    expect([prepared.credentials.company?.cnpj, prepared.credentials.agent]).toEqual([CNPJ, undefined]);
  });

  it('writes nothing on a retry that finds the stored RPS signed with the same certificate', async () => {
    const first = await calls.prepare(emitRequest({ companyCnpj: CNPJ }), city('3550308'), rpsXml);
    s3Mock.resetHistory();

    const retry = await calls.prepare(emitRequest({ companyCnpj: CNPJ, attempt: 1 }), city('3550308'), first.rpsXml);

    expect(retry.rpsXml).toBe(first.rpsXml);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('gives a mutual TLS city’s calls the company’s agent, a consult and a cancellation included, and signs no RPS they do not send', async () => {
    const consult = await calls.prepare(consultRequest({ companyCnpj: CNPJ, municipalityCode: '3106200' }), city('3106200'), rpsXml);
    const cancel = await calls.prepare(cancelRequest({ companyCnpj: CNPJ, municipalityCode: '3106200' }), city('3106200'), undefined);

    expect([consult.rpsXml, cancel.rpsXml]).toEqual([rpsXml, undefined]);
    expect(consult.credentials.agent).toBeDefined();
    expect(cancel.credentials.agent).toBe(consult.credentials.agent);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('reads no certificate for a batch consult at a city that only signs: it sends nothing to sign', async () => {
    secretsMock.resetHistory();

    const prepared = await calls.prepare(consultRequest({ companyCnpj: '11444777000161' }), city('3550308'), rpsXml);

    expect(prepared).toEqual({ credentials: {}, rpsXml });
    expect(secretsMock.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('reads no certificate for a city that requires none', async () => {
    secretsMock.resetHistory();

    const prepared = await calls.prepare(emitRequest({ companyCnpj: CNPJ, municipalityCode: '4106902' }), city('4106902'), rpsXml);

    expect(prepared).toEqual({ credentials: {}, rpsXml });
    expect(secretsMock.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('fails a company without a certificate as Provider.CertificateMissing, and a city the registry misdescribes as Provider.Rejected', async () => {
    await expect(calls.prepare(emitRequest({ companyCnpj: '11444777000161' }), city('3550308'), rpsXml)).rejects.toBeInstanceOf(CertificateMissingProviderError);
    await expect(calls.prepare(emitRequest({ companyCnpj: CNPJ }), { ...city('3106200'), endpoint: 'http://127.0.0.1:4580/nfse/3106200' }, rpsXml)).rejects.toEqual(new RejectedProviderError('MunicipalityMisconfigured', 'municipality 3106200 cannot be called as the registry describes it: municipality 3106200 requires mutual TLS but its endpoint http://127.0.0.1:4580/nfse/3106200 is not https'));
  });
});
