import { placeholder } from '../asl/placeholders';
import type { Catcher, Retrier, TaskState } from '../asl/types';

/**
 * HeartbeatSeconds of every city call. It also times the wait in the queue for a free adapter,
 * so it is sized for a backlog, not for the adapter's 20 s heartbeat (`EmissionWorkflowOptions`).
 */
export const CITY_CALL_HEARTBEAT_SECONDS = 300;

/** Options of {@link askTheCity}. */
export interface AskTheCityOptions {
  readonly comment: string;
  /** JSONata object members (without braces) specific to this kind of request. */
  readonly message: string;
  /**
   * HeartbeatSeconds of the state; none when undefined. Its clock starts when the message is
   * queued, so it also times the wait for a free adapter (see `EmissionWorkflowOptions`).
   */
  readonly heartbeatSeconds?: number;
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
 * with a timeout (and a heartbeat timeout, if asked) and the given retry; the answer lands in `$result`.
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
    ...(options.heartbeatSeconds !== undefined ? { HeartbeatSeconds: options.heartbeatSeconds } : {}),
    TimeoutSeconds: options.timeoutSeconds,
    Assign: { result: '{% $states.result %}' },
    Output: '{% $states.input %}',
    Retry: [options.retry],
    Catch: options.catchers,
    Next: options.next,
  };
}
