import type { Clock } from '../../../lib/clock/Clock';
import { InvalidAttributeValueError } from '../errors/InvalidAttributeValueError';
import { InvalidParameterValueError } from '../errors/InvalidParameterValueError';
import { QueueDoesNotExistError } from '../errors/QueueDoesNotExistError';
import { QueueNameExistsError } from '../errors/QueueNameExistsError';
import { ResourceNotFoundError } from '../errors/ResourceNotFoundError';
import type { Message } from './Message';
import { MoveTask, type MoveTaskHost } from './MoveTask';
import { Queue, type QueueHost } from './Queue';
import { QueueSettings } from './QueueSettings';

/** Where the registry's queues live. */
export interface QueueRegistryOptions {
  readonly clock: Clock;
  /** The edge's base URL: QueueUrls are `${endpoint}/${accountId}/${name}`. */
  readonly endpoint: string;
  readonly region: string;
  readonly accountId: string;
}

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Every queue of the account, by name, plus the move tasks; routes dead letters between queues.
 * The protocol layer calls this; nothing here knows about HTTP.
 */
export class QueueRegistry implements QueueHost, MoveTaskHost {
  public readonly clock: Clock;
  public readonly accountId: string;
  private readonly queues = new Map<string, Queue>();
  private readonly tasks: MoveTask[] = [];
  private readonly arnPrefix: string;

  public constructor(private readonly options: QueueRegistryOptions) {
    this.clock = options.clock;
    this.accountId = options.accountId;
    this.arnPrefix = `arn:aws:sqs:${options.region}:${options.accountId}:`;
  }

  /** CreateQueue: idempotent when the attributes match the existing queue's. */
  public create(name: string, attributes: Readonly<Record<string, string>>, tags: Readonly<Record<string, string>> = {}, createdAt = this.clock.now()): Queue {
    const fifo = attributes.FifoQueue === 'true';
    if (fifo ? !/^[A-Za-z0-9_-]{1,75}\.fifo$/.test(name) : !QUEUE_NAME.test(name)) {
      throw new InvalidParameterValueError(
        fifo || name.endsWith('.fifo')
          ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
          : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    }
    const settings = new QueueSettings(fifo);
    const normalized = this.normalize(settings, attributes, name);
    const existing = this.queues.get(name);
    if (existing !== undefined) {
      for (const [key, value] of normalized) {
        if (existing.settings.get(key) !== value && !(key === 'FifoQueue' && value === 'false' && !existing.fifo)) {
          throw new QueueNameExistsError(`A queue already exists with the same name and a different value for attribute ${key}`);
        }
      }
      return existing;
    }
    settings.apply(normalized);
    const queue = new Queue(this, name, this.arnPrefix + name, `${this.options.endpoint}/${this.options.accountId}/${name}`, settings, createdAt);
    for (const [key, value] of Object.entries(tags)) queue.tags.set(key, value);
    this.queues.set(name, queue);
    return queue;
  }

  /** SetQueueAttributes. */
  public setAttributes(queue: Queue, attributes: Readonly<Record<string, string>>): void {
    if (attributes.FifoQueue !== undefined && attributes.FifoQueue !== String(queue.fifo)) {
      throw new InvalidAttributeValueError('Invalid value for the parameter FifoQueue: it cannot be changed after the queue is created.');
    }
    const normalized = this.normalize(queue.settings, attributes, queue.name);
    queue.settings.apply(normalized);
    queue.lastModifiedAt = this.clock.now();
    queue.rearm();
  }

  public get(name: string): Queue {
    const queue = this.queues.get(name);
    if (queue === undefined) throw new QueueDoesNotExistError();
    return queue;
  }

  /** The queue a QueueUrl names (any host: only the path's last segment counts). */
  public byUrl(url: string): Queue {
    const trimmed = url.endsWith('/') ? url.slice(0, -1) : url;
    return this.get(trimmed.slice(trimmed.lastIndexOf('/') + 1));
  }

  public queueByArn(arn: string): Queue | undefined {
    if (!arn.startsWith('arn:aws:sqs:')) return undefined;
    const queue = this.queues.get(arn.slice(arn.lastIndexOf(':') + 1));
    return queue !== undefined && queue.arn === arn ? queue : undefined;
  }

  public delete(queue: Queue): void {
    queue.destroy();
    this.queues.delete(queue.name);
  }

  public list(prefix = ''): Queue[] {
    return [...this.queues.values()].filter((q) => q.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Queues whose RedrivePolicy names `queue` as their dead-letter queue. */
  public deadLetterSources(queue: Queue): Queue[] {
    return this.list().filter((q) => q.settings.redrivePolicy?.deadLetterTargetArn === queue.arn);
  }

  public deadLetter(source: Queue, message: Message, targetArn: string): boolean {
    const target = this.queueByArn(targetArn);
    if (target === undefined || target === source) return false;
    target.adopt(message.toInit({ deadLetterSourceArn: source.arn }), this.clock.now(), message.receiveCount, message.firstReceiveAt);
    return true;
  }

  /** StartMessageMoveTask. */
  public startMoveTask(sourceArn: string, destinationArn: string | undefined, rate: number | undefined): MoveTask {
    const source = this.queueByArn(sourceArn);
    if (source === undefined) throw new ResourceNotFoundError('The resource that you specified for the SourceArn parameter doesn\'t exist.');
    if (this.deadLetterSources(source).length === 0) throw new InvalidParameterValueError('Source queue must be configured as a Dead Letter Queue.');
    if (destinationArn !== undefined && this.queueByArn(destinationArn) === undefined) {
      throw new ResourceNotFoundError('The resource that you specified for the DestinationArn parameter doesn\'t exist.');
    }
    if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 500)) {
      throw new InvalidParameterValueError(`Value ${rate} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500.`);
    }
    if (this.tasks.some((t) => t.sourceArn === sourceArn && t.status === 'RUNNING')) {
      throw new InvalidParameterValueError('There is already a task running. Only one active task is allowed for a source queue arn at a given time.');
    }
    const task = MoveTask.start(this, source, destinationArn, rate);
    this.tasks.push(task);
    return task;
  }

  /** ListMessageMoveTasks: the most recent first. */
  public listMoveTasks(sourceArn: string, max: number): MoveTask[] {
    if (this.queueByArn(sourceArn) === undefined) throw new ResourceNotFoundError('The resource that you specified for the SourceArn parameter doesn\'t exist.');
    return this.tasks.filter((t) => t.sourceArn === sourceArn).reverse().slice(0, max);
  }

  /** CancelMessageMoveTask. */
  public cancelMoveTask(taskHandle: string): MoveTask {
    const task = this.tasks.find((t) => t.taskHandle === taskHandle);
    if (task === undefined || task.status !== 'RUNNING') throw new ResourceNotFoundError('Task does not exist or is not running.');
    task.cancel();
    return task;
  }

  public allQueues(): Queue[] {
    return [...this.queues.values()];
  }

  public allTasks(): MoveTask[] {
    return [...this.tasks];
  }

  public adoptTask(task: MoveTask): void {
    this.tasks.push(task);
  }

  /** Stops every timer and answers every waiting receive. */
  public shutdown(): void {
    for (const queue of this.queues.values()) queue.destroy();
    for (const task of this.tasks) task.stop();
  }

  private normalize(settings: QueueSettings, attributes: Readonly<Record<string, string>>, name: string): Map<string, string> {
    const normalized = new Map<string, string>();
    for (const [key, value] of Object.entries(attributes)) {
      if (typeof value !== 'string') throw new InvalidParameterValueError(`Value for attribute ${key} must be a string.`);
      normalized.set(key, settings.normalize(key, value));
    }
    const redrive = normalized.get('RedrivePolicy');
    if (redrive !== undefined && redrive !== '') this.checkRedriveTarget(settings, redrive, name);
    return normalized;
  }

  private checkRedriveTarget(settings: QueueSettings, redrive: string, name: string): void {
    const policy = JSON.parse(redrive) as { deadLetterTargetArn: string };
    const target = this.queueByArn(policy.deadLetterTargetArn);
    const reason = (why: string): InvalidParameterValueError => new InvalidParameterValueError(`Value ${redrive} for parameter RedrivePolicy is invalid. Reason: ${why}`);
    if (target === undefined) throw reason('Dead letter target does not exist.');
    if (target.fifo !== settings.fifo) throw reason('Dead-letter target must be the same type of queue as the source.');
    const allow = target.settings.redriveAllowPolicy;
    const sourceArn = this.arnPrefix + name;
    if (allow !== undefined && (allow.redrivePermission === 'denyAll' || (allow.redrivePermission === 'byQueue' && !allow.sourceQueueArns.includes(sourceArn)))) {
      throw reason('Queue ' + sourceArn + ' is not allowed to use ' + target.arn + ' as its dead-letter queue.');
    }
  }
}
