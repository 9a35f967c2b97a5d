import type { State } from '../definition/types';
import { StatesError } from '../errors/StatesError';
import type { Flow } from './Flow';
import type { ChildrenOutcome } from './RedrivePoint';
import type { VariableScope } from './VariableScope';

/** One run of one state: where it runs, when it was entered, its variables. */
export interface StateInvocation {
  readonly flow: Flow;
  readonly state: State;
  readonly variables: VariableScope;
  readonly enteredEventId: number;
  readonly enteredTime: number;
  retryCount: number;
  taskToken?: string;
  /** Set when resuming after a restart a task that was waiting for this token. */
  readonly resumeToken?: string;
  /** Set when resuming after a restart a `.sync` task that had started its job: its TaskSubmitted output. */
  readonly resumeSubmitted?: unknown;
  /** Set when a redrive re-enters this Parallel or Map state: what its branches or iterations left (taken by the first attempt). */
  redrive?: ChildrenOutcome;
  /** Set once an attempt of this Parallel or Map state has started in this run: the next is a Retry. */
  attemptStarted?: boolean;
  /** Variables the state assigned, as JSON texts (for the *StateExited event). */
  assigned?: Record<string, string>;
}

/** Assigns variables and notes them for the history. */
export function assignVariables(inv: StateInvocation, values: Readonly<Record<string, unknown>>): void {
  inv.variables.assignAll(values);
  const texts: Record<string, string> = inv.assigned ?? {};
  for (const [k, v] of Object.entries(values)) texts[k] = JSON.stringify(v) ?? 'null';
  inv.assigned = texts;
}

/** The context object (`$$`, `$states.context`) as the state sees it. */
export function contextObject(inv: StateInvocation): Record<string, unknown> {
  const { facts } = inv.flow.runtime;
  const context: Record<string, unknown> = {
    Execution: {
      Id: facts.executionArn,
      Input: facts.input,
      Name: facts.name,
      RoleArn: facts.roleArn,
      StartTime: new Date(facts.startTime).toISOString(),
      RedriveCount: facts.redriveCount,
    },
    StateMachine: { Id: facts.stateMachineArn, Name: facts.stateMachineName },
    State: { EnteredTime: new Date(inv.enteredTime).toISOString(), Name: inv.state.Name },
  };
  // Only states that can retry carry RetryCount (a Pass state's $$.State has none on AWS).
  if (inv.state.Type === 'Task' || inv.state.Type === 'Parallel' || inv.state.Type === 'Map') (context.State as Record<string, unknown>).RetryCount = inv.retryCount;
  if (inv.taskToken !== undefined) context.Task = { Token: inv.taskToken };
  const item = inv.flow.mapItem;
  if (item !== undefined) context.Map = { Item: { Index: item.index, Value: item.value } };
  return context;
}

/** A StatesError whose cause names the state the way AWS does. */
export function stateError(inv: StateInvocation, error: string, message: string): StatesError {
  return new StatesError(error, `An error occurred while executing the state '${inv.state.Name}' (entered at the event id #${inv.enteredEventId}). ${message}`);
}

/** JSON text of a value as AWS prints it in causes (compact). */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}
