import type { S3Client } from '@aws-sdk/client-s3';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import { PROVIDER_ERRORS, type ProviderErrorName } from '../../contracts/providerErrors';
import { issuedDocumentKeys } from '../../contracts/invoiceRecord';
import type { ProviderRequest } from '../../contracts/providerRequest';
import { ProviderResultSchema, type ProviderFailureCause, type ProviderResult } from '../../contracts/providerResult';
import type { Clock } from '../../lib/clock/Clock';
import { raceAbort } from '../../lib/concurrency/raceAbort';
import { DanfseRenderer } from '../danfse/DanfseRenderer';
import type { CityBacklog } from '../health/CityBacklog';
import type { CityHealthReporter } from '../health/CityHealthReporter';
import type { AdapterMetrics } from '../metrics/AdapterMetrics';
import type { CityLimiter } from '../limits/CityLimiter';
import type { MunicipalityConfig } from '../../contracts/municipality';
import type { MunicipalityRegistry } from '../../lib/municipalities/registry';
import type { Provider, ProviderOutcome } from '../providers/Provider';
import { NO_TRACING, type MessageTracer } from '../tracing/MessageTracer';
import { ProviderError, RejectedProviderError } from '../providers/errors';
import { callProvider, readRpsXml } from './callProvider';
import type { CompanyCalls } from './CompanyCalls';
import type { DeleteBatcher } from './DeleteBatcher';
import { parseMessage } from './parseMessage';
import { TaskKeepAlive } from './TaskKeepAlive';
import { isStaleTokenError } from './taskTokenErrors';

/** How the worker left one message. */
export const MESSAGE_OUTCOMES = ['succeeded', 'failed', 'stale', 'invalid', 'crashed', 'abandoned'] as const;
/**
 * `succeeded`/`failed`: answered (SendTaskSuccess/SendTaskFailure) and deleted; `stale`: the task
 * was gone, deleted; `invalid`: not a ProviderRequest; `crashed`: an unexpected error, left for
 * SQS to redeliver; `abandoned`: cut off by shutdown, left for SQS to redeliver.
 */
export type MessageOutcome = (typeof MESSAGE_OUTCOMES)[number];

/** What {@link MessageProcessor} needs. */
export interface MessageProcessorOptions {
  /** For the visibility extensions while a call runs. */
  readonly sqs: SQSClient;
  /** Deletes the answered and stale messages of `queueUrl`, batched. */
  readonly deletes: Pick<DeleteBatcher, 'delete'>;
  readonly sfn: SFNClient;
  readonly s3: S3Client;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly registry: MunicipalityRegistry;
  readonly providerFor: (municipality: MunicipalityConfig) => Provider;
  readonly limiter: CityLimiter;
  /** The company's certificate, connection and signed RPS of each call (see {@link CompanyCalls}). */
  readonly calls: Pick<CompanyCalls, 'prepare'>;
  /**
   * Builds our DANFSe-like PDF of an NFS-e whose city serves none (ABRASF), stored at the
   * invoice's `danfseKey`. @default none built: those invoices are ISSUED without a PDF
   */
  readonly danfse?: Pick<DanfseRenderer, 'render'>;
  /** Counts each city call's duration and outcome for the API's health figures. @default none counted */
  readonly health?: Pick<CityHealthReporter, 'record'>;
  /** Counts the messages waiting for a city's slot, for the API and the CityBacklog metrics. @default none counted */
  readonly backlog?: Pick<CityBacklog, 'enter'>;
  /**
   * Called when a message queues behind this task's own calls to its city (all the slots the
   * task may hold for it in use); the function it returns, when that wait ends. The worker gives
   * the message's place to another meanwhile. @default nothing
   */
  readonly onQueuedForCity?: () => () => void;
  /** Each city call, and each message's wait in the queue, as metrics. @default none emitted */
  readonly metrics?: Pick<AdapterMetrics, 'cityCall' | 'queueWait'>;
  readonly queueUrl: string;
  /** `DOCS_BUCKET`: the RPS XML is read from it, the NFS-e XML written to it. */
  readonly bucket: string;
  readonly heartbeatIntervalMs: number;
  readonly visibilityTimeoutSeconds: number;
  /** Each message a segment of its workflow's trace, the city call a subsegment. @default NO_TRACING */
  readonly tracer?: MessageTracer;
}

/** How the message came: its receive count, and when it was queued (SentTimestamp, epoch ms; the receive time when SQS did not say). */
interface Received {
  readonly receiveCount: number;
  readonly queuedAt: number;
}

type Answer = { readonly kind: 'success'; readonly result: ProviderResult } | { readonly kind: 'failure'; readonly error: ProviderErrorName; readonly cause: ProviderFailureCause };

/** SendTaskFailure caps `cause` at 32,768 characters; a city's message never needs that much. */
const MAX_CAUSE_MESSAGE = 4_000;

/**
 * Answers one queue message: heartbeat first (a stale task is deleted and skipped), the city call
 * under the city's limits while heartbeats and visibility extensions run, the NFS-e XML stored,
 * then SendTaskSuccess or SendTaskFailure and the message's delete (batched with other messages'
 * by the {@link DeleteBatcher}). It never retries: the state machine does.
 */
export class MessageProcessor {
  private readonly tracer: MessageTracer;

  public constructor(private readonly options: MessageProcessorOptions) {
    this.tracer = options.tracer ?? NO_TRACING;
  }

  /**
   * Processes `message`; `stop` aborts the work when shutdown runs past its grace period. Never
   * rejects: an unexpected error is logged and the message left for redelivery (`crashed`).
   * Every line it logs carries the message's `executionArn` and `invoiceId` (the contract's
   * ProviderRequest fields), read even from a body that does not parse when they are there.
   */
  public async process(message: Message, stop: AbortSignal): Promise<MessageOutcome> {
    const receiveCount = Number(message.Attributes?.ApproximateReceiveCount ?? '1');
    const parsed = parseMessage(message.Body);
    const log = this.options.logger.child({ executionArn: parsed.executionArn, invoiceId: parsed.invoiceId, messageId: message.MessageId, receiveCount });
    try {
      if (!parsed.ok) return await this.rejectInvalid(message, parsed.taskToken, parsed.problem, log);
      const { request } = parsed;
      const sentAt = Number(message.Attributes?.SentTimestamp ?? Number.NaN);
      const firstReceivedAt = Number(message.Attributes?.ApproximateFirstReceiveTimestamp ?? Number.NaN);
      // A redelivery's wait was counted at its first receive (SQS times it to then, not to this receive).
      if (receiveCount === 1 && Number.isFinite(sentAt) && Number.isFinite(firstReceivedAt)) this.options.metrics?.queueWait(request.municipalityCode, firstReceivedAt - sentAt);
      const queuedAt = Number.isFinite(sentAt) ? sentAt : this.options.clock.now();
      const keys = { invoiceId: request.invoiceId, companyCnpj: request.companyCnpj, municipalityCode: request.municipalityCode };
      return await this.tracer.inMessage(message.Attributes?.AWSTraceHeader, keys, () =>
        this.processRequest(message, request, { receiveCount, queuedAt }, stop, log.child({ kind: request.kind, attempt: request.attempt, municipalityCode: request.municipalityCode })),
      );
    } catch (error) {
      log.error({ err: error }, 'message processing threw: leaving the message for redelivery');
      return 'crashed';
    }
  }

  private async processRequest(message: Message, request: ProviderRequest, received: Received, stop: AbortSignal, log: Logger): Promise<MessageOutcome> {
    try {
      await this.options.sfn.send(new SendTaskHeartbeatCommand({ taskToken: request.taskToken }));
    } catch (error) {
      if (isStaleTokenError(error)) {
        log.info({ reason: errorName(error) }, 'the task is gone (stale redelivery): deleting the message');
        this.deleteMessage(message, log);
        return 'stale';
      }
      log.error({ err: error }, 'first heartbeat failed: leaving the message for redelivery');
      return 'crashed';
    }

    const work = new AbortController();
    const onStop = (): void => work.abort(new Error('shutdown grace period is over'));
    stop.addEventListener('abort', onStop, { once: true });
    let stale = false;
    const { sfn, sqs, clock, queueUrl, visibilityTimeoutSeconds } = this.options;
    const keepAlive = TaskKeepAlive.start({
      sfn,
      sqs,
      clock,
      queueUrl,
      visibilityTimeoutSeconds,
      logger: log,
      receiptHandle: message.ReceiptHandle ?? '',
      taskToken: request.taskToken,
      intervalMs: this.options.heartbeatIntervalMs,
      onStale: () => {
        stale = true;
        work.abort(new Error('the task is gone'));
      },
    });
    let answer: Answer;
    try {
      answer = await this.work(request, received, work.signal, log);
    } catch (error) {
      if (stale) {
        log.info('the task went away during the call: deleting the message');
        this.deleteMessage(message, log);
        return 'stale';
      }
      if (stop.aborted) {
        log.warn('shutdown cut the call off: leaving the message for redelivery');
        return 'abandoned';
      }
      log.error({ err: error }, 'unexpected error: leaving the message for redelivery');
      return 'crashed';
    } finally {
      keepAlive.stop();
      stop.removeEventListener('abort', onStop);
    }
    return this.answer(message, request.taskToken, answer, log);
  }

  private async work(request: ProviderRequest, { receiveCount, queuedAt }: Received, signal: AbortSignal, log: Logger): Promise<Answer> {
    const { registry, limiter, providerFor, s3, bucket } = this.options;
    try {
      const municipality = registry.get(request.municipalityCode);
      if (municipality === undefined) {
        throw new RejectedProviderError('MunicipalityNotSupported', `municipality ${request.municipalityCode} is not in this adapter's registry`);
      }
      // The RPS is read before taking one of the city's slots, which are for city calls. An emit
      // sends it; an emit's consult-before-resend and a batch consult check the NFS-e against it.
      const stored = request.kind === 'cancel' ? undefined : await readRpsXml(request.invoice.xmlKey, { s3, bucket, signal });
      // So are the company's certificate and connection, and the RPS signed (and stored) as the city requires.
      // Not waited for past an abort (a stale task, shutdown), like the read above: the SDK has no timeout of its own.
      const { credentials, rpsXml } = await raceAbort(() => this.options.calls.prepare(request, municipality, stored), signal);
      // Its metadata only (CompanyCredentials.toJSON): which certificate, never its key.
      if (credentials.company !== undefined) log.debug({ certificate: credentials.company }, 'company certificate in use');
      // So is the provider's client: the city's rate counts a call from its start, which must not wait for it.
      const provider = providerFor(municipality);
      await provider.ready?.(signal);
      // Shared with every adapter task; abortable, and released on every way out of the call below.
      // Waiting for it is the city's backlog: a city slower than the arrivals keeps messages here.
      const leave = this.options.backlog?.enter(municipality.code, queuedAt);
      const release = await limiter.acquire(municipality, signal, this.options.onQueuedForCity).finally(() => leave?.());
      let outcome: ProviderOutcome;
      // The city's own time: from holding its slot to its answer (or failure).
      const started = this.options.clock.now();
      try {
        outcome = await this.tracer.cityCall(municipality.code, () => callProvider(request, { provider, s3, bucket, receiveCount, signal, rpsXml, credentials }));
        this.recordCall(municipality.code, this.options.clock.now() - started);
      } catch (error) {
        // A call cut off by us (a stale task, shutdown) says nothing about the city.
        if (!signal.aborted) this.recordCall(municipality.code, this.options.clock.now() - started, error);
        throw error;
      } finally {
        release();
      }
      return { kind: 'success', result: await this.toResult(request, municipality, outcome, log) };
    } catch (error) {
      if (!(error instanceof ProviderError) || signal.aborted) throw error;
      log.info({ error: error.errorName, code: error.code }, 'the provider call failed');
      return { kind: 'failure', error: error.errorName, cause: { code: error.code, message: error.message.slice(0, MAX_CAUSE_MESSAGE) } };
    }
  }

  private recordCall(city: string, durationMs: number, error?: unknown): void {
    this.options.health?.record(city, durationMs, error);
    this.options.metrics?.cityCall(city, durationMs, error);
  }

  /**
   * The SendTaskSuccess output; an issued NFS-e's XML is stored first, at the message's key, with
   * its PDF beside it: the one the city's system adds (the national DANFSe), or ours where the
   * city serves none. Ours is built after the city's slot is released (it is not the city's time).
   */
  private async toResult(request: ProviderRequest, municipality: MunicipalityConfig, outcome: ProviderOutcome, log: Logger): Promise<ProviderResult> {
    if (outcome.outcome !== 'issued') return ProviderResultSchema.parse(outcome);
    if (request.kind === 'cancel') throw new Error('a cancel request cannot end issued');
    const { nfseXml, danfsePdf: citysPdf, ...issued } = outcome;
    const danfsePdf = citysPdf ?? (await this.ourDanfse(request.companyCnpj, municipality, outcome, log));
    const key = request.invoice.nfseXmlKey;
    const { danfseKey } = issuedDocumentKeys(request.invoiceId);
    const result = ProviderResultSchema.parse({ ...issued, nfseXmlKey: key, ...(danfsePdf === undefined ? {} : { danfseKey }) });
    const put = (Key: string, Body: string | Uint8Array, ContentType: string): Promise<unknown> => this.options.s3.send(new PutObjectCommand({ Bucket: this.options.bucket, Key, Body, ContentType }));
    await Promise.all([
      put(key, nfseXml, 'application/xml; charset=utf-8'),
      ...(danfsePdf === undefined ? [] : [put(danfseKey, danfsePdf, 'application/pdf')]),
    ]);
    return result;
  }

  /**
   * Our PDF of an NFS-e whose city serves none. One that cannot be built (no company record, an
   * XML it cannot read) leaves the invoice ISSUED without it, like a national DANFSe the service
   * did not serve: the NFS-e is what matters, and the PDF is an auxiliary document.
   */
  private async ourDanfse(companyCnpj: string, municipality: MunicipalityConfig, outcome: Extract<ProviderOutcome, { outcome: 'issued' }>, log: Logger): Promise<Uint8Array | undefined> {
    if (this.options.danfse === undefined || !DanfseRenderer.rendersFor(municipality)) return undefined;
    try {
      return await this.options.danfse.render(companyCnpj, municipality, outcome);
    } catch (error) {
      log.warn({ err: error, nfseNumber: outcome.nfseNumber }, 'NFS-e issued without its DANFSe: our PDF could not be built');
      return undefined;
    }
  }

  private async answer(message: Message, taskToken: string, answer: Answer, log: Logger): Promise<MessageOutcome> {
    try {
      if (answer.kind === 'success') {
        await this.options.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(answer.result) }));
      } else {
        await this.options.sfn.send(new SendTaskFailureCommand({ taskToken, error: answer.error, cause: JSON.stringify(answer.cause) }));
      }
    } catch (error) {
      if (isStaleTokenError(error)) {
        log.info({ reason: errorName(error) }, 'the task went away before the answer: deleting the message');
        this.deleteMessage(message, log);
        return 'stale';
      }
      log.error({ err: error }, 'could not answer the task: leaving the message for redelivery');
      return 'crashed';
    }
    this.deleteMessage(message, log);
    if (answer.kind === 'success') {
      log.info({ outcome: answer.result.outcome }, 'answered SendTaskSuccess');
      return 'succeeded';
    }
    log.info({ error: answer.error, code: answer.cause.code }, 'answered SendTaskFailure');
    return 'failed';
  }

  /**
   * A body that is not a ProviderRequest will not become one on redelivery: when its task token
   * can be read, the task is failed with Provider.DeadLettered at once (so the execution takes
   * its failure path now) and the message deleted; otherwise it is left for the DLQ.
   */
  private async rejectInvalid(message: Message, taskToken: string | undefined, problem: string, log: Logger): Promise<MessageOutcome> {
    if (taskToken === undefined) {
      log.error({ problem }, 'unreadable message without a task token: leaving it for the DLQ');
      return 'invalid';
    }
    try {
      await this.options.sfn.send(new SendTaskFailureCommand({ taskToken, error: PROVIDER_ERRORS.DeadLettered, cause: JSON.stringify({ code: 'InvalidRequest', message: problem }) }));
    } catch (error) {
      if (!isStaleTokenError(error)) {
        log.error({ err: error, problem }, 'unreadable message; failing its task failed too: leaving it for the DLQ');
        return 'invalid';
      }
    }
    log.error({ problem }, 'unreadable message: failed its task with Provider.DeadLettered');
    this.deleteMessage(message, log);
    return 'invalid';
  }

  /**
   * Hands the delete to the batcher without waiting for its batch: the message's slot is free for
   * the next one meanwhile, and the worker flushes the batcher before it stops. A failed delete
   * is logged there; the redelivery is harmless (its first heartbeat finds the task gone).
   */
  private deleteMessage(message: Message, log: Logger): void {
    void this.options.deletes.delete(message.ReceiptHandle, log);
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}
