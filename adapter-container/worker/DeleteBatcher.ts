import { DeleteMessageBatchCommand, type DeleteMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../../lib/clock/Clock';

/** The most entries SQS takes in one DeleteMessageBatch. */
export const MAX_DELETE_BATCH = 10;

/**
 * How long the first pending delete waits for others to share its call, as AWS's buffered SQS
 * client waits (`maxBatchOpenMs`). Nothing waits on a delete: the message's slot is already free,
 * and its visibility timeout is a minute away.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-client-side-buffering-request-batching.html
 */
export const DEFAULT_DELETE_LINGER_MS = 200;

/** Options of {@link DeleteBatcher}. */
export interface DeleteBatcherOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly clock: Clock;
  /** Logs a failed delete when the caller gave no logger of its own. */
  readonly logger: Logger;
  /** How long the first pending delete waits for others to share its call. @default DEFAULT_DELETE_LINGER_MS */
  readonly lingerMs?: number;
  /** Pending deletes that send a batch at once. @default 10 (the SQS maximum) */
  readonly maxBatchSize?: number;
}

interface PendingDelete {
  readonly receiptHandle: string;
  readonly log: Logger;
  readonly done: () => void;
}

/**
 * Deletes the messages of one queue in DeleteMessageBatch calls instead of one DeleteMessage
 * each: a batch goes when {@link MAX_DELETE_BATCH} handles are pending or when the first of them
 * has waited `lingerMs`. A delete that fails (the whole call, or its entry) is logged and the
 * message left for SQS to redeliver, exactly as a failed DeleteMessage was: the redelivery's first
 * heartbeat finds the task gone and deletes it then.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessageBatch.html
 */
export class DeleteBatcher {
  private pending: PendingDelete[] = [];
  private timer: TimerHandle | undefined;
  private readonly sending = new Set<Promise<void>>();
  private stopped = false;
  private readonly lingerMs: number;
  private readonly maxBatchSize: number;

  public constructor(private readonly options: DeleteBatcherOptions) {
    this.lingerMs = options.lingerMs ?? DEFAULT_DELETE_LINGER_MS;
    this.maxBatchSize = options.maxBatchSize ?? MAX_DELETE_BATCH;
    if (!(this.lingerMs >= 0)) throw new RangeError(`lingerMs must be zero or more, got ${this.lingerMs}`);
    if (!Number.isInteger(this.maxBatchSize) || this.maxBatchSize < 1 || this.maxBatchSize > MAX_DELETE_BATCH) {
      throw new RangeError(`maxBatchSize must be an integer from 1 to ${MAX_DELETE_BATCH}, got ${this.maxBatchSize}`);
    }
  }

  /** Deletes awaiting a batch (not yet sent). */
  public get pendingCount(): number {
    return this.pending.length;
  }

  /**
   * Queues the message's delete; resolves once its batch was answered (never rejects: a failure
   * is logged on `log`). After {@link stop} a delete is sent at once.
   */
  public delete(receiptHandle: string | undefined, log: Logger = this.options.logger): Promise<void> {
    if (receiptHandle === undefined || receiptHandle === '') {
      // One entry without a handle would fail the whole batch call; SQS always gives one.
      log.warn('could not delete the message: it has no receipt handle');
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.pending.push({ receiptHandle, log, done: resolve });
      if (this.stopped || this.pending.length >= this.maxBatchSize) this.sendPending();
      else this.timer ??= this.options.clock.setTimeout(() => this.sendPending(), this.lingerMs);
    });
  }

  /** Sends every pending delete now; resolves once every batch sent so far was answered. */
  public async flush(): Promise<void> {
    this.sendPending();
    while (this.sending.size > 0) await Promise.all([...this.sending]);
  }

  /** Flushes, and from now on sends each delete at once (so one finishing late is not left waiting). */
  public stop(): Promise<void> {
    this.stopped = true;
    return this.flush();
  }

  private sendPending(): void {
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    while (this.pending.length > 0) {
      const sent: Promise<void> = this.send(this.pending.splice(0, this.maxBatchSize)).finally(() => this.sending.delete(sent));
      this.sending.add(sent);
    }
  }

  private async send(batch: readonly PendingDelete[]): Promise<void> {
    const { sqs, queueUrl } = this.options;
    // Ids only need to be distinct within one request: the entry's index.
    const entries: DeleteMessageBatchRequestEntry[] = batch.map((entry, index) => ({ Id: String(index), ReceiptHandle: entry.receiptHandle }));
    try {
      const result = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      for (const failure of result.Failed ?? []) {
        const entry = batch[Number(failure.Id)];
        (entry?.log ?? this.options.logger).warn({ code: failure.Code, senderFault: failure.SenderFault, reason: failure.Message }, 'could not delete the message');
      }
    } catch (error) {
      for (const entry of batch) entry.log.warn({ err: error }, 'could not delete the message');
    } finally {
      for (const entry of batch) entry.done();
    }
  }
}
