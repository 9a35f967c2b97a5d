import type { ParallelState } from '../../definition/types';
import { STATES_ERRORS, type StatesError } from '../../errors/StatesError';
import { recordEvaluationFailure } from '../recordEvaluationFailure';
import { earlierOutcome, LiveChildren, pointOf, scopeFor, succeeded, takeRedrivePlan } from '../RedrivePoint';
import { effectiveInput, selectResult, stateOutput, taskParameters } from '../stateIO';
import { transition, type StateAction } from '../StepResult';
import { withRetryAndCatch } from '../withRetryAndCatch';

/**
 * Parallel: runs every branch on the same input; the result is the array of branch outputs.
 * The first failing branch fails the state. Redriven, it runs again only the branches that did
 * not succeed (each from the state it stopped in) and reuses the outputs of the others.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_RedriveExecution.html
 */
export const runParallel: StateAction<ParallelState> = async (inv, rawInput) => {
  const { state, flow } = inv;
  return withRetryAndCatch(
    inv,
    rawInput,
    async () => {
      const plan = takeRedrivePlan(inv);
      const input = effectiveInput(inv, rawInput);
      const branchInput = await taskParameters(inv, rawInput, input);
      flow.record('ParallelStateStarted');
      const children = new LiveChildren(state.Branches.length);
      flow.trackChildren(children);
      // The first failing branch stops its siblings (they end at their next state boundary); the
      // state fails once they all have, so what they recorded while stopping comes before
      // ParallelStateFailed, and a reader of an ended execution's history gets all of it.
      const siblings = new AbortController();
      const signal = AbortSignal.any([flow.runtime.signal, siblings.signal]);
      let firstError: unknown;
      const settled = await Promise.allSettled(
        state.Branches.map((branch, index) => {
          const earlier = earlierOutcome(plan, index);
          if (succeeded(earlier)) {
            children.reuse(index, earlier.output);
            return earlier.output;
          }
          const branchFlow = flow.fork({ signal, child: index });
          children.track(index, branchFlow);
          const point = pointOf(earlier);
          const run =
            point === undefined
              ? branchFlow.run(branch, branchInput, inv.variables.child())
              : branchFlow.run(branch, point.input, scopeFor(inv.variables, point), { startAt: point.stateName, redrive: point.children });
          return run.catch((error: unknown) => {
            if (firstError === undefined) {
              firstError = error;
              siblings.abort();
            }
            throw error;
          });
        }),
      );
      if (firstError !== undefined) throw firstError;
      const results = settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : undefined));
      const output = await stateOutput(inv, rawInput, selectResult(inv, results));
      return transition(state, output);
    },
    (error: StatesError) => {
      recordEvaluationFailure(inv, error);
      if (error.error !== STATES_ERRORS.Runtime) flow.record('ParallelStateFailed');
    },
  );
};
