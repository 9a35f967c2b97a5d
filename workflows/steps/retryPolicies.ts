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

/**
 * A child workflow's start refused for capacity: past the account's StartExecution quota
 * (`AWSStepFunctionsException`, "Rate exceeded") or its open executions. The child never ran, so
 * this is no failure of it: wait for the quota to refill, minutes rather than
 * INFRASTRUCTURE_RETRY's seconds (about 12 minutes on average, jittered so waiting parents do not
 * come back together).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html#service-limits-api-action-throttling-general
 */
export const START_CAPACITY_RETRY: Retrier = {
  ErrorEquals: ['StepFunctions.AWSStepFunctionsException', 'StepFunctions.ExecutionLimitExceededException'],
  IntervalSeconds: 1,
  MaxAttempts: 30,
  BackoffRate: 2,
  MaxDelaySeconds: 60,
  JitterStrategy: 'FULL',
};

/**
 * Retry of a `startExecution.sync` of a child workflow: a start refused for capacity waits for it
 * (START_CAPACITY_RETRY), one that got no answer is retried as any infrastructure call. Past them
 * the parent's Catch would fail its unit of work (an order, a company's month) for a busy minute.
 */
export const CHILD_START_RETRY: readonly Retrier[] = [START_CAPACITY_RETRY, { ...INFRASTRUCTURE_RETRY, ErrorEquals: ['StepFunctions.SdkClientException'] }];

/**
 * The seed's linear retries: three, 1 s, 2 s and 3 s apart. One ASL Retrier only grows
 * exponentially (IntervalSeconds × BackoffRate^n), but an interval of 1 s doubling and capped by
 * MaxDelaySeconds 3 waits exactly 1, 2 and 3 s (the third, 4 s, is capped): the seed's schedule
 * in one Retrier, with no Wait states to draw and redrive through. No jitter, as the seed has none.
 */
export function linearRetry(errors: readonly string[]): Retrier {
  return { ErrorEquals: errors, IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, MaxDelaySeconds: 3, JitterStrategy: 'NONE' };
}

/** Lambda's own transient errors, as AWS recommends retrying them for every Lambda task. */
export const LAMBDA_RETRY: Retrier = {
  ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
  IntervalSeconds: 1,
  MaxAttempts: 3,
  BackoffRate: 2,
  JitterStrategy: 'FULL',
};
