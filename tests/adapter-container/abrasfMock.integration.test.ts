// The worker with the real ABRASF 2.04 client against the local provider mock and the shared cloud:
// the seam between adapter-container/worker and providers/abrasf-2.04, end to end.
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import pino from 'pino';
import { builtInMunicipalities } from '../../lib/municipalities/builtInMunicipalities';
import { createMunicipalityRegistry } from '../../lib/municipalities/registry';
import { abrasfProviderFactory } from '../../adapter-container/providers/abrasfProviderFactory';
import { AdapterWorker } from '../../adapter-container/worker/AdapterWorker';
import { buildRpsXml } from '../../tasks/emit/rps/buildRpsXml';
import { ScaledClock } from '../../lib/clock/ScaledClock';
import { startProviderMock, type ProviderMock } from '../../local/provider-mock';
import { executionEnded } from '../harness/executionEnded';
import { testClientConfig, timeScale, uniqueName } from '../harness/localCloudEnv';
import { createCityLimitsTable } from './support/cityLimitsTable';
import { createRequestIssuanceMachine } from './support/requestIssuanceMachine';
import { requireServices } from '../harness/requireServices';

const CNPJ = '11222333000181';

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

  beforeAll(async () => {
    await requireServices(['sqs', 'states', 's3', 'dynamodb']);
    const limits = await createCityLimitsTable();
    mock = await startProviderMock({ port: 0, logger: pino({ level: 'silent' }) });
    const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('adapter-abrasf') }))).QueueUrl ?? '';
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    stateMachineArn = await createRequestIssuanceMachine(sfn, queueUrl);
    worker = await AdapterWorker.create({
      queueUrl,
      bucket,
      cityLimitsTable: limits.table,
      dynamodb: limits.dynamodb,
      registry: createMunicipalityRegistry(builtInMunicipalities(mock.url)),
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

  async function emit(invoiceId: string, municipalityCode: string, numero: number): Promise<DescribeExecutionCommandOutput> {
    const rps = { serie: '1', numero };
    const xmlKey = `xml/${invoiceId}.xml`;
    const rpsXml = buildRpsXml({
      invoiceId,
      companyCnpj: CNPJ,
      municipalityCode,
      total: '100.00',
      competence: '2026-11-23',
      createdAt: '2026-11-23T12:00:00.000Z',
      rps,
      service: { code: '01.07', description: 'Suporte técnico', issRate: '2.50', issWithheld: false },
      tomador: { document: '12345678909', name: 'Maria' },
    });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: xmlKey, Body: rpsXml }));
    const input = { kind: 'emit', invoiceId, companyCnpj: CNPJ, municipalityCode, rps, invoice: { total: '100.00', xmlKey, nfseXmlKey: `nfse/${invoiceId}.xml` } };
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

  it('answers an asynchronous city\'s batch protocol', async () => {
    const execution = await emit('01JD3Q5V6Z8X9Y0A1B2C3D4E7B', '3106200', 102);

    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? 'null')).toEqual({ outcome: 'accepted', protocol: expect.any(String), receivedAt: expect.any(String) });
  });

  it('answers a resend of an RPS the city already issued with that same NFS-e (exactly once at the city)', async () => {
    const first = await emit('01JD3Q5V6Z8X9Y0A1B2C3D4E7C', '3550308', 103);

    const again = await emit('01JD3Q5V6Z8X9Y0A1B2C3D4E7C', '3550308', 103);

    expect([first.status, again.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(JSON.parse(again.output ?? 'null').nfseNumber).toBe(JSON.parse(first.output ?? 'null').nfseNumber);
  });
});
