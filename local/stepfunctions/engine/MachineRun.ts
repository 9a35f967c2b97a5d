import type { SubMachine } from '../definition/types';
import type { Flow } from './Flow';
import type { ChildrenOutcome } from './RedrivePoint';
import type { VariableScope } from './VariableScope';

/** Where a restarted execution picks up: inside a state already entered before the restart. */
export interface ResumePoint {
  readonly enteredEventId: number;
  readonly enteredTime: number;
  /** The token of a `.waitForTaskToken` task that was already submitted: wait for it again, do not call anew. */
  readonly taskToken?: string;
  /** The TaskSubmitted output of a `.sync` task's attempt: wait again for the job it started, do not start another. */
  readonly submitted?: unknown;
}

/** One run of a state machine: the execution itself, a Parallel branch or a Map iteration. */
export interface MachineRun {
  readonly machine: SubMachine;
  readonly input: unknown;
  /** The line of control the run records its events on. */
  readonly flow: Flow;
  /** The variables the run reads and assigns (a branch or iteration has a child scope). */
  readonly variables: VariableScope;
  /**
   * The state the run starts in (a redrive or restart starts where the flow stopped).
   * @default machine.StartAt
   */
  readonly startAt?: string;
  /** Set when the execution restarted inside `startAt`: that state is not entered again. */
  readonly resume?: ResumePoint;
  /** Set when `startAt` is a redriven Parallel or Map state: what its branches or iterations left. */
  readonly redrive?: ChildrenOutcome;
}

/**
 * Runs a machine to an End: resolves with its output, or rejects with the StatesError that ended
 * it. Handed to flows, so Parallel and Map run their branches without importing the engine loop.
 */
export type MachineRunner = (run: MachineRun) => Promise<unknown>;
