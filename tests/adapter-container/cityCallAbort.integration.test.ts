// A city call the worker gives up on must end at the city too: the worker with the real ABRASF
// client against the provider mock (which counts the calls it holds open) and the shared cloud.
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand, StopExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, DeleteQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import pino from 'pino';
import { createMunicipalityRegistry } from '../../lib/municipalities/registry';
import { abrasfProviderFactory } from '../../adapter-container/providers/abrasfProviderFactory';
import { AdapterWorker } from '../../adapter-container/worker/AdapterWorker';
import { ScaledClock } from '../../lib/clock/ScaledClock';
import { startProviderMock, type ProviderMock } from '../../local/provider-mock';
import { buildRpsXml } from '../../tasks/emit/rps/buildRpsXml';
import { eventually } from '../harness/eventually';
import { executionEnded } from '../harness/executionEnded';
import { testClientConfig, timeScale, uniqueName } from '../harness/localCloudEnv';
import { createCityLimitsTable } from './support/cityLimitsTable';
import { createRequestIssuanceMachine } from './support/requestIssuanceMachine';
import { requireServices } from '../harness/requireServices';

const CNPJ = '11222333000181';
const SAO_PAULO = '3550308';

describe('a city call the worker abandons', () => {
  const config = testClientConfig();
  const sqs = new SQSClient(config);
  const sfn = new SFNClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const bucket = uniqueName('adapter-abort');
  let mock: ProviderMock;
  let queueUrl = '';
  let stateMachineArn = '';
  let worker: AdapterWorker | undefined;
  let running: Promise<void> | undefined;
  let limits: Awaited<ReturnType<typeof createCityLimitsTable>>;

  beforeAll(async () => {
    await requireServices(['sqs', 'states', 's3', 'dynamodb']);
    limits = await createCityLimitsTable();
    mock = await startProviderMock({ port: 0, logger: pino({ level: 'silent' }) });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }, 40_000);

  beforeEach(async () => {
    mock.reset();
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('adapter-abort') }))).QueueUrl ?? '';
    stateMachineArn = await createRequestIssuanceMachine(sfn, queueUrl);
  });

  afterEach(async () => {
    await worker?.shutdown();
    await running;
    worker = undefined;
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
  });

  afterAll(async () => {
    await mock.stop();
    sqs.destroy();
    sfn.destroy();
    s3.destroy();
  });

  /** A worker whose São Paulo takes one call at a time; the city call's own timeout is far away (60 s). */
  async function startWorker(shutdownGraceMs = 30_000): Promise<void> {
    worker = await AdapterWorker.create({
      queueUrl,
      bucket,
      cityLimitsTable: limits.table,
      certificateSecretPrefix: uniqueName('nfse'),
      dynamodb: limits.dynamodb,
      registry: createMunicipalityRegistry([{ code: SAO_PAULO, name: 'São Paulo', provider: 'abrasf-2.04', mode: 'sync', endpoint: mock.cityUrl(SAO_PAULO), environment: 'homologacao', concurrency: 1 }]),
      providerFactory: abrasfProviderFactory({ timeoutMs: 60_000 }),
      sqs,
      sfn,
      s3,
      clock: new ScaledClock({ timeScale: timeScale() }),
      logger: pino({ level: 'silent' }),
      // 2 s of AWS time: a heartbeat finds a stopped execution's task gone within a fraction of a second.
      heartbeatIntervalMs: 2_000,
      shutdownGraceMs,
    });
    running = worker.run();
  }

  async function startEmission(invoiceId: string, numero: number): Promise<string> {
    const rps = { serie: '1', numero };
    const xmlKey = `xml/${invoiceId}.xml`;
    const rpsXml = buildRpsXml({
      invoiceId,
      companyCnpj: CNPJ,
      municipalityCode: SAO_PAULO,
      total: '100.00',
      competence: '2026-11-23',
      createdAt: '2026-11-23T12:00:00.000Z',
      rps,
      service: { code: '01.07', description: 'Suporte técnico', issRate: '2.50', issWithheld: false },
      tomador: { document: '12345678909', name: 'Maria' },
    });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: xmlKey, Body: rpsXml }));
    const input = { kind: 'emit', invoiceId, companyCnpj: CNPJ, municipalityCode: SAO_PAULO, rps, invoice: { total: '100.00', xmlKey, nfseXmlKey: `nfse/${invoiceId}.xml` } };
    return (await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }))).executionArn ?? '';
  }

  function finished(executionArn: string): Promise<DescribeExecutionCommandOutput> {
    return executionEnded(sfn, executionArn);
  }

  it('is closed at the city when its task goes away, before the city\'s next call starts: the city never sees more than its limit', async () => {
    await startWorker();
    mock.knobs.failNext({ kind: 'acceptThenTimeout', count: 1, operations: ['GerarNfse'] });
    const abandoned = await startEmission('01JD3Q5V6Z8X9Y0A1B2C3D4E7A', 101);
    await eventually('the first call held open at the city', () => mock.open(), (open) => open.calls === 1, { timeoutMs: 10_000 });
    const next = await startEmission('01JD3Q5V6Z8X9Y0A1B2C3D4E7B', 102);

    await sfn.send(new StopExecutionCommand({ executionArn: abandoned }));
    const second = await finished(next);

    expect(second.status).toBe('SUCCEEDED');
    expect(mock.open()).toMatchObject({ calls: 0, peakCalls: 1 });
    expect(mock.stats().calls).toEqual({ GerarNfse: 2 });
    expect(worker?.stats().processed).toMatchObject({ stale: 1, succeeded: 1 });
  });

  it('is closed at the city when shutdown runs past its grace period', async () => {
    await startWorker(500);
    mock.knobs.failNext({ kind: 'acceptThenTimeout', count: 1, operations: ['GerarNfse'] });
    const executionArn = await startEmission('01JD3Q5V6Z8X9Y0A1B2C3D4E7C', 103);
    await eventually('the call held open at the city', () => mock.open(), (open) => open.calls === 1, { timeoutMs: 10_000 });

    await worker?.shutdown();
    // The city learns of the closed connection a moment later, well before the call's own 60 s timeout.
    const openAfterShutdown = await eventually('the call closed at the city', () => mock.open(), (open) => open.calls === 0, { timeoutMs: 1_000 }).catch((error: Error) => error.message);
    await sfn.send(new StopExecutionCommand({ executionArn }));

    expect(openAfterShutdown).toMatchObject({ calls: 0, peakCalls: 1 });
    expect(worker?.stats()).toMatchObject({ state: 'STOPPED', inFlight: 0, processed: { abandoned: 1 } });
  });
});
