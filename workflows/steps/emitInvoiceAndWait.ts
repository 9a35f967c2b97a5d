import { placeholder } from '../asl/placeholders';
import type { Catcher, TaskStep } from '../asl/types';
import { CHILD_START_RETRY } from './retryPolicies';

/** Options of {@link emitInvoiceAndWait}. */
export interface EmitInvoiceAndWaitOptions<Next extends string> {
  /** What the parent does when the emission fails, or had closed already (a redrive of this state). */
  readonly catchers: readonly Catcher<Next>[];
  readonly next: Next;
}

/**
 * Starts EmissionWorkflow for the invoice in `$prepared` (`invoice`, `executionName`) and waits for
 * it (`startExecution.sync:2`), its NFS-e number in `$nfseNumber`. The execution is named after the
 * invoice, so it runs once. A start Step Functions refuses waits for capacity (CHILD_START_RETRY)
 * far longer than an SDK error: past a few throttled starts the parent would fail, or compensate,
 * for a busy minute.
 */
export function emitInvoiceAndWait<const Next extends string>(options: EmitInvoiceAndWaitOptions<Next>): TaskStep<Next> {
  return {
    Type: 'Task',
    Comment: 'EmissionWorkflow for the invoice, waited for (startExecution.sync:2); named after the invoice, so it runs once.',
    Resource: 'arn:aws:states:::states:startExecution.sync:2',
    Arguments: { StateMachineArn: placeholder('EmissionStateMachineArn'), Name: '{% $prepared.executionName %}', Input: '{% $prepared.invoice %}' },
    Assign: { nfseNumber: '{% $states.result.Output.nfseNumber %}' },
    Output: '{% $states.input %}',
    Retry: [...CHILD_START_RETRY],
    Catch: options.catchers,
    Next: options.next,
  };
}
