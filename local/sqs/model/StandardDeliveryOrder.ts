import { Deque } from './Deque';
import type { DeliveryOrder } from './DeliveryOrder';
import type { Message } from './Message';

/**
 * Standard queues: one ring buffer of visible messages, oldest-visible first. Messages removed
 * while visible stay as tombstones (state `deleted`) and are skipped when reached, so every
 * operation is O(1) amortised.
 */
export class StandardDeliveryOrder implements DeliveryOrder {
  private readonly visible = new Deque<Message>(1024);

  public added(message: Message): void {
    this.visible.push(message);
  }

  public returned(message: Message): void {
    this.visible.push(message);
  }

  public removed(): void {
    // Tombstone: skipped by take().
  }

  public restoreInflight(): void {
    // In-flight messages are not indexed until they return.
  }

  public take(max: number, deliver: (message: Message) => boolean): Message[] {
    const taken: Message[] = [];
    while (taken.length < max) {
      const message = this.visible.shift();
      if (message === undefined) break;
      if (message.state !== 'visible') continue;
      if (deliver(message)) taken.push(message);
    }
    return taken;
  }

  public clear(): void {
    this.visible.clear();
  }
}
