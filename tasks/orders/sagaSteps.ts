import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { OrderStep } from '../../contracts/order';

/** The saga's states that undo an earlier one. */
const COMPENSATIONS: ReadonlySet<string> = new Set(['ReleaseReservations']);

/** Events that end the state being run in failure (the state's own failure, or the execution's). */
const FAILURES: ReadonlySet<string> = new Set(['TaskFailed', 'TaskTimedOut', 'LambdaFunctionFailed', 'LambdaFunctionTimedOut', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']);

/**
 * The saga's steps, in the order they ran, from its execution history: each state entered, and
 * whether it exited, failed, or is running. A redriven state appears twice: failed, then again.
 */
export function sagaSteps(events: readonly HistoryEvent[]): OrderStep[] {
  const steps: Array<{ -readonly [K in keyof OrderStep]: OrderStep[K] }> = [];
  let open: (typeof steps)[number] | undefined;
  for (const event of events) {
    const at = (event.timestamp ?? new Date(0)).toISOString();
    const type = event.type ?? '';
    if (event.stateEnteredEventDetails?.name !== undefined) {
      const name = event.stateEnteredEventDetails.name;
      open = { name, status: 'running', enteredAt: at, compensation: COMPENSATIONS.has(name) };
      steps.push(open);
    } else if (event.stateExitedEventDetails?.name !== undefined && open !== undefined) {
      open.status = 'succeeded';
      open.exitedAt = at;
      open = undefined;
    } else if (FAILURES.has(type) && open !== undefined && (type.startsWith('Execution') || !hasRetryAhead(events, event))) {
      open.status = 'failed';
      open.exitedAt = at;
      open = undefined;
    }
  }
  return steps;
}

/** A task failure a Retrier takes (another TaskScheduled follows before the state exits) is no end of the step. */
function hasRetryAhead(events: readonly HistoryEvent[], failure: HistoryEvent): boolean {
  const rest = events.slice(events.indexOf(failure) + 1);
  for (const event of rest) {
    if (event.stateExitedEventDetails !== undefined || (event.type ?? '').startsWith('Execution')) return false;
    if (event.type === 'TaskScheduled' || event.type === 'LambdaFunctionScheduled') return true;
  }
  return false;
}
