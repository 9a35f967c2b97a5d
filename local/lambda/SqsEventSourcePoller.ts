import { DeleteMessageBatchCommand, GetQueueUrlCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock/Clock';
import { parseQueueArn, type EventSourceMappingConfig } from './EventSourceMappingConfig';
import type { InvocationResult } from './invokeFunction';
import { sqsEvent } from './sqsEvent';

/** Options of {@link SqsEventSourcePoller}. */
export interface SqsEventSourcePollerOptions {
  readonly mapping: EventSourceMappingConfig;
  readonly sqs: SQSClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly region: string;
  /** Invokes the mapping's function synchronously. */
  readonly invoke: (functionName: string, event: unknown) => Promise<InvocationResult>;
  /** Whether the function is registered yet (handlers are registered after the cloud starts). */
  readonly hasFunction: (functionName: string) => boolean;
  /** AWS milliseconds to wait after an error or while the function is missing. @default 1000 */
  readonly retryDelayMs?: number;
  /** Long-poll wait of each ReceiveMessage. @default 20 */
  readonly waitTimeSeconds?: number;
}

/** What one poll did. */
export type PollOutcome = 'empty' | 'processed' | 'function-error' | 'no-function' | 'sqs-error';

/**
 * Lambda's SQS poller for one event source mapping: receives batches, invokes the function with an
 * SQS event, deletes what succeeded (all of it, or all but the reported `batchItemFailures`).
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
 */
export class SqsEventSourcePoller {
  private running = false;
  private loop: Promise<void> | undefined;
  private abort = new AbortController();
  private queueUrl: string | undefined;
  private wake: (() => void) | undefined;
  /** The API's `LastProcessingResult`. */
  public lastProcessingResult = 'No records processed';

  public constructor(private readonly options: SqsEventSourcePollerOptions) {}

  public start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.loop = this.run();
  }

  /** Stops polling; an outstanding long poll is aborted. */
  public async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** One receive → invoke → delete cycle. */
  public async pollOnce(): Promise<PollOutcome> {
    const { mapping } = this.options;
    if (!this.options.hasFunction(mapping.functionName)) return 'no-function';
    let messages: Message[];
    let queueUrl: string;
    try {
      queueUrl = await this.resolveQueueUrl();
      messages = await this.receiveBatch(queueUrl);
    } catch (error) {
      if (this.abort.signal.aborted) return 'empty';
      this.options.logger.warn({ err: error, uuid: mapping.uuid, eventSourceArn: mapping.eventSourceArn }, 'event source mapping could not receive');
      this.queueUrl = undefined;
      return 'sqs-error';
    }
    if (messages.length === 0) return 'empty';
    const result = await this.options.invoke(mapping.functionName, sqsEvent(messages, mapping.eventSourceArn, this.options.region));
    if (result.functionError !== undefined) {
      // Nothing is deleted: the messages come back after their visibility timeout (and reach the DLQ in the end).
      this.lastProcessingResult = 'PROBLEM: Function call failed';
      this.options.logger.warn({ uuid: mapping.uuid, functionName: mapping.functionName, requestId: result.requestId, error: result.payload }, 'event source mapping invocation failed');
      return 'function-error';
    }
    const failed = this.failedMessageIds(result.payload, messages);
    const done = messages.filter((m) => !failed.has(m.MessageId ?? ''));
    try {
      await this.deleteMessages(queueUrl, done);
    } catch (error) {
      this.options.logger.warn({ err: error, uuid: mapping.uuid }, 'event source mapping could not delete processed messages');
      return 'sqs-error';
    }
    this.lastProcessingResult = 'OK';
    return 'processed';
  }

  private async run(): Promise<void> {
    while (this.running) {
      const outcome = await this.pollOnce();
      if (!this.running) break;
      if (outcome === 'no-function' || outcome === 'sqs-error') await this.pause(this.options.retryDelayMs ?? 1000);
      // Guards against a queue that answers an empty receive at once instead of long-polling.
      else if (outcome === 'empty') await this.pause(100);
    }
  }

  private async resolveQueueUrl(): Promise<string> {
    if (this.queueUrl !== undefined) return this.queueUrl;
    const arn = parseQueueArn(this.options.mapping.eventSourceArn);
    if (arn === undefined) throw new Error(`not an SQS queue ARN: ${this.options.mapping.eventSourceArn}`);
    const answer = await this.options.sqs.send(new GetQueueUrlCommand({ QueueName: arn.queueName, QueueOwnerAWSAccountId: arn.accountId }), { abortSignal: this.abort.signal });
    if (answer.QueueUrl === undefined) throw new Error(`no QueueUrl for ${arn.queueName}`);
    this.queueUrl = answer.QueueUrl;
    return answer.QueueUrl;
  }

  /** Receives up to BatchSize messages, gathering for up to MaximumBatchingWindowInSeconds. */
  private async receiveBatch(queueUrl: string): Promise<Message[]> {
    const { batchSize, maximumBatchingWindowInSeconds } = this.options.mapping;
    const messages: Message[] = [];
    let windowOpen = maximumBatchingWindowInSeconds > 0;
    const timer = windowOpen ? this.options.clock.setTimeout(() => { windowOpen = false; }, maximumBatchingWindowInSeconds * 1000) : undefined;
    try {
      do {
        const received = await this.options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: Math.min(10, batchSize - messages.length),
            // Once a batch has started, only wait as long as the batching window allows.
            WaitTimeSeconds: messages.length === 0 ? (this.options.waitTimeSeconds ?? 20) : Math.min(maximumBatchingWindowInSeconds, 20),
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: this.abort.signal },
        );
        messages.push(...(received.Messages ?? []));
        if ((received.Messages ?? []).length === 0 && messages.length > 0) break;
      } while (windowOpen && !this.abort.signal.aborted && messages.length > 0 && messages.length < batchSize);
    } finally {
      this.options.clock.clearTimeout(timer);
    }
    return messages;
  }

  /** Message ids the function reported as failed; the whole batch when the report is malformed. */
  private failedMessageIds(payload: string, messages: readonly Message[]): Set<string> {
    if (!this.options.mapping.functionResponseTypes.includes('ReportBatchItemFailures')) return new Set();
    const all = new Set(messages.map((m) => m.MessageId ?? ''));
    let response: unknown;
    try {
      response = JSON.parse(payload);
    } catch {
      return all;
    }
    if (response === null || typeof response !== 'object') return new Set();
    const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
    if (failures === undefined || failures === null) return new Set();
    if (!Array.isArray(failures)) return all;
    const failed = new Set<string>();
    for (const failure of failures) {
      const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
      // AWS treats an empty, null or unknown identifier as a failure of the whole batch.
      if (typeof id !== 'string' || !all.has(id)) return all;
      failed.add(id);
    }
    return failed;
  }

  private async deleteMessages(queueUrl: string, messages: readonly Message[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      const chunk = messages.slice(i, i + 10);
      const answer = await this.options.sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: chunk.map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle ?? '' })) }),
      );
      if ((answer.Failed ?? []).length > 0) {
        this.options.logger.warn({ uuid: this.options.mapping.uuid, failed: answer.Failed }, 'some processed messages could not be deleted');
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.options.clock.setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        this.options.clock.clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
