import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Writable } from 'node:stream';
import { createAdapterLogger } from '../../adapter-container/adapterLogger';
import type { EmitProviderRequest } from '../../contracts/providerRequest';
import type { ProviderOutcome } from '../../adapter-container/providers/Provider';
import { RejectedProviderError } from '../../adapter-container/providers/errors';
import { AdapterWorker } from '../../adapter-container/worker/AdapterWorker';
import { ScaledClock } from '../../lib/clock/ScaledClock';
import { eventually } from '../harness/eventually';
import { executionEnded } from '../harness/executionEnded';
import { testClientConfig, timeScale, uniqueName } from '../harness/localCloudEnv';
import { FakeProvider } from './support/FakeProvider';
import { emitRequest, issuedOutcome, NFSE_XML, testRegistry } from './support/fixtures';
import { createWorkerResources } from './support/workerResources';
import { createRequestIssuanceMachine } from './support/requestIssuanceMachine';

describe('AdapterWorker against the local cloud (SQS, Step Functions, S3)', () => {
  const config = testClientConfig();
  const sqs = new SQSClient(config);
  const sfn = new SFNClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const clock = new ScaledClock({ timeScale: timeScale() });
  const provider = new FakeProvider();
  let bucket = '';
  /** Every line the worker logged, parsed. */
  const lines: Array<Record<string, unknown>> = [];
  const logLines = new Writable({
    write(chunk: Buffer, _encoding, done): void {
      for (const text of chunk.toString('utf8').split('\n')) if (text !== '') lines.push(JSON.parse(text) as Record<string, unknown>);
      done();
    },
  });
  let queueUrl = '';
  let worker: AdapterWorker | undefined;
  let running: Promise<void> | undefined;

  beforeAll(async () => {
    const resources = await createWorkerResources(sqs, s3, 'adapter');
    ({ queueUrl, bucket } = resources);
    const { limits } = resources;
    worker = await AdapterWorker.create({
      queueUrl,
      bucket,
      cityLimitsTable: limits.table,
      certificateSecretPrefix: uniqueName('nfse'),
      dynamodb: limits.dynamodb,
      registry: testRegistry(),
      providerFactory: () => provider,
      sqs,
      sfn,
      s3,
      clock,
      logger: createAdapterLogger('info', logLines),
      // 2 s of AWS time: a tenth of the slow-city state machine's 20 s HeartbeatSeconds, so a busy
      // machine (the shared cloud runs at timeScale 0.1) still gets a heartbeat in well before it.
      heartbeatIntervalMs: 2_000,
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

  async function runExecution(request: EmitProviderRequest, heartbeatSeconds = 60): Promise<DescribeExecutionCommandOutput> {
    const { taskToken: _token, attempt: _attempt, ...input } = request;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: request.invoice.xmlKey, Body: '<Rps>1</Rps>' }));
    const stateMachineArn = await createRequestIssuanceMachine(sfn, queueUrl, { heartbeatSeconds, timeoutSeconds: 900 });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
    return executionEnded(sfn, executionArn, { intervalMs: 100 });
  }

  it('answers the task token: the execution SUCCEEDS with the provider\'s result and the NFS-e XML is stored', async () => {
    provider.emitWith = async () => issuedOutcome();
    const request = emitRequest({ invoiceId: '01JD3Q5V6Z8X9Y0A1B2C3D4E6A', invoice: { total: '10.00', xmlKey: 'xml/it-1.xml', nfseXmlKey: 'nfse/it-1.xml' } });

    const execution = await runExecution(request);

    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? 'null')).toEqual({ outcome: 'issued', nfseNumber: '42', verificationCode: 'ABC123', issuedAt: '2026-01-01T00:00:05.000Z', nfseXmlKey: 'nfse/it-1.xml' });
    const stored = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'nfse/it-1.xml' }));
    expect(await stored.Body?.transformToString()).toBe(NFSE_XML);
    expect(provider.calls.at(-1)?.rpsXml).toBe('<Rps>1</Rps>');
  });

  it('fails the execution with the taxonomy name and the city\'s {code, message} as cause', async () => {
    provider.emitWith = async () => {
      throw new RejectedProviderError('E160', 'Alíquota inválida');
    };

    const execution = await runExecution(emitRequest({ invoiceId: '01JD3Q5V6Z8X9Y0A1B2C3D4E6B', invoice: { total: '10.00', xmlKey: 'xml/it-2.xml', nfseXmlKey: 'nfse/it-2.xml' } }));

    expect([execution.status, execution.error, execution.cause]).toEqual(['FAILED', 'Provider.Rejected', '{"code":"E160","message":"Alíquota inválida"}']);
  });

  it('logs every line about a message with its executionArn and invoiceId, as the contract says', async () => {
    provider.emitWith = async () => {
      throw new RejectedProviderError('E160', 'Alíquota inválida');
    };
    const invoiceId = '01JD3Q5V6Z8X9Y0A1B2C3D4E6D';
    const before = lines.length;

    const execution = await runExecution(emitRequest({ invoiceId, invoice: { total: '10.00', xmlKey: 'xml/it-4.xml', nfseXmlKey: 'nfse/it-4.xml' } }));

    const messageLines = lines.slice(before).filter((line) => 'messageId' in line);
    expect(messageLines.map(({ msg, executionArn, invoiceId: logged }) => ({ msg, executionArn, invoiceId: logged }))).toEqual([
      { msg: 'the provider call failed', executionArn: execution.executionArn, invoiceId },
      { msg: 'answered SendTaskFailure', executionArn: execution.executionArn, invoiceId },
    ]);
  });

  it('keeps a slow city call alive past HeartbeatSeconds with heartbeats, and leaves the queue empty', async () => {
    provider.emitWith = async (): Promise<ProviderOutcome> => {
      await clock.sleep(40_000);
      return issuedOutcome();
    };

    const execution = await runExecution(emitRequest({ invoiceId: '01JD3Q5V6Z8X9Y0A1B2C3D4E6C', invoice: { total: '10.00', xmlKey: 'xml/it-3.xml', nfseXmlKey: 'nfse/it-3.xml' } }), 20);

    expect(execution.status).toBe('SUCCEEDED');
    // The delete follows the answer within the batcher's linger (20 ms, scaled), so it may land just after.
    const attributes = await eventually(
      'the queue empty',
      async () => (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes,
      (value) => value?.ApproximateNumberOfMessagesNotVisible === '0',
      { timeoutMs: 2_000 },
    );
    expect(attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });
});
