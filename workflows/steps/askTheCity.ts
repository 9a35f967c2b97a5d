import { placeholder } from '../asl/placeholders';
import type { Catcher, Retrier, TaskState } from '../asl/types';

/** Options of {@link askTheCity}. */
export interface AskTheCityOptions {
  readonly comment: string;
  /** JSONata object members (without braces) specific to this kind of request. */
  readonly message: string;
  readonly heartbeatSeconds: number;
  readonly timeoutSeconds: number;
  readonly retry: Retrier;
  readonly catchers: readonly Catcher[];
  readonly next: string;
}

/** Fields every ProviderRequest carries: the task token, the attempt and the invoice's identity. */
const MESSAGE_COMMON = `"taskToken": $states.context.Task.Token,
  "attempt": $states.context.State.RetryCount,
  "executionArn": $states.context.Execution.Id,
  "invoiceId": $invoice.invoiceId,
  "companyCnpj": $invoice.companyCnpj,
  "municipalityCode": $invoice.municipalityCode,
  "rps": $invoice.rps`;

/**
 * Queues a ProviderRequest for the adapters and waits for SendTaskSuccess/Failure (task token),
 * with a heartbeat, a timeout and the given retry; the answer lands in `$result`.
 */
export function askTheCity(options: AskTheCityOptions): TaskState {
  return {
    Type: 'Task',
    Comment: options.comment,
    Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
    Arguments: {
      QueueUrl: placeholder('RequestsQueueUrl'),
      MessageBody: `{% $string({
  ${options.message},
  ${MESSAGE_COMMON}
}) %}`,
    },
    HeartbeatSeconds: options.heartbeatSeconds,
    TimeoutSeconds: options.timeoutSeconds,
    Assign: { result: '{% $states.result %}' },
    Output: '{% $states.input %}',
    Retry: [options.retry],
    Catch: options.catchers,
    Next: options.next,
  };
}
