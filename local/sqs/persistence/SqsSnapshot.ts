import { Message, type MessageInit, type MessageState } from '../model/Message';
import { MoveTask, type MoveTaskState } from '../model/MoveTask';
import type { Queue } from '../model/Queue';
import type { QueueRegistry } from '../model/QueueRegistry';
import type { DeduplicatedSend } from '../model/Deduplicator';

/** A message as saved: what it was born with plus where it is in its life. */
interface SavedMessage extends MessageInit {
  readonly state: MessageState;
  readonly enqueuedAt: number;
  readonly visibleAt: number;
  readonly receiveCount: number;
  readonly firstReceiveAt?: number;
  readonly receiptNonce: number;
}

interface SavedQueue {
  readonly name: string;
  readonly fifo: boolean;
  readonly createdAt: number;
  readonly lastModifiedAt: number;
  readonly attributes: Array<[string, string]>;
  readonly tags: Array<[string, string]>;
  readonly sequence: number;
  readonly deduplication: Array<[string, DeduplicatedSend]>;
  readonly messages: SavedMessage[];
}

/** The whole SQS state of a local cloud, as written to its data directory. */
export interface SqsSnapshotData {
  readonly version: 1;
  readonly queues: SavedQueue[];
  readonly tasks: MoveTaskState[];
}

/** Captures every queue, message (in-flight receipts included) and move task. */
export function takeSnapshot(registry: QueueRegistry): SqsSnapshotData {
  return {
    version: 1,
    queues: registry.allQueues().map(saveQueue),
    tasks: registry.allTasks().map((t) => t.toState()),
  };
}

/** Rebuilds queues, messages and tasks from a snapshot into an empty registry. */
export function restoreSnapshot(registry: QueueRegistry, data: SqsSnapshotData): void {
  const restored: Array<[Queue, SavedQueue]> = [];
  for (const saved of data.queues) {
    const queue = registry.create(saved.name, saved.fifo ? { FifoQueue: 'true' } : {}, Object.fromEntries(saved.tags), saved.createdAt);
    queue.settings.apply(new Map(saved.attributes));
    queue.lastModifiedAt = saved.lastModifiedAt;
    queue.sequence = saved.sequence;
    for (const [key, entry] of saved.deduplication) queue.deduplicator.record(key, entry.messageId, entry.sequenceNumber, 0, entry.expiresAt);
    restored.push([queue, saved]);
  }
  for (const [queue, saved] of restored) {
    for (const m of saved.messages) {
      const message = new Message(m);
      message.state = m.state;
      message.enqueuedAt = m.enqueuedAt;
      message.visibleAt = m.visibleAt;
      message.receiveCount = m.receiveCount;
      message.firstReceiveAt = m.firstReceiveAt;
      message.receiptNonce = m.receiptNonce;
      queue.restore(message);
    }
  }
  for (const task of data.tasks) registry.adoptTask(MoveTask.restore(registry, task));
}

function saveQueue(queue: Queue): SavedQueue {
  return {
    name: queue.name,
    fifo: queue.fifo,
    createdAt: queue.createdAt,
    lastModifiedAt: queue.lastModifiedAt,
    attributes: queue.settings.entries(),
    tags: [...queue.tags.entries()],
    sequence: queue.sequence,
    deduplication: queue.deduplicator.entries(),
    messages: queue.messages().map((m) => ({
      ...m.toInit(),
      state: m.state,
      enqueuedAt: m.enqueuedAt,
      visibleAt: m.visibleAt,
      receiveCount: m.receiveCount,
      firstReceiveAt: m.firstReceiveAt,
      receiptNonce: m.receiptNonce,
    })),
  };
}
