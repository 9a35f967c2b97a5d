/** One SQS event source mapping as the local Lambda service keeps it. */
export interface EventSourceMappingConfig {
  readonly uuid: string;
  readonly eventSourceArn: string;
  readonly functionName: string;
  readonly functionArn: string;
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  readonly functionResponseTypes: readonly string[];
  readonly enabled: boolean;
  /** Epoch ms. */
  readonly lastModified: number;
}

/** A queue named by its ARN: `arn:aws:sqs:us-east-1:000000000000:name`. */
export interface QueueArn {
  readonly region: string;
  readonly accountId: string;
  readonly queueName: string;
}

const SQS_ARN = /^arn:aws[a-zA-Z-]*:sqs:([a-z0-9-]+):(\d{12}):([a-zA-Z0-9_-]{1,80}(?:\.fifo)?)$/;

/** Parses an SQS queue ARN; undefined for anything else. */
export function parseQueueArn(arn: string): QueueArn | undefined {
  const match = SQS_ARN.exec(arn);
  if (match === null) return undefined;
  const [, region, accountId, queueName] = match;
  if (region === undefined || accountId === undefined || queueName === undefined) return undefined;
  return { region, accountId, queueName };
}

/**
 * The mapping as the API returns it (`EventSourceMappingConfiguration`).
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html
 */
export function eventSourceMappingConfiguration(
  mapping: EventSourceMappingConfig,
  state: 'Creating' | 'Enabling' | 'Enabled' | 'Disabling' | 'Disabled' | 'Updating' | 'Deleting',
  lastProcessingResult: string | undefined,
): Record<string, unknown> {
  return {
    UUID: mapping.uuid,
    BatchSize: mapping.batchSize,
    MaximumBatchingWindowInSeconds: mapping.maximumBatchingWindowInSeconds,
    EventSourceArn: mapping.eventSourceArn,
    FunctionArn: mapping.functionArn,
    // restJson timestamps are epoch seconds.
    LastModified: mapping.lastModified / 1000,
    ...(lastProcessingResult !== undefined ? { LastProcessingResult: lastProcessingResult } : {}),
    State: state,
    StateTransitionReason: 'USER_INITIATED',
    FunctionResponseTypes: [...mapping.functionResponseTypes],
  };
}
