import { InvalidAttributeNameError } from '../errors/InvalidAttributeNameError';
import { InvalidParameterValueError } from '../errors/InvalidParameterValueError';
import type { Queue } from '../model/Queue';
import type { QueueRegistry } from '../model/QueueRegistry';
import { COMPUTED_ATTRIBUTES, SETTABLE_ATTRIBUTES } from '../model/QueueSettings';
import { type Input, optionalInteger, optionalString, optionalStringList, optionalStringMap, requireString } from './readInput';

/** The answer of an operation, before the protocol renders it. */
export type Output = Record<string, unknown>;

const ALL_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set<string>([...SETTABLE_ATTRIBUTES, ...COMPUTED_ATTRIBUTES]);

/** @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html */
export function createQueue(registry: QueueRegistry, input: Input): Output {
  const name = requireString(input, 'QueueName');
  const attributes = optionalStringMap(input, 'Attributes') ?? {};
  const tags = optionalStringMap(input, 'tags') ?? optionalStringMap(input, 'Tags') ?? {};
  return { QueueUrl: registry.create(name, attributes, tags).url };
}

export function getQueueUrl(registry: QueueRegistry, input: Input): Output {
  return { QueueUrl: registry.get(requireString(input, 'QueueName')).url };
}

/** ListQueues, paginated by queue name when MaxResults is given. */
export function listQueues(registry: QueueRegistry, input: Input): Output {
  const prefix = optionalString(input, 'QueueNamePrefix') ?? '';
  const max = optionalInteger(input, 'MaxResults', 1, 1000);
  const token = optionalString(input, 'NextToken');
  let queues = registry.list(prefix);
  if (token !== undefined) {
    const after = Buffer.from(token, 'base64').toString('utf8');
    queues = queues.filter((q) => q.name > after);
  }
  const page = queues.slice(0, max ?? 1000);
  const output: Output = {};
  if (page.length > 0) output.QueueUrls = page.map((q) => q.url);
  const last = page[page.length - 1];
  if (max !== undefined && queues.length > page.length && last !== undefined) output.NextToken = Buffer.from(last.name, 'utf8').toString('base64');
  return output;
}

/** GetQueueAttributes, with the Approximate* counts as of now. */
export function getQueueAttributes(registry: QueueRegistry, input: Input): Output {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  const names = optionalStringList(input, 'AttributeNames') ?? [];
  for (const name of names) {
    if (name !== 'All' && !ALL_ATTRIBUTE_NAMES.has(name)) throw new InvalidAttributeNameError(`Unknown Attribute ${name}.`);
  }
  if (names.length === 0) return {};
  const all = names.includes('All');
  const wanted = (name: string): boolean => all || names.includes(name);
  queue.advance(registry.clock.now());
  const attributes: Record<string, string> = {};
  for (const [name, value] of queue.settings.entries()) if (wanted(name)) attributes[name] = value;
  const computed: Record<(typeof COMPUTED_ATTRIBUTES)[number], string> = {
    ApproximateNumberOfMessages: String(queue.visibleCount),
    ApproximateNumberOfMessagesNotVisible: String(queue.inflightCount),
    ApproximateNumberOfMessagesDelayed: String(queue.delayedCount),
    CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.lastModifiedAt / 1000)),
    QueueArn: queue.arn,
  };
  for (const [name, value] of Object.entries(computed)) if (wanted(name)) attributes[name] = value;
  return { Attributes: attributes };
}

export function setQueueAttributes(registry: QueueRegistry, input: Input): Output {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  registry.setAttributes(queue, optionalStringMap(input, 'Attributes') ?? {});
  return {};
}

export function deleteQueue(registry: QueueRegistry, input: Input): Output {
  registry.delete(registry.byUrl(requireString(input, 'QueueUrl')));
  return {};
}

export function purgeQueue(registry: QueueRegistry, input: Input): Output {
  registry.byUrl(requireString(input, 'QueueUrl')).purge();
  return {};
}

export function tagQueue(registry: QueueRegistry, input: Input): Output {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  const tags = optionalStringMap(input, 'Tags') ?? {};
  if (queue.tags.size + Object.keys(tags).filter((k) => !queue.tags.has(k)).length > 50) {
    throw new InvalidParameterValueError('Too many tags added for queue.');
  }
  for (const [key, value] of Object.entries(tags)) queue.tags.set(key, value);
  return {};
}

export function untagQueue(registry: QueueRegistry, input: Input): Output {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  for (const key of optionalStringList(input, 'TagKeys') ?? []) queue.tags.delete(key);
  return {};
}

export function listQueueTags(registry: QueueRegistry, input: Input): Output {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  return queue.tags.size > 0 ? { Tags: Object.fromEntries(queue.tags) } : {};
}

export function listDeadLetterSourceQueues(registry: QueueRegistry, input: Input): Output {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  const sources = registry.deadLetterSources(queue);
  return { queueUrls: sources.map((q: Queue) => q.url) };
}

/** @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html */
export function startMessageMoveTask(registry: QueueRegistry, input: Input): Output {
  const task = registry.startMoveTask(
    requireString(input, 'SourceArn'),
    optionalString(input, 'DestinationArn'),
    optionalInteger(input, 'MaxNumberOfMessagesPerSecond', 1, 500),
  );
  return { TaskHandle: task.taskHandle };
}

export function listMessageMoveTasks(registry: QueueRegistry, input: Input): Output {
  const tasks = registry.listMoveTasks(requireString(input, 'SourceArn'), optionalInteger(input, 'MaxResults', 1, 10) ?? 1);
  return {
    Results: tasks.map((task) => {
      const entry: Record<string, unknown> = {
        Status: task.status,
        SourceArn: task.sourceArn,
        ApproximateNumberOfMessagesMoved: task.moved,
        ApproximateNumberOfMessagesToMove: task.toMove,
        StartedTimestamp: task.startedAt,
      };
      if (task.status === 'RUNNING') entry.TaskHandle = task.taskHandle;
      if (task.destinationArn !== undefined) entry.DestinationArn = task.destinationArn;
      if (task.maxNumberOfMessagesPerSecond !== undefined) entry.MaxNumberOfMessagesPerSecond = task.maxNumberOfMessagesPerSecond;
      if (task.failureReason !== undefined) entry.FailureReason = task.failureReason;
      return entry;
    }),
  };
}

export function cancelMessageMoveTask(registry: QueueRegistry, input: Input): Output {
  const task = registry.cancelMoveTask(requireString(input, 'TaskHandle'));
  return { ApproximateNumberOfMessagesMoved: task.moved };
}
