import type { ProviderRequest } from '../../contracts/providerRequest';
import { jsonataObject, type JsonataFields } from '../asl/jsonataObject';
import { placeholder } from '../asl/placeholders';
import type { Catcher, Retrier, TaskStep } from '../asl/types';

/**
 * HeartbeatSeconds of every city call. It also times the wait in the queue for a free adapter,
 * so it is sized for a backlog, not for the adapter's 20 s heartbeat (`EmissionWorkflowOptions`).
 * A constant, not derived from the measured per-city backlog: the adapter heartbeats from its
 * first receive on, also while the message waits for the city's slot (where a slow city's backlog
 * sits, bounded by TimeoutSeconds and watched by the backlog-age alarm), so this only times the
 * wait before any adapter received the message, in the queue every city shares. That wait grows
 * only once slow cities hold every task's in-flight places: at 2 slots and 30 s calls the city
 * frees one every 15 s, so 300 s covers 20 messages queued ahead (README, "Backlog per city").
 */
export const CITY_CALL_HEARTBEAT_SECONDS = 300;

/** The fields every ProviderRequest carries, which this step fills in. */
type TaskField = 'taskToken' | 'attempt' | 'executionArn' | 'invoiceId' | 'companyCnpj' | 'municipalityCode' | 'rps';

type WithoutTaskFields<Request> = Request extends unknown ? Omit<Request, TaskField> : never;

/** What one kind of ProviderRequest adds to the task fields: `kind` and its own fields. */
export type CityRequestFields = JsonataFields<WithoutTaskFields<ProviderRequest>>;

/** Options of {@link askTheCity}. */
export interface AskTheCityOptions<Next extends string> {
  readonly comment: string;
  /** The request's own fields, e.g. `{ kind: '"consult"', protocol: '$protocol', invoice: … }`. */
  readonly request: CityRequestFields;
  /**
   * HeartbeatSeconds of the state; none when undefined. Its clock starts when the message is
   * queued, so it also times the wait for a free adapter (see `EmissionWorkflowOptions`).
   */
  readonly heartbeatSeconds?: number;
  readonly timeoutSeconds: number;
  readonly retry: Retrier;
  readonly catchers: readonly Catcher<Next>[];
  readonly next: Next;
}

/** The task token, the attempt and the invoice's identity, from the context and `$invoice`. */
const TASK_FIELDS: JsonataFields<Pick<ProviderRequest, TaskField>> = {
  taskToken: '$states.context.Task.Token',
  attempt: '$states.context.State.RetryCount',
  executionArn: '$states.context.Execution.Id',
  invoiceId: '$invoice.invoiceId',
  companyCnpj: '$invoice.companyCnpj',
  municipalityCode: '$invoice.municipalityCode',
  rps: '$invoice.rps',
};

/**
 * Queues a ProviderRequest for the adapters and waits for SendTaskSuccess/Failure (task token),
 * with a timeout (and a heartbeat timeout, if asked) and the given retry; the answer lands in `$result`.
 */
export function askTheCity<const Next extends string>(options: AskTheCityOptions<Next>): TaskStep<Next> {
  const message = jsonataObject<ProviderRequest>({ ...options.request, ...TASK_FIELDS }, { multiline: true });
  return {
    Type: 'Task',
    Comment: options.comment,
    Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
    Arguments: {
      QueueUrl: placeholder('RequestsQueueUrl'),
      MessageBody: `{% $string(${message}) %}`,
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
