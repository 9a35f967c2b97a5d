import type { PassState, State, SubMachine } from '../definition/types';
import { STATES_ERRORS, StatesError } from '../errors/StatesError';
import { exitExtras } from './Flow';
import type { EventExtra } from './history/HistoryEvent';
import type { StateEnteredType, StateExitedType } from './history/HistoryEventDetails';
import { JsonPayload, NOT_TRUNCATED } from './history/JsonPayload';
import type { MachineRun } from './MachineRun';
import type { StateInvocation } from './StateInvocation';
import type { StepResult } from './StepResult';
import { recordEvaluationFailure } from './recordEvaluationFailure';
import { runChoice } from './states/runChoice';
import { runFail } from './states/runFail';
import { runMap } from './states/runMap';
import { runParallel } from './states/runParallel';
import { runPass } from './states/runPass';
import { runSucceed } from './states/runSucceed';
import { runTask } from './states/runTask';
import { runWait } from './states/runWait';
import { sliceUsedUp, yieldTurn } from '../../eventLoop/timeSlice';

/** The largest payload AWS lets a state produce (256 KiB). */
const MAX_PAYLOAD_BYTES = 256 * 1024;
const ENTERED: Readonly<Record<State['Type'], StateEnteredType>> = {
  Pass: 'PassStateEntered', Task: 'TaskStateEntered', Choice: 'ChoiceStateEntered', Wait: 'WaitStateEntered',
  Succeed: 'SucceedStateEntered', Fail: 'FailStateEntered', Parallel: 'ParallelStateEntered', Map: 'MapStateEntered',
};
/** A Fail state records no *StateExited event. */
const EXITED: Readonly<Record<Exclude<State['Type'], 'Fail'>, StateExitedType>> = {
  Pass: 'PassStateExited', Task: 'TaskStateExited', Choice: 'ChoiceStateExited', Wait: 'WaitStateExited',
  Succeed: 'SucceedStateExited', Parallel: 'ParallelStateExited', Map: 'MapStateExited',
};
/** Only states that bring in new data can outgrow the limit; a Pass chain is not measured on every step. */
const MEASURED_STATES: ReadonlySet<State['Type']> = new Set(['Task', 'Map', 'Parallel']);

/** What the loop needs of a state, worked out once per machine rather than on every transition. */
interface StateNode {
  readonly state: State;
  readonly entered: StateEnteredType;
  /** Undefined for a Fail state. */
  readonly exited: StateExitedType | undefined;
  readonly measured: boolean;
  /** A JSONPath Pass with no path, Result, Parameters or Assign: its output is its input. */
  readonly handsOn: boolean;
  /** Where it goes when it completes (undefined at an End), and the journal extras of its exit. */
  readonly next: string | undefined;
  readonly nextExtras: readonly [EventExtra, EventExtra] | undefined;
}

const NODES = new WeakMap<SubMachine, ReadonlyMap<string, StateNode>>();

function nodesOf(machine: SubMachine): ReadonlyMap<string, StateNode> {
  let nodes = NODES.get(machine);
  if (nodes === undefined) {
    const built = new Map<string, StateNode>();
    for (const [name, state] of machine.States) {
      built.set(name, {
        state,
        entered: ENTERED[state.Type],
        exited: state.Type === 'Fail' ? undefined : EXITED[state.Type],
        measured: MEASURED_STATES.has(state.Type),
        handsOn: state.Type === 'Pass' && isPlainPass(state),
        next: state.End === true ? undefined : state.Next,
        nextExtras: state.End === true || state.Next === undefined ? undefined : exitExtras(state.Next),
      });
    }
    nodes = built;
    NODES.set(machine, nodes);
  }
  return nodes;
}

function isPlainPass(state: PassState): boolean {
  return (
    state.QueryLanguage === 'JSONPath' &&
    state.InputPath === undefined &&
    state.OutputPath === undefined &&
    state.ResultPath === undefined &&
    state.Result === undefined &&
    state.Parameters === undefined &&
    state.Assign === undefined
  );
}

/**
 * Runs a state machine (the execution, a Parallel branch or a Map iteration) from StartAt to
 * an End; resolves with the last output or throws the StatesError that ended it. A redrive
 * starts at the state that did not succeed, with what its branches or iterations left.
 *
 * The loop runs synchronously from state to state and awaits only when a state action returns
 * a promise (a Task, a Wait, JSONata...): a chain of JSONPath states costs no promise. A state's
 * input and output go into the history as the values themselves (JSON text is made when read).
 */
export async function runMachine(run: MachineRun): Promise<unknown> {
  const { machine, input, flow, variables } = run;
  const nodes = nodesOf(machine);
  const { runtime } = flow;
  let name: string | undefined = run.startAt ?? machine.StartAt;
  let current = input;
  // What the history holds for `current`: the value, or its JsonPayload once its text was made.
  let payload: unknown = input;
  let resuming = run.resume;
  let redriving = run.redrive;
  flow.begin(variables);
  const transitions = runtime.deps.stateTransitions;
  while (name !== undefined) {
    if (transitions !== undefined) await transitions.admit(runtime.deps.clock, runtime.signal);
    flow.enter(name, current);
    if (runtime.aborted) throw new StatesError('States.Aborted', 'Execution was stopped');
    const node = nodes.get(name);
    if (node === undefined) throw new StatesError(STATES_ERRORS.Runtime, `State '${name}' does not exist`);
    if (node.handsOn && node.exited !== undefined && resuming === undefined) {
      flow.recordPassThrough(node.entered, node.exited, name, payload, node.nextExtras);
      name = node.next;
      continue;
    }
    const state = node.state;
    const enteredEventId = resuming?.enteredEventId ?? flow.recordEntered(node.entered, name, payload);
    const enteredTime = resuming?.enteredTime ?? runtime.deps.clock.now();
    const inv: StateInvocation = { flow, state, variables, enteredEventId, enteredTime, retryCount: 0, resumeToken: resuming?.taskToken, resumeSubmitted: resuming?.submitted, redrive: redriving };
    const resumedHere = resuming !== undefined;
    resuming = undefined;
    redriving = undefined;
    let step: StepResult;
    try {
      const pending = runState(inv, current);
      if (pending instanceof Promise) {
        step = await pending;
        if (sliceUsedUp()) await yieldTurn();
      } else {
        step = pending;
      }
    } catch (error) {
      const failure = error instanceof StatesError ? error : new StatesError(STATES_ERRORS.Runtime, (error as Error).message ?? String(error), { source: error });
      recordEvaluationFailure(inv, failure);
      throw failure;
    }
    // Past the state a restart resumed in, no task waits for a child started before the restart.
    if (resumedHere) runtime.childrenBeforeRestart?.forgetAll();
    current = step.output;
    payload = current;
    if (node.measured) {
      const measured = new JsonPayload(current);
      const text = measured.text();
      if (text.length > MAX_PAYLOAD_BYTES && Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
        throw new StatesError(STATES_ERRORS.DataLimitExceeded, `The state/task '${state.Name}' returned a result with a size exceeding the maximum number of bytes service limit.`);
      }
      payload = measured;
    }
    if (node.exited !== undefined) {
      if (inv.assigned === undefined) flow.recordExited(node.exited, name, payload, step.next === undefined ? undefined : step.next === node.next ? node.nextExtras : exitExtras(step.next));
      else {
        const output = payload instanceof JsonPayload ? payload : new JsonPayload(current);
        const details = { name, output, outputDetails: NOT_TRUNCATED, assignedVariables: inv.assigned, assignedVariablesDetails: NOT_TRUNCATED };
        flow.recordExit(node.exited, details, step.next);
      }
    }
    name = step.next;
  }
  flow.finish(current);
  return current;
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
