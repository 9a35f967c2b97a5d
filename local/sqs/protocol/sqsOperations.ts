import type { EdgeRequest } from '../../edge/EdgeRequest';
import type { QueueRegistry } from '../model/QueueRegistry';
import * as messages from './messageOperations';
import * as queues from './queueOperations';
import type { Output } from './queueOperations';
import type { Input } from './readInput';
import type { ReceiveResult } from './ReceiveResult';

/** Who asked: `clientGone` tells an operation that waits that its caller went away before the answer. */
export type Caller = Pick<EdgeRequest, 'clientGone'>;

/** One SQS operation over the model, whatever protocol carried it. */
export type Operation = (registry: QueueRegistry, input: Input, caller?: Caller) => Output | Promise<ReceiveResult>;

/** Every operation the emulator serves, by its API name. */
export const SQS_OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateQueue: queues.createQueue,
  GetQueueUrl: queues.getQueueUrl,
  ListQueues: queues.listQueues,
  GetQueueAttributes: queues.getQueueAttributes,
  SetQueueAttributes: queues.setQueueAttributes,
  DeleteQueue: queues.deleteQueue,
  PurgeQueue: queues.purgeQueue,
  TagQueue: queues.tagQueue,
  UntagQueue: queues.untagQueue,
  ListQueueTags: queues.listQueueTags,
  ListDeadLetterSourceQueues: queues.listDeadLetterSourceQueues,
  StartMessageMoveTask: queues.startMessageMoveTask,
  ListMessageMoveTasks: queues.listMessageMoveTasks,
  CancelMessageMoveTask: queues.cancelMessageMoveTask,
  SendMessage: messages.sendMessage,
  SendMessageBatch: messages.sendMessageBatch,
  ReceiveMessage: messages.receiveMessage,
  DeleteMessage: messages.deleteMessage,
  DeleteMessageBatch: messages.deleteMessageBatch,
  ChangeMessageVisibility: messages.changeMessageVisibility,
  ChangeMessageVisibilityBatch: messages.changeMessageVisibilityBatch,
};

/** Operations that change nothing (no snapshot needed after them). */
export const READ_ONLY_OPERATIONS: ReadonlySet<string> = new Set(['GetQueueUrl', 'ListQueues', 'GetQueueAttributes', 'ListQueueTags', 'ListDeadLetterSourceQueues', 'ListMessageMoveTasks']);
