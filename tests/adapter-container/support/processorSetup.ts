import type { Message } from '@aws-sdk/client-sqs';
import pino from 'pino';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { CompanyCertificates } from '../../../adapter-container/certificates/CompanyCertificates';
import { CityAgents } from '../../../adapter-container/tls/CityAgents';
import { CompanyCalls } from '../../../adapter-container/worker/CompanyCalls';
import { CityBacklog } from '../../../adapter-container/health/CityBacklog';
import { CityHealthReporter } from '../../../adapter-container/health/CityHealthReporter';
import { CityLimiter } from '../../../adapter-container/limits/CityLimiter';
import { DeleteBatcher } from '../../../adapter-container/worker/DeleteBatcher';
import { MessageProcessor, type MessageOutcome, type MessageProcessorOptions } from '../../../adapter-container/worker/MessageProcessor';
import { FakeClock } from '../../../lib/clock/FakeClock';
import { FakeProvider } from './FakeProvider';
import { BUCKET, CITY_LIMITS_TABLE, INVOICE_ID, QUEUE_URL, testRegistry } from './fixtures';
import { workerMocks, type WorkerMocks } from './workerMocks';

/** A MessageProcessor over mocked clients, a FakeProvider (recording into the same order log) and a FakeClock. */
export interface ProcessorSetup extends WorkerMocks {
  readonly clock: FakeClock;
  readonly provider: FakeProvider;
  readonly processor: MessageProcessor;
  readonly limiter: CityLimiter;
  /** Counts the city calls; writes to the mocked city limits table only when flushed. */
  readonly health: CityHealthReporter;
  readonly deletes: DeleteBatcher;
  /** The messages waiting for a city's slot. */
  readonly backlog: CityBacklog;
  /** What the processor emitted as metrics, in order: `['cityCall', city, ms, error?]` or `['queueWait', city, ms]`. */
  readonly metrics: unknown[][];
  /** Secrets Manager, where the companies' certificates are (the test cities require none: never called unless a test says so). */
  readonly secretsMock: AwsClientStub<SecretsManagerClient>;
  /** `processor.process`, then the deletes it queued sent (the worker's batcher would send them within its linger). */
  process(message: Message, stop?: AbortSignal): Promise<MessageOutcome>;
}

/** A fresh {@link ProcessorSetup}; the RPS XML in S3 reads `<Rps>tomador</Rps>`. `options` are the processor's, over the setup's. */
export function processorSetup(options: Partial<Pick<MessageProcessorOptions, 'danfse' | 'registry' | 'logger' | 'tracer'>> = {}): ProcessorSetup {
  const mocks = workerMocks('<Rps>tomador</Rps>');
  const clock = new FakeClock();
  const provider = new FakeProvider(mocks.order);
  const logger = pino({ level: 'silent' });
  const limiter = new CityLimiter({ dynamodb: mocks.dynamodb, table: CITY_LIMITS_TABLE, clock, logger });
  const deletes = new DeleteBatcher({ sqs: mocks.sqs, queueUrl: QUEUE_URL, clock, logger });
  const secrets = new SecretsManagerClient({ region: 'us-east-1' });
  const secretsMock = mockClient(secrets);
  const certificates = new CompanyCertificates({ secretPrefix: 'nfse-test', secrets: new SecretsProvider({ awsSdkV3Client: secrets }) });
  const health = new CityHealthReporter({ dynamodb: mocks.dynamodb, table: CITY_LIMITS_TABLE, clock, logger });
  const backlog = new CityBacklog();
  const metrics: unknown[][] = [];
  const processor = new MessageProcessor({
    sqs: mocks.sqs,
    deletes,
    sfn: mocks.sfn,
    s3: mocks.s3,
    clock,
    logger,
    registry: testRegistry(),
    providerFor: () => provider,
    limiter,
    calls: new CompanyCalls({ certificates, agents: new CityAgents(), s3: mocks.s3, bucket: BUCKET }),
    health,
    backlog,
    metrics: {
      cityCall: (city, durationMs, error) => void metrics.push(['cityCall', city, durationMs, ...(error === undefined ? [] : [error])]),
      queueWait: (city, waitMs) => void metrics.push(['queueWait', city, waitMs]),
    },
    queueUrl: QUEUE_URL,
    bucket: BUCKET,
    heartbeatIntervalMs: 20_000,
    visibilityTimeoutSeconds: 60,
    ...options,
  });
  const process = async (message: Message, stop: AbortSignal = RUNNING): Promise<MessageOutcome> => {
    const outcome = await processor.process(message, stop);
    await deletes.flush();
    return outcome;
  };
  return { ...mocks, clock, provider, processor, limiter, health, deletes, backlog, metrics, secretsMock, process };
}

/** A signal that never aborts (no shutdown). */
export const RUNNING = new AbortController().signal;

/** The SendTaskSuccess output for `issuedOutcome()` of an emit with the fixtures' keys. */
export const ISSUED_OUTPUT = { outcome: 'issued', nfseNumber: '42', verificationCode: 'ABC123', issuedAt: '2026-01-01T00:00:05.000Z', nfseXmlKey: `nfse/${INVOICE_ID}.xml` };
