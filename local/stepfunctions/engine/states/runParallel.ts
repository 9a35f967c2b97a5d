import type { ParallelState } from '../../definition/types';
import { STATES_ERRORS, type StatesError } from '../../errors/StatesError';
import { recordEvaluationFailure } from '../recordEvaluationFailure';
import { runMachine } from '../runMachine';
import { effectiveInput, selectResult, stateOutput, taskParameters } from '../stateIO';
import { transition, type StateAction } from '../StepResult';
import { withRetryAndCatch } from '../withRetryAndCatch';

/**
 * Parallel: runs every branch on the same input; the result is the array of branch outputs.
 * The first failing branch fails the state.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
 */
export const runParallel: StateAction<ParallelState> = async (inv, rawInput) => {
  const { state, flow } = inv;
  return withRetryAndCatch(
    inv,
    rawInput,
    async () => {
      const input = effectiveInput(inv, rawInput);
      const branchInput = await taskParameters(inv, rawInput, input);
      flow.record('ParallelStateStarted');
      // The first failing branch stops its siblings (they end at their next state boundary).
      const siblings = new AbortController();
      const signal = AbortSignal.any([flow.runtime.signal, siblings.signal]);
      const results = await Promise.all(
        state.Branches.map((branch) => {
          const branchFlow = flow.fork({ signal });
          return runMachine(branch, branchInput, branchFlow, inv.variables.child()).catch((error: unknown) => {
            siblings.abort();
            throw error;
          });
        }),
      );
      const output = await stateOutput(inv, rawInput, selectResult(inv, results));
      return transition(state, output);
    },
    (error: StatesError) => {
      recordEvaluationFailure(inv, error);
      if (error.error !== STATES_ERRORS.Runtime) flow.record('ParallelStateFailed');
    },
  );
};

