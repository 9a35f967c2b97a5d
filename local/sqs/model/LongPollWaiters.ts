import type { Clock, TimerHandle } from '../../../lib/clock/Clock';
import type { Message } from './Message';

/** A ReceiveMessage call waiting for messages. */
interface Waiter {
  readonly max: number;
  readonly visibilityTimeoutMs: number;
  readonly resolve: (messages: Message[]) => void;
  timer?: TimerHandle;
}

/**
 * The receives waiting on one queue, served first come first served as soon as messages
 * become visible, each ending with an empty answer when its wait time is over.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html
 */
export class LongPollWaiters {
  private readonly waiting = new Set<Waiter>();

  public constructor(private readonly clock: Clock) {}

  public get size(): number {
    return this.waiting.size;
  }

  /** Waits up to `waitMs` (AWS time); resolves with what `serve` hands it, or none. */
  public wait(max: number, visibilityTimeoutMs: number, waitMs: number): Promise<Message[]> {
    return new Promise((resolve) => {
      const waiter: Waiter = { max, visibilityTimeoutMs, resolve };
      waiter.timer = this.clock.setTimeout(() => {
        if (this.waiting.delete(waiter)) resolve([]);
      }, waitMs);
      this.waiting.add(waiter);
    });
  }

  /**
   * Hands messages to waiters in arrival order while `receive` finds any; stops at the first
   * waiter it cannot serve (that waiter keeps its place).
   */
  public serve(receive: (max: number, visibilityTimeoutMs: number) => Message[]): void {
    for (const waiter of this.waiting) {
      const messages = receive(waiter.max, waiter.visibilityTimeoutMs);
      if (messages.length === 0) return;
      this.waiting.delete(waiter);
      this.clock.clearTimeout(waiter.timer);
      waiter.resolve(messages);
    }
  }

  /** Answers every waiter with no messages (the queue went away or the service stops). */
  public releaseAll(): void {
    for (const waiter of this.waiting) {
      this.clock.clearTimeout(waiter.timer);
      waiter.resolve([]);
    }
    this.waiting.clear();
  }
}
