import { randomUUID } from 'node:crypto';
import type { Clock, TimerHandle } from '../../../lib/clock/Clock';
import type { Queue } from './Queue';

/** Lifecycle of a message move task, as ListMessageMoveTasks reports it. */
export const MOVE_TASK_STATUSES = ['RUNNING', 'COMPLETED', 'CANCELLING', 'CANCELLED', 'FAILED'] as const;
export type MoveTaskStatus = (typeof MOVE_TASK_STATUSES)[number];

/** What a move task needs from the registry. */
export interface MoveTaskHost {
  readonly clock: Clock;
  queueByArn(arn: string): Queue | undefined;
}

/** A move task as persisted and reported. */
export interface MoveTaskState {
  readonly taskHandle: string;
  readonly sourceArn: string;
  readonly destinationArn?: string;
  readonly maxNumberOfMessagesPerSecond?: number;
  readonly status: MoveTaskStatus;
  readonly moved: number;
  readonly toMove: number;
  readonly startedAt: number;
  readonly failureReason?: string;
}

/** Messages moved per step when no rate is given ("system optimized"). */
const UNLIMITED_BATCH = 1000;

/**
 * A dead-letter queue redrive (StartMessageMoveTask): moves the messages visible in the DLQ when
 * it started, to `destinationArn` or back to each message's source queue, `rate` per second of
 * AWS time (steps on the injected clock) or as fast as possible.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html
 */
export class MoveTask {
  public status: MoveTaskStatus = 'RUNNING';
  public moved = 0;
  public failureReason: string | undefined;
  private timer: TimerHandle | undefined;

  private constructor(
    private readonly host: MoveTaskHost,
    public readonly taskHandle: string,
    public readonly sourceArn: string,
    public readonly destinationArn: string | undefined,
    public readonly maxNumberOfMessagesPerSecond: number | undefined,
    public readonly toMove: number,
    public readonly startedAt: number,
  ) {}

  /** Starts a task on `source`, counting the messages visible now. */
  public static start(host: MoveTaskHost, source: Queue, destinationArn: string | undefined, rate: number | undefined): MoveTask {
    const now = host.clock.now();
    source.advance(now);
    const handle = Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn: source.arn }), 'utf8').toString('base64');
    const task = new MoveTask(host, handle, source.arn, destinationArn, rate, source.visibleCount, now);
    task.schedule(0);
    return task;
  }

  /** Brings back a persisted task; a running one carries on. */
  public static restore(host: MoveTaskHost, state: MoveTaskState): MoveTask {
    const task = new MoveTask(host, state.taskHandle, state.sourceArn, state.destinationArn, state.maxNumberOfMessagesPerSecond, state.toMove, state.startedAt);
    task.status = state.status === 'CANCELLING' ? 'CANCELLED' : state.status;
    task.moved = state.moved;
    task.failureReason = state.failureReason;
    if (task.status === 'RUNNING') task.schedule(0);
    return task;
  }

  public cancel(): void {
    this.host.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.status = 'CANCELLED';
  }

  public stop(): void {
    this.host.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  public toState(): MoveTaskState {
    return {
      taskHandle: this.taskHandle,
      sourceArn: this.sourceArn,
      destinationArn: this.destinationArn,
      maxNumberOfMessagesPerSecond: this.maxNumberOfMessagesPerSecond,
      status: this.status,
      moved: this.moved,
      toMove: this.toMove,
      startedAt: this.startedAt,
      failureReason: this.failureReason,
    };
  }

  private schedule(delayMs: number): void {
    this.timer = this.host.clock.setTimeout(() => this.step(), delayMs);
  }

  private step(): void {
    this.timer = undefined;
    if (this.status !== 'RUNNING') return;
    const source = this.host.queueByArn(this.sourceArn);
    if (source === undefined) return this.fail('AWS.SimpleQueueService.NonExistentQueue');
    const fixedDestination = this.destinationArn !== undefined ? this.host.queueByArn(this.destinationArn) : undefined;
    if (this.destinationArn !== undefined && fixedDestination === undefined) return this.fail('AWS.SimpleQueueService.NonExistentQueue');
    const now = this.host.clock.now();
    const want = Math.min(this.maxNumberOfMessagesPerSecond ?? UNLIMITED_BATCH, this.toMove - this.moved);
    const messages = want > 0 ? source.takeVisible(want, now) : [];
    for (const message of messages) {
      const destination = fixedDestination ?? (message.deadLetterSourceArn !== undefined ? this.host.queueByArn(message.deadLetterSourceArn) : undefined);
      if (destination === undefined) {
        source.adopt(message.toInit(), now, message.receiveCount, message.firstReceiveAt);
        return this.fail('AWS.SimpleQueueService.NonExistentQueue');
      }
      destination.adopt(message.toInit({ deadLetterSourceArn: undefined }), now);
      this.moved++;
    }
    if (this.moved >= this.toMove || messages.length < want) {
      this.status = 'COMPLETED';
      return;
    }
    this.schedule(this.maxNumberOfMessagesPerSecond !== undefined ? 1000 : 0);
  }

  private fail(reason: string): void {
    this.status = 'FAILED';
    this.failureReason = reason;
  }
}
