import type { Message, MessageState } from './Message';

/**
 * The index of a queue's visible messages and the order it hands them out in: any order for a
 * standard queue, strict order per message group for a FIFO queue. The queue owns message
 * state and counts; a delivery order only keeps its index in step.
 */
export interface DeliveryOrder {
  /** A message became visible for the first time. */
  added(message: Message): void;
  /** An in-flight message became visible again. */
  returned(message: Message): void;
  /** A message left the queue (deleted, expired, purged, moved) from `previous` state. */
  removed(message: Message, previous: MessageState): void;
  /** An in-flight message restored from a snapshot. */
  restoreInflight(message: Message): void;
  /**
   * Offers visible messages in delivery order to `deliver` until `max` are taken. `deliver`
   * answers true when it took the message (now in flight), false when it disposed of it.
   */
  take(max: number, deliver: (message: Message) => boolean): Message[];
  clear(): void;
}
