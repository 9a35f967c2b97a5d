import type { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { ChangeMessageVisibilityCommand, ReceiveMessageCommand, type SQSClient, type Message } from '@aws-sdk/client-sqs';
import { setMaxListeners } from 'node:events';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../../lib/clock/Clock';
import { raceAbort } from '../../lib/concurrency/raceAbort';
import type { MunicipalityRegistry } from '../../lib/municipalities/registry';
import type { Provider, ProviderFactory } from '../providers/Provider';
import { NO_TRACING, type MessageTracer } from '../tracing/MessageTracer';
import { CityBacklog } from '../health/CityBacklog';
import { CityHealthReporter } from '../health/CityHealthReporter';
import { AdapterMetrics } from '../metrics/AdapterMetrics';
import { CityLimiter } from '../limits/CityLimiter';
import { CompanyCertificates, DEFAULT_CERTIFICATE_CACHE_SECONDS } from '../certificates/CompanyCertificates';
import { CityAgents } from '../tls/CityAgents';
import { CompanyReader, DEFAULT_COMPANY_CACHE_SECONDS } from '../../lib/companies/CompanyReader';
import { DanfseRenderer } from '../danfse/DanfseRenderer';
import { CompanyCalls } from './CompanyCalls';
import { ADAPTER_CLIENTS } from './adapterClients';
import { DEFAULT_DELETE_LINGER_MS, DeleteBatcher } from './DeleteBatcher';
import { MESSAGE_OUTCOMES, MessageProcessor, type MessageOutcome } from './MessageProcessor';
import type { WorkerState, WorkerStats } from './WorkerLifecycle';

/** The worker's tuning when not given (the timing rules of the architecture); `adapterConfig.ts` reads its env overrides over these. */
export const WORKER_DEFAULTS = {
  maxInFlight: 10,
  /**
   * Each waiting message costs a SendTaskHeartbeat and a ChangeMessageVisibility every
   * heartbeat interval: 50 is 5 calls a second per task at 20 s.
   */
  maxWaiting: 50,
  waitTimeSeconds: 20,
  heartbeatIntervalMs: 20_000,
  visibilityTimeoutSeconds: 60,
  shutdownGraceMs: 30_000,
  deleteLingerMs: DEFAULT_DELETE_LINGER_MS,
} as const;

/** Options of {@link AdapterWorker.create}. */
export interface AdapterWorkerOptions {
  /** `REQUESTS_QUEUE_URL`. */
  readonly queueUrl: string;
  /** `DOCS_BUCKET`. */
  readonly bucket: string;
  /** `CITY_LIMITS_TABLE`: every city's concurrency and rate, shared by all adapter tasks. */
  readonly cityLimitsTable: string;
  readonly registry: MunicipalityRegistry;
  /** Builds the provider of a municipality; called once per municipality. */
  readonly providerFactory: ProviderFactory;
  /** Deletes, visibility changes. @default ADAPTER_CLIENTS.sqs() (region, credentials, AWS_ENDPOINT_URL from the environment) */
  readonly sqs?: SQSClient;
  /**
   * The long polls. One given here (or `sqs`, when only that is) is sent an abort signal when
   * shutdown interrupts a poll; the worker's own (`ADAPTER_CLIENTS.pollSqs`, with cached
   * middleware, which per-call options would drop) is sent none and destroyed instead.
   * @default the `sqs` client when one is given (a test's), else a client of its own
   */
  readonly pollSqs?: SQSClient;
  /** @default ADAPTER_CLIENTS.sfn() */
  readonly sfn?: SFNClient;
  /** @default ADAPTER_CLIENTS.s3() */
  readonly s3?: S3Client;
  /**
   * The city limits table's and the companies'. A document client refuses `cacheMiddleware`, so its client has none.
   * @default DynamoDBDocumentClient.from(new DynamoDBClient({}))
   */
  readonly dynamodb?: DynamoDBDocumentClient;
  /**
   * `COMPANIES_TABLE`, read for the prestador of our DANFSe-like PDF (ABRASF cities serve none).
   * @default '': no PDF is built for those invoices
   */
  readonly companiesTable?: string;
  /** `CERTIFICATE_SECRET_PREFIX`: where the companies' A1 certificates are (`contracts/certificateSecret.ts`). */
  readonly certificateSecretPrefix: string;
  /**
   * Reads the certificates' secrets through its TTL cache.
   * @default new SecretsProvider() over ADAPTER_CLIENTS.secretsManager() (region, credentials, AWS_ENDPOINT_URL from the environment)
   */
  readonly secrets?: SecretsProvider;
  /** How long a certificate's secret is kept before it is read again, seconds. @default 300 */
  readonly certificateCacheSeconds?: number;
  /** How long a company's record (the PDF's prestador) is kept before it is read again, seconds. @default 5 */
  readonly companyCacheSeconds?: number;
  /** The HTTPS agents of mutual TLS and of cities with their own CA. @default new CityAgents() */
  readonly cityAgents?: CityAgents;
  /** Every timer of the worker (heartbeats, visibility, rate limits, backoff, the grace period). */
  readonly clock: Clock;
  /** Every line about a message carries its `executionArn` and `invoiceId` (see `MessageProcessor`). */
  readonly logger: Logger;
  /**
   * Messages worked on at once, across cities: the task's places. A message queued behind this
   * task's own calls to its city (the city's `concurrency` of them in use) gives its place back
   * until its turn, so a city takes at most `concurrency` places in a task, and a city slower
   * than its arrivals cannot fill the task while other cities' messages stay in the queue behind
   * its backlog. @default 10
   */
  readonly maxInFlight?: number;
  /**
   * Messages the task holds beyond its places, queued for their city: heartbeated and their
   * visibility extended like the others, so none times out while held. The task holds at most
   * `maxInFlight` + this; past it, what comes is left in the queue. @default 50
   */
  readonly maxWaiting?: number;
  /** Long-poll wait of ReceiveMessage. @default 20 */
  readonly waitTimeSeconds?: number;
  /** Between heartbeats and visibility extensions while a message is worked on. @default 20_000 */
  readonly heartbeatIntervalMs?: number;
  /** Visibility set on receive and on every extension. @default 60 */
  readonly visibilityTimeoutSeconds?: number;
  /** How long shutdown lets in-flight messages finish before cutting them off. @default 30_000 */
  readonly shutdownGraceMs?: number;
  /** How long a finished message's delete waits for others to share one DeleteMessageBatch. @default DEFAULT_DELETE_LINGER_MS */
  readonly deleteLingerMs?: number;
  /**
   * Traces each message as a segment of its workflow's trace (the city call a subsegment); the
   * clients this worker builds itself are instrumented with it. @default NO_TRACING
   */
  readonly tracer?: MessageTracer;
  /** City calls, queue waits and backlogs as EMF. @default AdapterMetrics.create({ logger }) (stdout; at debug on the logger when disabled) */
  readonly metrics?: AdapterMetrics;
  /** This task as the other tasks and the API see it (city slots, backlog reports). @default `{hostname}-{pid}-{8 random hex}` */
  readonly taskId?: string;
}

/** After the grace period, how long cut-off calls get to unwind before the worker reports STOPPED. */
const UNWIND_MS = 1_000;
const MAX_POLL_BACKOFF_MS = 20_000;

/**
 * The adapter worker: long-polls the requests queue and answers each message's task token
 * (the Temporal worker's shape: `create()`, `run()`, `shutdown()`, RUNNING → DRAINING → STOPPED).
 */
export class AdapterWorker {
  private lifecycle: WorkerState = 'RUNNING';
  private readonly inFlight = new Set<Promise<void>>();
  private readonly processed: Record<MessageOutcome, number> = Object.fromEntries(MESSAGE_OUTCOMES.map((o) => [o, 0])) as Record<MessageOutcome, number>;
  private readonly pollAbort = new AbortController();
  private readonly hardStop = new AbortController();
  private readonly processor: MessageProcessor;
  private readonly deletes: DeleteBatcher;
  private readonly limiter: CityLimiter;
  private readonly health: CityHealthReporter;
  /** Messages queued behind this task's own calls to their city: they take no place. */
  private queuedForCity = 0;
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly options: Required<Omit<AdapterWorkerOptions, 'providerFactory'>> & { readonly ownsPollClient: boolean },
    providerFactory: ProviderFactory,
  ) {
    // Every message in flight listens for the hard stop (and lets go when done): up to
    // maxInFlight listeners is the design, not a leak.
    setMaxListeners(0, this.hardStop.signal);
    const providers = new Map<string, Provider>();
    this.deletes = new DeleteBatcher({ sqs: options.sqs, queueUrl: options.queueUrl, clock: options.clock, logger: options.logger, lingerMs: options.deleteLingerMs });
    this.limiter = new CityLimiter({ dynamodb: options.dynamodb, table: options.cityLimitsTable, clock: options.clock, logger: options.logger, taskId: options.taskId });
    const certificates = new CompanyCertificates({ secretPrefix: options.certificateSecretPrefix, secrets: options.secrets, cacheSeconds: options.certificateCacheSeconds });
    const companies = new CompanyReader(options.dynamodb, options.companiesTable, options.companyCacheSeconds * 1000);
    const backlog = new CityBacklog();
    this.health = new CityHealthReporter({ dynamodb: options.dynamodb, table: options.cityLimitsTable, clock: options.clock, logger: options.logger, backlog, taskId: options.taskId, metrics: options.metrics });
    this.processor = new MessageProcessor({
      ...options,
      calls: new CompanyCalls({ certificates, agents: options.cityAgents, s3: options.s3, bucket: options.bucket }),
      deletes: this.deletes,
      providerFor: (municipality) => {
        let provider = providers.get(municipality.code);
        if (provider === undefined) {
          provider = providerFactory(municipality);
          providers.set(municipality.code, provider);
        }
        return provider;
      },
      limiter: this.limiter,
      health: this.health,
      danfse: options.companiesTable === '' ? undefined : new DanfseRenderer({ companyOf: (cnpj) => companies.read(cnpj), registry: options.registry }),
      backlog,
      metrics: options.metrics,
      onQueuedForCity: () => this.queueForCity(),
    });
  }

  /**
   * Builds a worker with its defaults applied (the one place they are: `startAdapter` passes
   * what it was given through); call {@link run} to start polling.
   */
  public static async create(options: AdapterWorkerOptions): Promise<AdapterWorker> {
    const tracer = options.tracer ?? NO_TRACING;
    const sqs = options.sqs ?? tracer.captureClient(ADAPTER_CLIENTS.sqs());
    const resolved = {
      queueUrl: options.queueUrl,
      bucket: options.bucket,
      cityLimitsTable: options.cityLimitsTable,
      registry: options.registry,
      sqs,
      pollSqs: options.pollSqs ?? options.sqs ?? ADAPTER_CLIENTS.pollSqs(),
      ownsPollClient: options.pollSqs === undefined && options.sqs === undefined,
      sfn: options.sfn ?? tracer.captureClient(ADAPTER_CLIENTS.sfn()),
      s3: options.s3 ?? tracer.captureClient(ADAPTER_CLIENTS.s3()),
      dynamodb: options.dynamodb ?? ADAPTER_CLIENTS.dynamodb((client) => tracer.captureClient(client)),
      certificateSecretPrefix: options.certificateSecretPrefix,
      companiesTable: options.companiesTable ?? '',
      secrets: options.secrets ?? new SecretsProvider({ awsSdkV3Client: tracer.captureClient(ADAPTER_CLIENTS.secretsManager()) }),
      certificateCacheSeconds: options.certificateCacheSeconds ?? DEFAULT_CERTIFICATE_CACHE_SECONDS,
      companyCacheSeconds: options.companyCacheSeconds ?? DEFAULT_COMPANY_CACHE_SECONDS,
      cityAgents: options.cityAgents ?? new CityAgents(),
      clock: options.clock,
      logger: options.logger,
      maxInFlight: options.maxInFlight ?? WORKER_DEFAULTS.maxInFlight,
      maxWaiting: options.maxWaiting ?? WORKER_DEFAULTS.maxWaiting,
      waitTimeSeconds: options.waitTimeSeconds ?? WORKER_DEFAULTS.waitTimeSeconds,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? WORKER_DEFAULTS.heartbeatIntervalMs,
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? WORKER_DEFAULTS.visibilityTimeoutSeconds,
      shutdownGraceMs: options.shutdownGraceMs ?? WORKER_DEFAULTS.shutdownGraceMs,
      deleteLingerMs: options.deleteLingerMs ?? WORKER_DEFAULTS.deleteLingerMs,
      tracer,
      metrics: options.metrics ?? AdapterMetrics.create({ logger: options.logger }),
      taskId: options.taskId ?? `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    };
    if (resolved.queueUrl === '') throw new Error('queueUrl is required');
    if (resolved.bucket === '') throw new Error('bucket is required');
    if (resolved.cityLimitsTable === '') throw new Error('cityLimitsTable is required');
    if (resolved.certificateSecretPrefix === '') throw new Error('certificateSecretPrefix is required');
    if (!(resolved.deleteLingerMs >= 0)) throw new RangeError(`deleteLingerMs must be zero or more, got ${resolved.deleteLingerMs}`);
    if (!Number.isInteger(resolved.maxInFlight) || resolved.maxInFlight < 1) throw new RangeError(`maxInFlight must be a positive integer, got ${resolved.maxInFlight}`);
    if (!Number.isInteger(resolved.maxWaiting) || resolved.maxWaiting < 0) throw new RangeError(`maxWaiting must be zero or a positive integer, got ${resolved.maxWaiting}`);
    if (resolved.heartbeatIntervalMs >= resolved.visibilityTimeoutSeconds * 1000) {
      throw new RangeError('heartbeatIntervalMs must be shorter than the visibility timeout, or messages reappear while worked on');
    }
    return new AdapterWorker(resolved, options.providerFactory);
  }

  /** The worker's logger (startAdapter logs its own lines with it). */
  public get logger(): Logger {
    return this.options.logger;
  }

  public get state(): WorkerState {
    return this.lifecycle;
  }

  /** State, in-flight count and processed counts, for the health endpoint. */
  public stats(): WorkerStats {
    return { state: this.lifecycle, inFlight: this.inFlight.size, waiting: this.queuedForCity, processed: { ...this.processed } };
  }

  /** Polls until {@link shutdown}; resolves once the worker is STOPPED. */
  public run(): Promise<void> {
    if (this.running !== undefined) throw new Error('the worker is already running');
    this.options.logger.info({ queueUrl: this.options.queueUrl, maxInFlight: this.options.maxInFlight, maxWaiting: this.options.maxWaiting }, 'adapter worker polling');
    this.health.start();
    this.running = this.poll();
    return this.running.then(() => this.stopping);
  }

  /**
   * Stops polling and lets in-flight messages finish within the grace period; after it, their
   * calls are aborted and the messages left for SQS to redeliver. The deletes still waiting for
   * their batch are sent before it resolves, once STOPPED.
   */
  public shutdown(): Promise<void> {
    this.stopping ??= this.drain();
    return this.stopping;
  }

  private async poll(): Promise<void> {
    let failures = 0;
    while (this.lifecycle === 'RUNNING') {
      const room = this.room();
      if (room <= 0) {
        await this.waitForWake();
        continue;
      }
      let messages: Message[];
      try {
        messages = await this.receive(Math.min(10, room));
        failures = 0;
      } catch (error) {
        if (this.lifecycle !== 'RUNNING') break;
        failures++;
        const backoffMs = Math.min(MAX_POLL_BACKOFF_MS, 500 * 2 ** Math.min(failures, 10));
        this.options.logger.error({ err: error, backoffMs }, 'ReceiveMessage failed');
        await this.waitForWake(backoffMs);
        continue;
      }
      if (this.lifecycle !== 'RUNNING') {
        await this.release(messages);
        break;
      }
      for (const message of messages) this.track(message);
    }
  }

  /**
   * How many more messages the task takes now: the places left (a message queued for its city
   * takes none) within what the task may hold in all. A queued message whose turn comes takes a
   * place again, even past `maxInFlight` for a while: the city's concurrency bounds those calls,
   * and the poll waits until the places are back under it.
   */
  private room(): number {
    const { maxInFlight, maxWaiting } = this.options;
    const held = this.inFlight.size;
    const working = held - this.queuedForCity;
    return Math.min(maxInFlight - working, maxInFlight + maxWaiting - held);
  }

  /** Counts a message queued for its city until the returned function is called (once is enough), and lets the poll use its place. */
  private queueForCity(): () => void {
    this.queuedForCity++;
    this.wakeUp();
    let dequeued = false;
    return () => {
      if (dequeued) return;
      dequeued = true;
      this.queuedForCity--;
    };
  }

  private receive(max: number): Promise<Message[]> {
    const { pollSqs, ownsPollClient, queueUrl, waitTimeSeconds, visibilityTimeoutSeconds } = this.options;
    const command = new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: max,
      WaitTimeSeconds: waitTimeSeconds,
      VisibilityTimeout: visibilityTimeoutSeconds,
      // AWSTraceHeader: the trace of the execution that sent it, which the message's segment continues;
      // the two timestamps time the message's wait in the queue (QueueWait, the city's backlog age).
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'AWSTraceHeader', 'SentTimestamp', 'ApproximateFirstReceiveTimestamp'],
    });
    // Our own poll client is sent no options (its middleware stays cached) and destroyed by
    // shutdown, which cuts the poll; a client we were given is told through the signal.
    const sent = ownsPollClient ? pollSqs.send(command) : pollSqs.send(command, { abortSignal: this.pollAbort.signal });
    const received = (async (): Promise<Message[]> => (await sent).Messages ?? [])();
    // Shutdown must not wait out a 20 s long poll, whether or not the client honours the signal;
    // messages a late answer still brings are released.
    return raceAbort(received, this.pollAbort.signal, { onAbandoned: (late) => void late.then((messages) => this.release(messages), () => undefined) });
  }

  private track(message: Message): void {
    // process() never rejects: what goes wrong is logged on the message's own log and counted.
    const work = this.processor
      .process(message, this.hardStop.signal)
      .then((outcome) => {
        this.processed[outcome]++;
        this.inFlight.delete(work);
        this.wakeUp();
      });
    this.inFlight.add(work);
  }

  /** Received but not started (shutdown came first): visible again now rather than after the timeout. */
  private async release(messages: readonly Message[]): Promise<void> {
    const { sqs, queueUrl, logger } = this.options;
    await Promise.all(
      messages.map(async (message) => {
        try {
          await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
        } catch (error) {
          logger.warn({ err: error, messageId: message.MessageId }, 'could not release a message');
        }
      }),
    );
  }

  private async drain(): Promise<void> {
    const { clock, logger, shutdownGraceMs } = this.options;
    if (this.lifecycle === 'RUNNING') this.lifecycle = 'DRAINING';
    logger.info({ inFlight: this.inFlight.size, shutdownGraceMs }, 'draining');
    this.pollAbort.abort();
    // Closes the poll's connection, as the abort signal does for a client we were given.
    if (this.options.ownsPollClient) this.options.pollSqs.destroy();
    this.wakeUp();
    await this.running;
    let timer: TimerHandle | undefined;
    const graceOver = new Promise<'grace-over'>((resolve) => {
      timer = clock.setTimeout(() => resolve('grace-over'), shutdownGraceMs);
    });
    const finished = Promise.all([...this.inFlight]).then(() => 'finished' as const);
    if ((await Promise.race([finished, graceOver])) === 'grace-over') {
      logger.warn({ inFlight: this.inFlight.size }, 'grace period over: aborting in-flight calls (their messages will be redelivered)');
      this.hardStop.abort();
      await Promise.race([finished, clock.sleep(UNWIND_MS)]);
    }
    clock.clearTimeout(timer);
    // The city slots kept for the next call go back to the other tasks now, not when their leases expire.
    await this.limiter.stop();
    // The last seconds of city calls still count in the API's health figures.
    await this.health.stop();
    // Answered messages whose delete waits for a batch: sent now, or they would come back.
    await this.deletes.stop();
    // The cities' kept-alive TLS connections close with the worker, not when the process exits.
    this.options.cityAgents.destroy();
    this.lifecycle = 'STOPPED';
    logger.info({ processed: this.processed }, 'stopped');
  }

  private waitForWake(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms !== undefined ? this.options.clock.setTimeout(() => this.wakeUp(), ms) : undefined;
      this.wake = () => {
        this.options.clock.clearTimeout(timer);
        resolve();
      };
    });
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
