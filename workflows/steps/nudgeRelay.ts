import { placeholder } from '../asl/placeholders';
import type { TaskStep } from '../asl/types';
import { LAMBDA_RETRY } from './retryPolicies';

/** Options of {@link nudgeRelay}. */
export interface NudgeRelayOptions<Next extends string> {
  /** @default 'Wakes the outbox relay: the rows this execution just wrote are published now, not at the next minute' */
  readonly comment?: string;
  readonly next: Next;
}

/**
 * A `NudgeRelay` Task state for a workflow that has just inserted outbox rows: an asynchronous
 * (`InvocationType: Event`) invoke of the relay, which Lambda queues and answers at once, so the
 * workflow never waits for publishing. A nudge that fails changes nothing but latency (the
 * schedule runs the relay every minute), so after Lambda's own retries any task failure
 * (`States.TaskFailed`: every error but a timeout, which an async invoke does not have) continues
 * to `next` with the state's input. Never `States.ALL` (`tests/workflows` refuses it).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html
 */
export function nudgeRelay<const Next extends string>(options: NudgeRelayOptions<Next>): TaskStep<Next> {
  return {
    Type: 'Task',
    Comment: options.comment ?? 'Wakes the outbox relay: the rows this execution just wrote are published now, not at the next minute',
    Resource: 'arn:aws:states:::lambda:invoke',
    Arguments: { FunctionName: placeholder('OutboxRelayFunctionArn'), InvocationType: 'Event', Payload: { nudgedBy: '{% $states.context.Execution.Id %}' } },
    Output: '{% $states.input %}',
    Retry: [LAMBDA_RETRY],
    Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: options.next, Output: '{% $states.input %}' }],
    Next: options.next,
  };
}
