import type { State } from '../definition/types';
import type { StateInvocation } from './StateInvocation';

/** What a state action ends with: its output and the next state (none at an End). */
export interface StepResult {
  readonly output: unknown;
  readonly next?: string;
}

/** One action per state type; failures are thrown as StatesError. */
export type StateAction<S extends State> = (inv: StateInvocation & { readonly state: S }, rawInput: unknown) => Promise<StepResult> | StepResult;

/** Where a state goes when it completes normally. */
export function transition(state: State, output: unknown): StepResult {
  return state.End === true || state.Next === undefined ? { output } : { output, next: state.Next };
}
