import { PROVIDER_ERRORS } from '../../contracts/providerErrors';
import type { Retrier } from '../asl/types';

/** DynamoDB errors worth retrying (never ConditionalCheckFailed: that one is a verdict). */
export const DYNAMODB_RETRY: Retrier = {
  ErrorEquals: [
    'DynamoDB.ProvisionedThroughputExceededException',
    'DynamoDB.ThrottlingException',
    'DynamoDB.RequestLimitExceeded',
    'DynamoDB.InternalServerErrorException',
    'DynamoDB.AmazonDynamoDBException',
  ],
  IntervalSeconds: 1,
  MaxAttempts: 6,
  BackoffRate: 2,
  MaxDelaySeconds: 20,
  JitterStrategy: 'FULL',
};

/**
 * The city is busy, or we cannot tell whether it got the request: try again with backoff (the
 * adapter consults by RPS before resending, so a retry never issues twice). `States.Timeout`
 * also covers a missed heartbeat (a crashed adapter).
 */
export const PROVIDER_RETRY: Retrier = {
  ErrorEquals: [PROVIDER_ERRORS.Transient, PROVIDER_ERRORS.Ambiguous, 'States.Timeout'],
  IntervalSeconds: 5,
  MaxAttempts: 5,
  BackoffRate: 2,
  MaxDelaySeconds: 120,
  JitterStrategy: 'FULL',
};

/**
 * Aurora (Data API) and EventBridge: a paused cluster resumes in seconds, an outage may last.
 * Past these attempts the execution fails at that state, to be redriven once it is back.
 */
export const INFRASTRUCTURE_RETRY: Retrier = {
  ErrorEquals: ['States.TaskFailed'],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
  MaxDelaySeconds: 30,
  JitterStrategy: 'FULL',
};
