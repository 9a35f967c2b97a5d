import { parseDefinition } from '../definition/parseDefinition';
import type { State } from '../definition/types';
import { StatesError } from '../errors/StatesError';
import type { EngineDependencies, ExecutionFacts } from './ExecutionRuntime';
import { Flow } from './Flow';
import { HistoryRecorder } from './history/HistoryRecorder';
import { runMachine, runState } from './runMachine';
import { RunRuntime } from './RunRuntime';
import { FailStateError } from './states/runFail';
import { VariableScope } from './VariableScope';

/** What TestState reports. */
export interface SingleStateResult {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'CAUGHT_ERROR';
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly nextState?: string;
}

/**
 * Runs one state on its own, outside any execution (the TestState API). The state's Next
 * targets are stood in for so the definition validates; Retry is not run, as on AWS.
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html
 */
export async function testSingleState(deps: EngineDependencies, stateText: string, input: unknown, variables: Readonly<Record<string, unknown>>, facts: ExecutionFacts): Promise<SingleStateResult> {
  const raw = JSON.parse(stateText) as Record<string, unknown>;
  const targets = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if ((k === 'Next' || k === 'Default') && typeof v === 'string') targets.add(v);
        else if (k !== 'Branches' && k !== 'ItemProcessor' && k !== 'Iterator') collect(v);
      }
    }
  };
  collect(raw);
  const states: Record<string, unknown> = { TestState: { ...raw, Retry: undefined } };
  for (const target of targets) if (target !== 'TestState') states[target] = { Type: 'Succeed' };
  const definition = parseDefinition(JSON.stringify({ StartAt: 'TestState', States: states }));
  const state = definition.States.get('TestState') as State;
  const history = new HistoryRecorder(() => deps.clock.now());
  const runtime = new RunRuntime(deps, facts, definition, history);
  const flow = new Flow(runtime, 0, { runner: runMachine });
  const scope = new VariableScope();
  scope.assignAll(variables);
  try {
    const step = await runState({ flow, state, variables: scope, enteredEventId: 0, enteredTime: deps.clock.now(), retryCount: 0 }, input);
    const caught = 'Catch' in state && (state.Catch ?? []).some((c) => c.Next === step.next) && state.Next !== step.next;
    return { status: caught ? 'CAUGHT_ERROR' : 'SUCCEEDED', output: JSON.stringify(step.output), ...(step.next === undefined ? {} : { nextState: step.next }) };
  } catch (error) {
    if (error instanceof FailStateError) return { status: 'FAILED', error: error.errorName, cause: error.causeText };
    if (error instanceof StatesError) return { status: 'FAILED', error: error.error, cause: error.cause };
    throw error;
  } finally {
    runtime.abort();
  }
}
