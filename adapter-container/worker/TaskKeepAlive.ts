import { SendTaskHeartbeatCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../../lib/clock/Clock';
import { isStaleTokenError } from './taskTokenErrors';

/** What {@link TaskKeepAlive} needs for one message. */
export interface TaskKeepAliveOptions {
  readonly sfn: SFNClient;
  readonly sqs: SQSClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly queueUrl: string;
  readonly receiptHandle: string;
  readonly taskToken: string;
  /** Between two heartbeats (and visibility extensions). */
  readonly intervalMs: number;
  /** The visibility each extension sets, counted from the extension. */
  readonly visibilityTimeoutSeconds: number;
  /** Called once when a heartbeat says the task is gone. */
  readonly onStale: () => void;
}

/**
 * Keeps a message's task alive while the worker works on it: every interval it sends
 * SendTaskHeartbeat (which also tells when the task went away, and satisfies the state's
 * HeartbeatSeconds) and pushes the message's visibility out again, so neither Step
 * Functions nor SQS gives up on a slow city call.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
 */
export class TaskKeepAlive {
  private timer: TimerHandle | undefined;
  private stopped = false;
  private staleReported = false;

  private constructor(private readonly options: TaskKeepAliveOptions) {}

  /** Starts the timer; the first beat comes one interval from now. */
  public static start(options: TaskKeepAliveOptions): TaskKeepAlive {
    const keepAlive = new TaskKeepAlive(options);
    keepAlive.schedule();
    return keepAlive;
  }

  /** Stops beating; a beat already sent is left to finish. */
  public stop(): void {
    this.stopped = true;
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.options.clock.setTimeout(() => void this.beat(), this.options.intervalMs);
  }

  private async beat(): Promise<void> {
    this.schedule();
    await Promise.all([this.heartbeat(), this.extendVisibility()]);
  }

  private async heartbeat(): Promise<void> {
    const { sfn, logger, taskToken } = this.options;
    try {
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken }));
    } catch (error) {
      if (isStaleTokenError(error)) this.reportStale();
      else logger.warn({ err: error }, 'heartbeat failed; the next one may get through');
    }
  }

  private async extendVisibility(): Promise<void> {
    const { sqs, logger, queueUrl, receiptHandle, visibilityTimeoutSeconds } = this.options;
    try {
      await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: visibilityTimeoutSeconds }));
    } catch (error) {
      logger.warn({ err: error }, 'could not extend the message visibility');
    }
  }

  private reportStale(): void {
    if (this.staleReported || this.stopped) return;
    this.staleReported = true;
    this.stop();
    this.options.onStale();
  }
}
