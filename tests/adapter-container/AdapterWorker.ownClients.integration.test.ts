import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createAdapterLogger } from '../../adapter-container/adapterLogger';
import { AdapterWorker } from '../../adapter-container/worker/AdapterWorker';
import { ADAPTER_CLIENTS } from '../../adapter-container/worker/adapterClients';
import { ScaledClock } from '../../lib/clock/ScaledClock';
import { executionEnded } from '../harness/executionEnded';
import { testClientConfig, timeScale, uniqueName } from '../harness/localCloudEnv';
import { FakeProvider } from './support/FakeProvider';
import { emitRequest, issuedOutcome, testRegistry } from './support/fixtures';
import { createWorkerResources } from './support/workerResources';
import { createRequestIssuanceMachine } from './support/requestIssuanceMachine';

describe('AdapterWorker on the clients it builds itself (ADAPTER_CLIENTS, from the environment)', () => {
  const config = testClientConfig();
  const sqs = new SQSClient(config);
  const sfn = new SFNClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const provider = new FakeProvider();
  let bucket = '';
  let queueUrl = '';
  let worker: AdapterWorker | undefined;
  let running: Promise<void> | undefined;
  // The poll client the worker builds for itself (the first built), watched, not replaced: its sends and its destroy.
  let pollClient: SQSClient | undefined;
  const buildPollClient = ADAPTER_CLIENTS.pollSqs;
  jest.spyOn(ADAPTER_CLIENTS, 'pollSqs').mockImplementation(() => {
    const client = buildPollClient();
    pollClient ??= client;
    return client;
  });

  beforeAll(async () => {
    const resources = await createWorkerResources(sqs, s3, 'own-clients');
    ({ queueUrl, bucket } = resources);
    const { limits } = resources;
    worker = await AdapterWorker.create({
      queueUrl,
      bucket,
      cityLimitsTable: limits.table,
      certificateSecretPrefix: uniqueName('nfse'),
      registry: testRegistry(),
      providerFactory: () => provider,
      clock: new ScaledClock({ timeScale: timeScale() }),
      logger: createAdapterLogger('silent'),
    });
    running = worker.run();
  }, 40_000);

  afterAll(async () => {
    await worker?.shutdown();
    await running;
    sqs.destroy();
    sfn.destroy();
    s3.destroy();
  });

  it('long-polls on a client whose middleware is resolved once per command, as every other client of the worker', () => {
    for (const client of [ADAPTER_CLIENTS.pollSqs(), ADAPTER_CLIENTS.sqs(), ADAPTER_CLIENTS.sfn(), ADAPTER_CLIENTS.s3()]) expect(client.config.cacheMiddleware).toBe(true);
  });

  it('answers a task through them', async () => {
    provider.emitWith = async () => issuedOutcome();
    const request = emitRequest({ invoiceId: '01JD3Q5V6Z8X9Y0A1B2C3D4E7A', invoice: { total: '10.00', xmlKey: 'xml/own-1.xml', nfseXmlKey: 'nfse/own-1.xml' } });
    const { taskToken: _token, attempt: _attempt, ...input } = request;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: request.invoice.xmlKey, Body: '<Rps>1</Rps>' }));
    const stateMachineArn = await createRequestIssuanceMachine(sfn, queueUrl, { heartbeatSeconds: 60, timeoutSeconds: 900 });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));

    const execution = await executionEnded(sfn, executionArn, { intervalMs: 100 });

    expect(execution.status).toBe('SUCCEEDED');
    expect(provider.calls.at(-1)?.rpsXml).toBe('<Rps>1</Rps>');
  });

  it('stops in the middle of a long poll, its poll client destroyed rather than signalled', async () => {
    expect(pollClient).toBeDefined();
    const client = pollClient as SQSClient;
    const sends = jest.spyOn(client, 'send');
    const destroy = jest.spyOn(client, 'destroy');
    // Let the worker begin its next long poll on the watched client.
    while (sends.mock.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));

    await worker?.shutdown();
    await running;

    expect(worker?.state).toBe('STOPPED');
    expect(destroy).toHaveBeenCalledTimes(1);
    // No per-call options (an abort signal among them): the client's cached middleware stays in use.
    expect(sends.mock.calls.map((call) => call.length)).toEqual(sends.mock.calls.map(() => 1));
  });
});
