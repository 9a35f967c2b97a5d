import type { Catcher, MapState, ParallelState, Retrier, TaskState } from '../definition/types';
import { STATES_ERRORS, StatesError } from '../errors/StatesError';
import { abortableSleep } from './abortableSleep';
import { evaluateJsonataTemplate } from './jsonata/evaluateJsonata';
import { applyResultPath, evaluatePayloadTemplate } from './jsonpath/jsonPathSteps';
import { matchesError } from './matchError';
import { retryDelayMs } from './retryDelay';
import { assignVariables, type StateInvocation } from './StateInvocation';
import type { StepResult } from './StepResult';

type RetryingState = TaskState | ParallelState | MapState;

/**
 * Runs a Task, Parallel or Map attempt, retrying per `Retry` (each retrier keeps its own count)
 * and falling back to the first matching `Catch`.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
export async function withRetryAndCatch(
  inv: StateInvocation & { readonly state: RetryingState },
  rawInput: unknown,
  attempt: () => Promise<StepResult>,
  /** Called once when the error is final (no retry left), before Catch: Map/Parallel record *StateFailed here. */
  onFinalFailure?: (error: StatesError) => void,
): Promise<StepResult> {
  const retriers: readonly Retrier[] = inv.state.Retry ?? [];
  const counts = retriers.map(() => 0);
  const { runtime } = inv.flow;
  for (;;) {
    try {
      return await attempt();
    } catch (thrown) {
      const error = thrown instanceof StatesError ? thrown : new StatesError(STATES_ERRORS.Runtime, (thrown as Error).message ?? String(thrown), { source: thrown });
      if (runtime.aborted) throw error;
      const index = retriers.findIndex((r) => matchesError(r.ErrorEquals, error));
      const retrier = retriers[index];
      if (retrier !== undefined) {
        const delay = retryDelayMs(retrier, counts[index] ?? 0, runtime.deps.random ?? Math.random);
        if (delay !== undefined) {
          counts[index] = (counts[index] ?? 0) + 1;
          inv.retryCount += 1;
          await abortableSleep(runtime.deps.clock, delay, runtime.signal);
          continue;
        }
      }
      onFinalFailure?.(error);
      const catcher = (inv.state.Catch ?? []).find((c) => matchesError(c.ErrorEquals, error));
      if (catcher === undefined) throw error;
      return { output: await catcherOutput(inv, catcher, rawInput, error), next: catcher.Next };
    }
  }
}

async function catcherOutput(inv: StateInvocation, catcher: Catcher, rawInput: unknown, error: StatesError): Promise<unknown> {
  const errorOutput = { Error: error.error, Cause: error.cause };
  if (inv.state.QueryLanguage === 'JSONata') {
    const binding = { input: rawInput, errorOutput };
    const assignments = catcher.Assign === undefined ? undefined : ((await evaluateJsonataTemplate(inv, catcher.Assign, binding, 'Assign')) as Record<string, unknown>);
    const output = catcher.Output === undefined ? errorOutput : await evaluateJsonataTemplate(inv, catcher.Output, binding, 'Output');
    if (assignments !== undefined) assignVariables(inv, assignments);
    return output;
  }
  const assignments = catcher.Assign === undefined ? undefined : (evaluatePayloadTemplate(inv, catcher.Assign, errorOutput) as Record<string, unknown>);
  const output = applyResultPath(inv, catcher.ResultPath, rawInput, errorOutput);
  if (assignments !== undefined) assignVariables(inv, assignments);
  return output;
}
