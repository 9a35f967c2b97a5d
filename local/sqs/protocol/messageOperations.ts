import { BatchEntryIdsNotDistinctError } from '../errors/BatchEntryIdsNotDistinctError';
import { BatchRequestTooLongError } from '../errors/BatchRequestTooLongError';
import { EmptyBatchRequestError } from '../errors/EmptyBatchRequestError';
import { InvalidAttributeNameError } from '../errors/InvalidAttributeNameError';
import { InvalidBatchEntryIdError } from '../errors/InvalidBatchEntryIdError';
import { MissingParameterError } from '../errors/MissingParameterError';
import { ReceiptHandleIsInvalidError } from '../errors/ReceiptHandleIsInvalidError';
import { SqsError } from '../errors/SqsError';
import { TooManyEntriesInBatchRequestError } from '../errors/TooManyEntriesInBatchRequestError';
import type { MessageAttributes } from '../model/Message';
import type { Queue, SendInput, SendResult } from '../model/Queue';
import type { QueueRegistry } from '../model/QueueRegistry';
import { ReceiptHandle } from '../model/ReceiptHandle';
import type { Output } from './queueOperations';
import type { Caller } from './sqsOperations';
import { type Input, optionalInteger, optionalObject, optionalObjectList, optionalString, optionalStringList, requireString } from './readInput';
import { ReceiveResult, SYSTEM_ATTRIBUTE_NAMES } from './ReceiveResult';

const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
const SYSTEM_NAMES: ReadonlySet<string> = new Set(SYSTEM_ATTRIBUTE_NAMES);

/** @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html */
export function sendMessage(registry: QueueRegistry, input: Input): Output {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  return sendOutput(queue.send(sendInput(input), registry.clock.now()));
}

/** SendMessageBatch: each entry succeeds or fails on its own. */
export function sendMessageBatch(registry: QueueRegistry, input: Input): Output {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  const entries = batchEntries(input, 'SendMessageBatchRequestEntry');
  let total = 0;
  for (const entry of entries) total += Buffer.byteLength(typeof entry.MessageBody === 'string' ? entry.MessageBody : '', 'utf8');
  if (total > queue.settings.maximumMessageSize) {
    throw new BatchRequestTooLongError(`Batch requests cannot be longer than ${queue.settings.maximumMessageSize} bytes. You have sent ${total} bytes.`);
  }
  const now = registry.clock.now();
  return runBatch(entries, (entry) => ({ Id: entry.Id, ...sendOutput(queue.send(sendInput(entry), now)) }));
}

/**
 * ReceiveMessage; waits (long polling) when WaitTimeSeconds or the queue's default says so, and
 * takes nothing for a caller that went away before its answer.
 */
export async function receiveMessage(registry: QueueRegistry, input: Input, caller?: Caller): Promise<ReceiveResult> {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  const max = optionalInteger(input, 'MaxNumberOfMessages', 1, 10) ?? 1;
  const visibility = optionalInteger(input, 'VisibilityTimeout', 0, 43_200) ?? queue.settings.visibilityTimeout;
  const wait = optionalInteger(input, 'WaitTimeSeconds', 0, 20) ?? queue.settings.receiveMessageWaitTimeSeconds;
  const systemNames = new Set<string>();
  for (const name of [...(optionalStringList(input, 'AttributeNames') ?? []), ...(optionalStringList(input, 'MessageSystemAttributeNames') ?? [])]) {
    if (name === 'All') for (const n of SYSTEM_ATTRIBUTE_NAMES) systemNames.add(n);
    else if (SYSTEM_NAMES.has(name)) systemNames.add(name);
    else throw new InvalidAttributeNameError(`Unknown Attribute ${name}.`);
  }
  const attributeNames = optionalStringList(input, 'MessageAttributeNames') ?? [];
  const messages = await queue.receiveOrWait(max, visibility * 1000, wait * 1000, registry.clock.now(), caller?.clientGone);
  return new ReceiveResult(messages.map((m) => ReceiveResult.entry(m, new ReceiptHandle(queue.name, m.id, m.receiptNonce).encode(), systemNames, attributeNames)));
}

export function deleteMessage(registry: QueueRegistry, input: Input): Output {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  queue.delete(decodeHandle(queue, requireString(input, 'ReceiptHandle')));
  return {};
}

export function deleteMessageBatch(registry: QueueRegistry, input: Input): Output {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  return runBatch(batchEntries(input, 'DeleteMessageBatchRequestEntry'), (entry) => {
    queue.delete(decodeHandle(queue, requireString(entry, 'ReceiptHandle')));
    return { Id: entry.Id };
  });
}

export function changeMessageVisibility(registry: QueueRegistry, input: Input): Output {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  changeVisibility(registry, queue, input);
  return {};
}

export function changeMessageVisibilityBatch(registry: QueueRegistry, input: Input): Output {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  return runBatch(batchEntries(input, 'ChangeMessageVisibilityBatchRequestEntry'), (entry) => {
    changeVisibility(registry, queue, entry);
    return { Id: entry.Id };
  });
}

function changeVisibility(registry: QueueRegistry, queue: Queue, input: Input): void {
  const text = requireString(input, 'ReceiptHandle');
  const timeout = optionalInteger(input, 'VisibilityTimeout', 0, 43_200, 'VisibilityTimeout must be between 0 and 43200 seconds.');
  if (timeout === undefined) throw new MissingParameterError('The request must contain the parameter VisibilityTimeout.');
  queue.changeVisibility(decodeHandle(queue, text), text, timeout * 1000, registry.clock.now());
}

function decodeHandle(queue: Queue, text: string): ReceiptHandle {
  const handle = ReceiptHandle.decode(text);
  if (handle === undefined || handle.queueName !== queue.name) throw new ReceiptHandleIsInvalidError(`The input receipt handle "${text}" is not a valid receipt handle.`);
  return handle;
}

function sendInput(input: Input): SendInput {
  const system = optionalObject(input, 'MessageSystemAttributes');
  const trace = system?.AWSTraceHeader as { StringValue?: unknown } | undefined;
  return {
    body: optionalString(input, 'MessageBody'),
    delaySeconds: optionalInteger(input, 'DelaySeconds', 0, 900, 'DelaySeconds must be >= 0 and <= 900.'),
    attributes: optionalObject(input, 'MessageAttributes') as MessageAttributes | undefined,
    traceHeader: typeof trace?.StringValue === 'string' ? trace.StringValue : undefined,
    groupId: optionalString(input, 'MessageGroupId'),
    deduplicationId: optionalString(input, 'MessageDeduplicationId'),
  };
}

function sendOutput(result: SendResult): Output {
  const output: Output = { MessageId: result.messageId, MD5OfMessageBody: result.md5OfBody };
  if (result.md5OfAttributes !== undefined) output.MD5OfMessageAttributes = result.md5OfAttributes;
  if (result.md5OfSystemAttributes !== undefined) output.MD5OfMessageSystemAttributes = result.md5OfSystemAttributes;
  if (result.sequenceNumber !== undefined) output.SequenceNumber = result.sequenceNumber;
  return output;
}

/** The entries of a batch request, checked as SQS checks them before acting on any. */
function batchEntries(input: Input, entryName: string): Array<Input & { Id: string }> {
  const entries = optionalObjectList(input, 'Entries') ?? [];
  if (entries.length === 0) throw new EmptyBatchRequestError(`There should be at least one ${entryName} in the request.`);
  if (entries.length > 10) throw new TooManyEntriesInBatchRequestError(`Maximum number of entries per request are 10. You have sent ${entries.length}.`);
  const ids = new Set<string>();
  for (const entry of entries) {
    const id = entry.Id;
    if (typeof id !== 'string' || !BATCH_ENTRY_ID.test(id)) throw new InvalidBatchEntryIdError();
    if (ids.has(id)) throw new BatchEntryIdsNotDistinctError(`Id ${id} repeated.`);
    ids.add(id);
  }
  return entries as Array<Input & { Id: string }>;
}

function runBatch(entries: Array<Input & { Id: string }>, act: (entry: Input & { Id: string }) => Output): Output {
  const successful: Output[] = [];
  const failed: Output[] = [];
  for (const entry of entries) {
    try {
      successful.push(act(entry));
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      failed.push({ Id: entry.Id, SenderFault: error.senderFault, Code: error.code, Message: error.message });
    }
  }
  return { Successful: successful, Failed: failed };
}
