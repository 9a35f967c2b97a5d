import type { FailureMessage } from '../../contracts/failureMessage';
import { jsonataObject } from '../asl/jsonataObject';
import { placeholder } from '../asl/placeholders';
import type { TaskStep } from '../asl/types';
import { INFRASTRUCTURE_RETRY } from './retryPolicies';

/** Options of {@link routeFailure}. */
export interface RouteFailureOptions<Next extends string> {
  /** Which workflow failed: ops reprocess an emission and a cancellation differently. */
  readonly workflow: FailureMessage['workflow'];
  readonly next: Next;
}

/** Hands the invoice to ops on FailuresQueue (contract `FailureMessage`). */
export function routeFailure<const Next extends string>(options: RouteFailureOptions<Next>): TaskStep<Next> {
  const message = jsonataObject<FailureMessage>({
    invoiceId: '$invoice.invoiceId',
    workflow: `"${options.workflow}"`,
    executionArn: '$states.context.Execution.Id',
    error: '$error',
    failedAt: '$now()',
  });
  return {
    Type: 'Task',
    Comment: 'Hand the invoice to ops (FailuresQueue): reprocess from there.',
    Resource: 'arn:aws:states:::sqs:sendMessage',
    Arguments: {
      QueueUrl: placeholder('FailuresQueueUrl'),
      MessageBody: `{% $string(${message}) %}`,
    },
    Output: '{% $states.input %}',
    Retry: [INFRASTRUCTURE_RETRY],
    Next: options.next,
  };
}
