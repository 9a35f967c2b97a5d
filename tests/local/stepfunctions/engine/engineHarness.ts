import { FakeClock } from '../../../../local/clock/FakeClock';
import { serializeEvent } from '../../../../local/stepfunctions/api/historyOperations';
import { parseDefinition } from '../../../../local/stepfunctions/definition/parseDefinition';
import type { StateMachineDefinition } from '../../../../local/stepfunctions/definition/types';
import { Execution } from '../../../../local/stepfunctions/engine/Execution';
import type { EngineDependencies } from '../../../../local/stepfunctions/engine/ExecutionRuntime';
import type { HistoryEvent } from '../../../../local/stepfunctions/engine/history/HistoryEvent';
import type { TaskInvocation, TaskInvoker } from '../../../../local/stepfunctions/engine/TaskInvoker';
import { TaskTokenRegistry } from '../../../../local/stepfunctions/engine/TaskTokenRegistry';
import { evaluateIntrinsic } from '../../../../local/stepfunctions/intrinsics/evaluateIntrinsic';

/** A Task integration scripted by the test: each call gets the next answer. */
export type ScriptedAnswer = (invocation: TaskInvocation) => Promise<unknown>;

/** The engine wired to a FakeClock and a scripted task invoker, without HTTP. */
export interface EngineHarness {
  readonly clock: FakeClock;
  readonly tokens: TaskTokenRegistry;
  readonly calls: TaskInvocation[];
  start(definition: object, input?: unknown): Execution;
}

/** Builds an engine whose Task states answer from `answers` in turn (the last one repeats). */
export function engineHarness(answers: ScriptedAnswer[] = [], random: () => number = () => 0.5): EngineHarness {
  const clock = new FakeClock();
  const tokens = new TaskTokenRegistry();
  const calls: TaskInvocation[] = [];
  const invoker: TaskInvoker = {
    parseResource: (resource) => ({
      resourceType: 'lambda',
      resource,
      pattern: resource.endsWith('.waitForTaskToken') ? 'WAIT_FOR_TASK_TOKEN' : 'REQUEST_RESPONSE',
    }),
    invoke: (invocation) => {
      calls.push(invocation);
      const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
      return answer === undefined ? Promise.resolve({}) : answer(invocation);
    },
  };
  const deps: EngineDependencies = { clock, evaluateIntrinsic, invokeTask: invoker, tokens, region: 'us-east-1', accountId: '000000000000', random };
  let counter = 0;
  const parsed = new Map<object, StateMachineDefinition>();
  return {
    clock,
    tokens,
    calls,
    start: (definition, input = {}) => {
      counter += 1;
      const machine = parsed.get(definition) ?? parseDefinition(JSON.stringify(definition));
      parsed.set(definition, machine);
      const execution = new Execution(
        deps,
        {
          executionArn: `arn:aws:states:us-east-1:000000000000:execution:sm:run-${counter}`,
          name: `run-${counter}`,
          stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:sm',
          stateMachineName: 'sm',
          roleArn: 'arn:aws:iam::000000000000:role/sfn',
          input,
          startTime: clock.now(),
          redriveCount: 0,
        },
        machine,
        JSON.stringify(input),
      );
      execution.start();
      return execution;
    },
  };
}

/** The event types of a history, in order. */
export function eventTypes(execution: Execution): string[] {
  return execution.history.all().map((e: HistoryEvent) => e.type);
}

/** One history event as GetExecutionHistory serves it, without its timestamp (JSON texts made). */
export type ServedEvent = Record<string, unknown> & { readonly type: string; readonly id: number; readonly previousEventId: number };

/** The history as GetExecutionHistory serves it (details named per type), for exact assertions. */
export function servedHistory(execution: Execution): ServedEvent[] {
  return execution.history.all().map((event) => {
    const { timestamp: _timestamp, ...rest } = JSON.parse(JSON.stringify(serializeEvent(event, true))) as ServedEvent & { timestamp: number };
    return rest;
  });
}

/** Lets pending promise callbacks run (the engine is asynchronous between states). */
export async function settle(clock: FakeClock): Promise<void> {
  await clock.advance(0);
}
