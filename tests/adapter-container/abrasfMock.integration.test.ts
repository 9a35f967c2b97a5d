// The worker with the real ABRASF 2.04 client against the local provider mock and the shared cloud:
// the seam between adapter-container/worker and providers/abrasf-2.04, end to end — with the
// built-in cities' signatures (checked by the mock against the test CA) and Belo Horizonte's
// mutual TLS, the company's certificate read from Secrets Manager.
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import pino from 'pino';
import { MunicipalityListSchema } from '../../contracts/municipality';
import { verifyXmlSignature } from '../../adapter-container/xml/verifyXmlSignature';
import { elementId } from '../../adapter-container/xml/signElements';
import type { LocalPki } from '../../local/certificates/LocalPki';
import { onMockTls } from '../../local/provider-mock/onMockTls';
import { builtInMunicipalities } from '../../lib/municipalities/builtInMunicipalities';
import { createMunicipalityRegistry } from '../../lib/municipalities/registry';
import { abrasfProviderFactory } from '../../adapter-container/providers/abrasfProviderFactory';
import { AdapterWorker } from '../../adapter-container/worker/AdapterWorker';
import { buildRpsXml } from '../../tasks/emit/rps/buildRpsXml';
import { ScaledClock } from '../../lib/clock/ScaledClock';
import { startProviderMock, type ProviderMock } from '../../local/provider-mock';
import { executionEnded } from '../harness/executionEnded';
import { testClientConfig, timeScale, uniqueName } from '../harness/localCloudEnv';
import { testPki } from '../harness/testPki';
import { putCertificateSecret } from './support/certificateSecrets';
import { createCityLimitsTable } from './support/cityLimitsTable';
import { createRequestIssuanceMachine } from './support/requestIssuanceMachine';
import { requireServices } from '../harness/requireServices';

const CNPJ = '11222333000181';
/** A company of this suite that never uploaded a certificate. */
const WITHOUT_CERTIFICATE = '11444777000161';

describe('AdapterWorker with the ABRASF 2.04 client against the provider mock', () => {
  const config = testClientConfig();
  const sqs = new SQSClient(config);
  const sfn = new SFNClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const bucket = uniqueName('adapter-abrasf');
  let mock: ProviderMock | undefined;
  let worker: AdapterWorker | undefined;
  let running: Promise<void> | undefined;
  let stateMachineArn = '';
  let pki: LocalPki;
  const prefix = uniqueName('nfse');

  beforeAll(async () => {
    await requireServices(['sqs', 'states', 's3', 'dynamodb', 'secretsmanager']);
    const limits = await createCityLimitsTable();
    pki = await testPki();
    await putCertificateSecret(prefix, CNPJ, await pki.companyCertificate(CNPJ, 'EMPRESA TESTE LTDA'));
    mock = await startProviderMock({
      port: 0,
      logger: pino({ level: 'silent' }),
      municipalities: MunicipalityListSchema.parse(builtInMunicipalities()),
      trustedCaPems: [pki.ca.certificatePem],
      tls: { port: 0, certificatePem: pki.server.certificatePem, privateKeyPem: pki.server.privateKeyPem, caPem: pki.ca.certificatePem },
    });
    const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('adapter-abrasf') }))).QueueUrl ?? '';
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    stateMachineArn = await createRequestIssuanceMachine(sfn, queueUrl);
    worker = await AdapterWorker.create({
      queueUrl,
      bucket,
      cityLimitsTable: limits.table,
      certificateSecretPrefix: prefix,
      dynamodb: limits.dynamodb,
      registry: createMunicipalityRegistry(onMockTls(builtInMunicipalities(mock.url, mock.url), mock, pki.caFile)),
      providerFactory: abrasfProviderFactory({ timeoutMs: 5_000 }),
      sqs,
      sfn,
      s3,
      clock: new ScaledClock({ timeScale: timeScale() }),
      logger: pino({ level: 'silent' }),
    });
    running = worker.run();
  }, 40_000);

  afterAll(async () => {
    await worker?.shutdown();
    await running;
    await mock?.stop();
    sqs.destroy();
    sfn.destroy();
    s3.destroy();
  });

  async function emit(invoiceId: string, municipalityCode: string, numero: number, companyCnpj = CNPJ): Promise<DescribeExecutionCommandOutput> {
    const rps = { serie: '1', numero };
    const xmlKey = `xml/${invoiceId}.xml`;
    const rpsXml = buildRpsXml({
      invoiceId,
      companyCnpj,
      municipalityCode,
      total: '100.00',
      competence: '2026-11-23',
      createdAt: '2026-11-23T12:00:00.000Z',
      rps,
      service: { code: '01.07', description: 'Suporte técnico', issRate: '2.50', issWithheld: false },
      tomador: { document: '12345678909', name: 'Maria' },
    });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: xmlKey, Body: rpsXml }));
    const input = { kind: 'emit', invoiceId, companyCnpj, municipalityCode, rps, invoice: { total: '100.00', xmlKey, nfseXmlKey: `nfse/${invoiceId}.xml` } };
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
    return executionEnded(sfn, executionArn, { intervalMs: 100 });
  }

  it('issues at a synchronous city and stores the city\'s CompNfse at nfseXmlKey', async () => {
    const execution = await emit('01JD3Q5V6Z8X9Y0A1B2C3D4E7A', '3550308', 101);

    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? 'null')).toEqual({ outcome: 'issued', nfseNumber: expect.any(String), verificationCode: expect.any(String), issuedAt: expect.any(String), nfseXmlKey: 'nfse/01JD3Q5V6Z8X9Y0A1B2C3D4E7A.xml' });
    const stored = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'nfse/01JD3Q5V6Z8X9Y0A1B2C3D4E7A.xml' }));
    expect(await stored.Body?.transformToString()).toMatch(/^<CompNfse xmlns="http:\/\/www\.abrasf\.org\.br\/nfse\.xsd">/);
  });

  it('stores the RPS it sent, signed with the company\'s certificate, in place of the unsigned one', async () => {
    const invoiceId = '01JD3Q5V6Z8X9Y0A1B2C3D4E7D';

    const execution = await emit(invoiceId, '3304557', 104);

    const stored = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `xml/${invoiceId}.xml` }));
    const rpsXml = (await stored.Body?.transformToString()) ?? '';
    const verdict = verifyXmlSignature(rpsXml, { signedElementId: elementId(rpsXml, 'InfDeclaracaoPrestacaoServico') ?? '', trustedCaPems: [pki.ca.certificatePem] });
    expect(execution.status).toBe('SUCCEEDED');
    expect(verdict.valid).toBe(true);
    // The company's certificate: its CNPJ in the CN (the razão social is whichever onboarding of this CNPJ on the shared cloud uploaded last).
    expect(verdict.valid && verdict.certificate.subject).toMatch(new RegExp(`^CN=[^\\n]+:${CNPJ}\\n`));
  });

  it('answers an asynchronous city\'s batch protocol, over mutual TLS, with the RPS and the lot signed', async () => {
    const execution = await emit('01JD3Q5V6Z8X9Y0A1B2C3D4E7B', '3106200', 102);

    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? 'null')).toEqual({ outcome: 'accepted', protocol: expect.any(String), receivedAt: expect.any(String) });
    expect(mock?.stats().calls.RecepcionarLoteRps).toBe(1);
  });

  it('fails a company without a certificate with Provider.CertificateMissing, never calling the city', async () => {
    const calls = mock?.stats().calls.GerarNfse ?? 0;

    const execution = await emit('01JD3Q5V6Z8X9Y0A1B2C3D4E7E', '3550308', 105, WITHOUT_CERTIFICATE);

    expect([execution.status, execution.error]).toEqual(['FAILED', 'Provider.CertificateMissing']);
    expect(JSON.parse(execution.cause ?? '{}')).toEqual({
      code: 'CertificateNotFound',
      message: `company ${WITHOUT_CERTIFICATE} has no A1 certificate (secret ${prefix}/companies/${WITHOUT_CERTIFICATE}/certificate): upload one with PUT /companies/${WITHOUT_CERTIFICATE}/certificate`,
    });
    expect(mock?.stats().calls.GerarNfse ?? 0).toBe(calls);
  });

  it('answers a resend of an RPS the city already issued with that same NFS-e (exactly once at the city)', async () => {
    const first = await emit('01JD3Q5V6Z8X9Y0A1B2C3D4E7C', '3550308', 103);

    const again = await emit('01JD3Q5V6Z8X9Y0A1B2C3D4E7C', '3550308', 103);

    expect([first.status, again.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(JSON.parse(again.output ?? 'null').nfseNumber).toBe(JSON.parse(first.output ?? 'null').nfseNumber);
  });
});
