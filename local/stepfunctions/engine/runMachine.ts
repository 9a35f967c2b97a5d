import type { State, SubMachine } from '../definition/types';
import { STATES_ERRORS, StatesError } from '../errors/StatesError';
import type { Flow } from './ExecutionRuntime';
import type { HistoryEventType } from './history/HistoryEvent';
import { JsonPayload, NOT_TRUNCATED } from './history/JsonPayload';
import type { StateInvocation } from './StateInvocation';
import type { StepResult } from './StepResult';
import type { VariableScope } from './VariableScope';
import { recordEvaluationFailure } from './recordEvaluationFailure';
import { runChoice } from './states/runChoice';
import { runFail } from './states/runFail';
import { runMap } from './states/runMap';
import { runParallel } from './states/runParallel';
import { runPass } from './states/runPass';
import { runSucceed } from './states/runSucceed';
import { runTask } from './states/runTask';
import { runWait } from './states/runWait';

/** The largest payload AWS lets a state produce (256 KiB). */
const MAX_PAYLOAD_BYTES = 256 * 1024;
const ENTERED = Object.fromEntries(
  (['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const).map((t) => [t, `${t}StateEntered`]),
) as Record<State['Type'], HistoryEventType>;
const EXITED = Object.fromEntries(
  (['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const).map((t) => [t, `${t}StateExited`]),
) as Record<State['Type'], HistoryEventType>;
const MEASURED_STATES: ReadonlySet<State['Type']> = new Set(['Task', 'Map', 'Parallel']);

/**
 * Runs a state machine (the execution, a Parallel branch or a Map iteration) from StartAt to
 * an End; resolves with the last output or throws the StatesError that ended it.
 */
export async function runMachine(machine: SubMachine, input: unknown, flow: Flow, variables: VariableScope, startAt = machine.StartAt, resume?: ResumePoint): Promise<unknown> {
  let name: string | undefined = startAt;
  let current = input;
  let resuming = resume;
  // The input of a state is the output of the one before: its entered event shares that payload.
  let currentPayload: JsonPayload | undefined;
  while (name !== undefined) {
    if (flow.runtime.signal.aborted) throw new StatesError('States.Aborted', 'Execution was stopped');
    const state = machine.States.get(name);
    if (state === undefined) throw new StatesError(STATES_ERRORS.Runtime, `State '${name}' does not exist`);
    const enteredEventId = resuming?.enteredEventId ?? flow.record(ENTERED[state.Type], { name: state.Name, input: currentPayload ?? new JsonPayload(current), inputDetails: NOT_TRUNCATED });
    const enteredTime = resuming?.enteredTime ?? flow.runtime.deps.clock.now();
    const inv: StateInvocation = { flow, state, variables, enteredEventId, enteredTime, retryCount: 0, resumeToken: resuming?.taskToken };
    resuming = undefined;
    let step: StepResult;
    try {
      // JSONPath states answer synchronously: no promise per transition for them.
      const pending = runState(inv, current);
      step = pending instanceof Promise ? await pending : pending;
    } catch (error) {
      const failure = error instanceof StatesError ? error : new StatesError(STATES_ERRORS.Runtime, (error as Error).message ?? String(error), { source: error });
      recordEvaluationFailure(inv, failure);
      flow.failedAt = { stateName: state.Name, input: current };
      throw failure;
    }
    const output = new JsonPayload(step.output);
    // Only states that bring in new data can outgrow the limit; a Pass chain is not measured on every step.
    if (MEASURED_STATES.has(state.Type) && output.text().length > MAX_PAYLOAD_BYTES && Buffer.byteLength(output.text()) > MAX_PAYLOAD_BYTES) {
      throw new StatesError(STATES_ERRORS.DataLimitExceeded, `The state/task '${state.Name}' returned a result with a size exceeding the maximum number of bytes service limit.`);
    }
    if (state.Type !== 'Fail') {
      const details =
        inv.assigned === undefined
          ? { name: state.Name, output, outputDetails: NOT_TRUNCATED }
          : { name: state.Name, output, outputDetails: NOT_TRUNCATED, assignedVariables: inv.assigned, assignedVariablesDetails: NOT_TRUNCATED };
      flow.recordExit(EXITED[state.Type], details, step.next);
    }
    current = step.output;
    currentPayload = output;
    name = step.next;
  }
  return current;
}

/** Where a restarted execution picks up: inside a state already entered before the restart. */
export interface ResumePoint {
  readonly enteredEventId: number;
  readonly enteredTime: number;
  /** The token of a `.waitForTaskToken` task that was already submitted: wait for it again, do not call anew. */
  readonly taskToken?: string;
}

/** Runs one state's action (TestState runs a state on its own through this). */
export function runState(inv: StateInvocation, input: unknown): Promise<StepResult> | StepResult {
  const state: State = inv.state;
  switch (state.Type) {
    case 'Pass':
      return runPass(inv as StateInvocation & { readonly state: typeof state }, input);
    case 'Task':
      return runTask(inv as StateInvocation & { readonly state: typeof state }, input);
    case 'Choice':
      return runChoice(inv as StateInvocation & { readonly state: typeof state }, input);
    case 'Wait':
      return runWait(inv as StateInvocation & { readonly state: typeof state }, input);
    case 'Succeed':
      return runSucceed(inv as StateInvocation & { readonly state: typeof state }, input);
    case 'Fail':
      return runFail(inv as StateInvocation & { readonly state: typeof state }, input);
    case 'Parallel':
      return runParallel(inv as StateInvocation & { readonly state: typeof state }, input);
    case 'Map':
      return runMap(inv as StateInvocation & { readonly state: typeof state }, input);
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}
