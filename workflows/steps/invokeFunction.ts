import type { BillingPlaceholderName, OrderPlaceholderName } from '../../contracts/wiring';
import { placeholder } from '../asl/placeholders';
import type { Catcher, JsonValue, Retrier, TaskStep } from '../asl/types';
import { LAMBDA_RETRY } from './retryPolicies';

/** Options of {@link invokeFunction}. */
export interface InvokeFunctionOptions<Next extends string> {
  readonly comment: string;
  /** The function's ARN placeholder. */
  readonly functionArn: Extract<BillingPlaceholderName | OrderPlaceholderName, `${string}FunctionArn`>;
  /** The event: a JSONata object expression typed by the function's contract. */
  readonly payload: JsonValue;
  /** Retries of the function's own errors (Lambda's are always retried). @default none */
  readonly retry?: readonly Retrier[];
  readonly catchers?: readonly Catcher<Next>[];
  readonly assign?: Readonly<Record<string, JsonValue>>;
  /** @default the state's input */
  readonly output?: JsonValue;
  readonly next: Next;
}

/**
 * A Lambda through `arn:aws:states:::lambda:invoke` (the function's result in
 * `$states.result.Payload`; a thrown error's name is the state's error, e.g. `Erp.Transient`).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html
 */
export function invokeFunction<const Next extends string>(options: InvokeFunctionOptions<Next>): TaskStep<Next> {
  return {
    Type: 'Task',
    Comment: options.comment,
    Resource: 'arn:aws:states:::lambda:invoke',
    Arguments: { FunctionName: placeholder(options.functionArn), Payload: options.payload },
    Output: options.output ?? '{% $states.input %}',
    ...(options.assign !== undefined ? { Assign: options.assign } : {}),
    Retry: [...(options.retry ?? []), LAMBDA_RETRY],
    ...(options.catchers !== undefined ? { Catch: options.catchers } : {}),
    Next: options.next,
  };
}
