import { InvalidAttributeNameError } from '../errors/InvalidAttributeNameError';
import { InvalidAttributeValueError } from '../errors/InvalidAttributeValueError';
import { InvalidParameterValueError } from '../errors/InvalidParameterValueError';

/** Attributes a caller may set (CreateQueue, SetQueueAttributes). */
export const SETTABLE_ATTRIBUTES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'Policy',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'FifoQueue',
  'ContentBasedDeduplication',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

/** Attributes SQS computes (GetQueueAttributes only). */
export const COMPUTED_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

/** `RedrivePolicy` once parsed. */
export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

/** `RedriveAllowPolicy` once parsed. */
export interface RedriveAllowPolicy {
  readonly redrivePermission: 'allowAll' | 'denyAll' | 'byQueue';
  readonly sourceQueueArns: readonly string[];
}

const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 1_048_576],
  MessageRetentionPeriod: [60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43_200],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};

const FIFO_ONLY = new Set(['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);

/**
 * A queue's attributes, kept as the strings SQS answers with, plus the parsed values the hot
 * paths read. Ranges follow the CreateQueue reference.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
 */
export class QueueSettings {
  private readonly values = new Map<string, string>();
  public visibilityTimeout = 30;
  public delaySeconds = 0;
  public messageRetentionPeriod = 345_600;
  public receiveMessageWaitTimeSeconds = 0;
  public maximumMessageSize = 262_144;
  public contentBasedDeduplication = false;
  public deduplicationScope: 'queue' | 'messageGroup' = 'queue';
  public redrivePolicy: RedrivePolicy | undefined;
  public redriveAllowPolicy: RedriveAllowPolicy | undefined;

  public constructor(public readonly fifo: boolean) {
    this.values.set('VisibilityTimeout', '30');
    this.values.set('DelaySeconds', '0');
    this.values.set('MessageRetentionPeriod', '345600');
    this.values.set('ReceiveMessageWaitTimeSeconds', '0');
    this.values.set('MaximumMessageSize', '262144');
    this.values.set('SqsManagedSseEnabled', 'true');
    if (fifo) {
      this.values.set('FifoQueue', 'true');
      this.values.set('ContentBasedDeduplication', 'false');
      this.values.set('DeduplicationScope', 'queue');
      this.values.set('FifoThroughputLimit', 'perQueue');
    }
  }

  /** The stored attributes (settable ones), in a stable order. */
  public entries(): Array<[string, string]> {
    return [...this.values.entries()];
  }

  public get(name: string): string | undefined {
    return this.values.get(name);
  }

  /** Checks one attribute and returns the value as SQS will store and answer it. */
  public normalize(name: string, value: string): string {
    if (!(SETTABLE_ATTRIBUTES as readonly string[]).includes(name)) throw new InvalidAttributeNameError(`Unknown Attribute ${name}.`);
    if (FIFO_ONLY.has(name) && !this.fifo) {
      if (name === 'FifoQueue' && value === 'false') return value;
      throw new InvalidAttributeNameError(`Unknown Attribute ${name}.`);
    }
    const range = INTEGER_RANGES[name];
    if (range !== undefined) {
      const n = Number(value);
      if (!/^\s*-?\d+\s*$/.test(value) || n < range[0] || n > range[1]) throw new InvalidAttributeValueError(`Invalid value for the parameter ${name}.`);
      return String(n);
    }
    switch (name) {
      case 'FifoQueue':
      case 'ContentBasedDeduplication':
      case 'SqsManagedSseEnabled':
        if (value !== 'true' && value !== 'false') throw new InvalidAttributeValueError(`Invalid value for the parameter ${name}.`);
        return value;
      case 'DeduplicationScope':
        if (value !== 'queue' && value !== 'messageGroup') throw new InvalidAttributeValueError(`Invalid value for the parameter ${name}.`);
        return value;
      case 'FifoThroughputLimit':
        if (value !== 'perQueue' && value !== 'perMessageGroupId') throw new InvalidAttributeValueError(`Invalid value for the parameter ${name}.`);
        return value;
      case 'RedrivePolicy':
        return value === '' ? '' : JSON.stringify(parseRedrivePolicy(value));
      case 'RedriveAllowPolicy':
        return value === '' ? '' : JSON.stringify(parseRedriveAllowPolicy(value));
      default:
        return value;
    }
  }

  /** Stores already-normalized values. */
  public apply(values: ReadonlyMap<string, string>): void {
    for (const [name, value] of values) {
      if (value === '' && (name === 'RedrivePolicy' || name === 'RedriveAllowPolicy' || name === 'Policy')) this.values.delete(name);
      else this.values.set(name, value);
    }
    this.visibilityTimeout = Number(this.values.get('VisibilityTimeout'));
    this.delaySeconds = Number(this.values.get('DelaySeconds'));
    this.messageRetentionPeriod = Number(this.values.get('MessageRetentionPeriod'));
    this.receiveMessageWaitTimeSeconds = Number(this.values.get('ReceiveMessageWaitTimeSeconds'));
    this.maximumMessageSize = Number(this.values.get('MaximumMessageSize'));
    this.contentBasedDeduplication = this.values.get('ContentBasedDeduplication') === 'true';
    this.deduplicationScope = this.values.get('DeduplicationScope') === 'messageGroup' ? 'messageGroup' : 'queue';
    const redrive = this.values.get('RedrivePolicy');
    this.redrivePolicy = redrive !== undefined ? parseRedrivePolicy(redrive) : undefined;
    const allow = this.values.get('RedriveAllowPolicy');
    this.redriveAllowPolicy = allow !== undefined ? parseRedriveAllowPolicy(allow) : undefined;
  }
}

function parseJsonObject(name: string, value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidParameterValueError(`Value ${value} for parameter ${name} is invalid. Reason: Invalid JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidParameterValueError(`Value ${value} for parameter ${name} is invalid. Reason: Invalid JSON.`);
  }
  return parsed as Record<string, unknown>;
}

/** Parses `{"deadLetterTargetArn","maxReceiveCount"}` (the count may be a string, as CloudFormation sends it). */
export function parseRedrivePolicy(value: string): RedrivePolicy {
  const policy = parseJsonObject('RedrivePolicy', value);
  const arn = policy.deadLetterTargetArn;
  const count = Number(policy.maxReceiveCount);
  if (typeof arn !== 'string' || arn === '') {
    throw new InvalidParameterValueError(`Value ${value} for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a valid JSON map or is missing deadLetterTargetArn.`);
  }
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw new InvalidParameterValueError(`Value ${value} for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: ${String(policy.maxReceiveCount)}, valid values are from 1 to 1000 both inclusive.`);
  }
  return { deadLetterTargetArn: arn, maxReceiveCount: count };
}

/** Parses `{"redrivePermission","sourceQueueArns"}`. */
export function parseRedriveAllowPolicy(value: string): RedriveAllowPolicy {
  const policy = parseJsonObject('RedriveAllowPolicy', value);
  const permission = policy.redrivePermission;
  if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') {
    throw new InvalidParameterValueError(`Value ${value} for parameter RedriveAllowPolicy is invalid. Reason: Invalid value for redrivePermission.`);
  }
  const arns = policy.sourceQueueArns ?? [];
  if (!Array.isArray(arns) || !arns.every((a): a is string => typeof a === 'string') || (permission === 'byQueue' ? arns.length < 1 || arns.length > 10 : arns.length > 0)) {
    throw new InvalidParameterValueError(`Value ${value} for parameter RedriveAllowPolicy is invalid. Reason: Invalid value for sourceQueueArns.`);
  }
  return permission === 'byQueue' ? { redrivePermission: permission, sourceQueueArns: arns } : { redrivePermission: permission, sourceQueueArns: [] };
}
