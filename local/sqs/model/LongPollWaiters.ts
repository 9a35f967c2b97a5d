import type { Clock, TimerHandle } from '../../../lib/clock/Clock';
import type { Message } from './Message';

/** A ReceiveMessage call waiting for messages. */
interface Waiter {
  readonly max: number;
  readonly visibilityTimeoutMs: number;
  readonly resolve: (messages: Message[]) => void;
  readonly signal?: AbortSignal;
  timer?: TimerHandle;
  onAbort?: () => void;
}

/**
 * The receives waiting on one queue, served first come first served as soon as messages
 * become visible, each ending with an empty answer when its wait time is over or its caller
 * has gone away.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html
 */
export class LongPollWaiters {
  private readonly waiting = new Set<Waiter>();

  public constructor(private readonly clock: Clock) {}

  public get size(): number {
    return this.waiting.size;
  }

  /**
   * Waits up to `waitMs` (AWS time); resolves with what `serve` hands it, or none. An abort of
   * `signal` ends the wait at once with none: the caller is gone, so no message is taken for it.
   */
  public wait(max: number, visibilityTimeoutMs: number, waitMs: number, signal?: AbortSignal): Promise<Message[]> {
    if (signal?.aborted === true) return Promise.resolve([]);
    return new Promise((resolve) => {
      const waiter: Waiter = { max, visibilityTimeoutMs, resolve, signal };
      waiter.timer = this.clock.setTimeout(() => this.end(waiter, []), waitMs);
      if (signal !== undefined) {
        waiter.onAbort = (): void => this.end(waiter, []);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
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
      this.end(waiter, messages);
    }
  }

  /** Answers every waiter with no messages (the queue went away or the service stops). */
  public releaseAll(): void {
    for (const waiter of this.waiting) this.end(waiter, []);
  }

  private end(waiter: Waiter, messages: Message[]): void {
    if (!this.waiting.delete(waiter)) return;
    this.clock.clearTimeout(waiter.timer);
    if (waiter.onAbort !== undefined) waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.resolve(messages);
  }
}
