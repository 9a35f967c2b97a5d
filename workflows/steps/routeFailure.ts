import { placeholder } from '../asl/placeholders';
import type { TaskState } from '../asl/types';
import { INFRASTRUCTURE_RETRY } from './retryPolicies';

/** Hands the invoice to ops on FailuresQueue (contract `FailureMessage`). */
export function routeFailure(workflow: 'emission' | 'cancellation', next: string): TaskState {
  return {
    Type: 'Task',
    Comment: 'Hand the invoice to ops (FailuresQueue): reprocess from there.',
    Resource: 'arn:aws:states:::sqs:sendMessage',
    Arguments: {
      QueueUrl: placeholder('FailuresQueueUrl'),
      MessageBody: `{% $string({"invoiceId": $invoice.invoiceId, "workflow": "${workflow}", "executionArn": $states.context.Execution.Id, "error": $error, "failedAt": $now()}) %}`,
    },
    Output: '{% $states.input %}',
    Retry: [INFRASTRUCTURE_RETRY],
    Next: next,
  };
}
