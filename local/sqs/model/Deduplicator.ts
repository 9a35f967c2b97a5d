import { Deque } from './Deque';

/** What the first send with a deduplication id answered. */
export interface DeduplicatedSend {
  readonly messageId: string;
  readonly sequenceNumber: string;
  readonly expiresAt: number;
}

/**
 * FIFO deduplication: a send whose deduplication id was seen within the interval (5 minutes of
 * AWS time) is accepted but not enqueued. Entries expire in insertion order, so pruning is O(1)
 * per entry.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-exactly-once-processing.html
 */
export class Deduplicator {
  private readonly seen = new Map<string, DeduplicatedSend>();
  private readonly order = new Deque<string>();

  public constructor(private readonly intervalRealMs: number) {}

  public find(key: string, now: number): DeduplicatedSend | undefined {
    this.prune(now);
    return this.seen.get(key);
  }

  public record(key: string, messageId: string, sequenceNumber: string, now: number, expiresAt = now + this.intervalRealMs): void {
    this.seen.set(key, { messageId, sequenceNumber, expiresAt });
    this.order.push(key);
  }

  public entries(): Array<[string, DeduplicatedSend]> {
    return [...this.seen.entries()];
  }

  private prune(now: number): void {
    for (let key = this.order.peek(); key !== undefined; key = this.order.peek()) {
      const entry = this.seen.get(key);
      if (entry !== undefined && entry.expiresAt > now) break;
      this.order.shift();
      if (entry !== undefined) this.seen.delete(key);
    }
  }
}
