import type { Clock, TimerHandle } from '../../../../lib/clock/Clock';
import { FakeClock } from '../../../../lib/clock/FakeClock';
import { serializeEvent } from '../../../../local/stepfunctions/api/historyOperations';
import { parseDefinition } from '../../../../local/stepfunctions/definition/parseDefinition';
import type { StateMachineDefinition } from '../../../../local/stepfunctions/definition/types';
import { Execution } from '../../../../local/stepfunctions/engine/Execution';
import type { EngineDependencies, ExecutionFacts } from '../../../../local/stepfunctions/engine/ExecutionRuntime';
import type { HistoryEvent } from '../../../../local/stepfunctions/engine/history/HistoryEvent';
import type { TaskInvocation, TaskInvoker } from '../../../../local/stepfunctions/engine/TaskInvoker';
import { TaskTokenRegistry } from '../../../../local/stepfunctions/engine/TaskTokenRegistry';
import { evaluateIntrinsic } from '../../../../local/stepfunctions/intrinsics/evaluateIntrinsic';

/** A Task integration scripted by the test: each call gets the next answer. */
export type ScriptedAnswer = (invocation: TaskInvocation) => Promise<unknown>;

/** How the harness is built. */
export interface EngineHarnessOptions {
  /**
   * The random source of retry jitter and $random.
   * @default () => 0.5
   */
  readonly random?: () => number;
  /**
   * The time scale of the engine's clock (0.01: a 60 s timer fires after 0.6 s of the fake clock), as `--time-scale` sets it.
   * @default 1
   */
  readonly timeScale?: number;
}

/** The engine wired to a FakeClock and a scripted task invoker, without HTTP. */
export interface EngineHarness {
  /** The clock the test moves (real time; at a time scale, the engine's timers are shorter). */
  readonly clock: FakeClock;
  readonly deps: EngineDependencies;
  readonly tokens: TaskTokenRegistry;
  readonly calls: TaskInvocation[];
  start(definition: object, input?: unknown): Execution;
  /** Rebuilds an execution from its events, as a restarted service does from its journal. */
  restore(definition: object, events: readonly HistoryEvent[], input?: unknown): Execution;
}

/** A fake clock seen through a time scale, as ScaledClock sees the real one. */
class ScaledFakeClock implements Clock {
  public constructor(
    private readonly fake: FakeClock,
    private readonly timeScale: number,
  ) {}

  public now(): number {
    return this.fake.now();
  }

  public toRealMs(ms: number): number {
    return ms * this.timeScale;
  }

  public setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.fake.setTimeout(fn, this.toRealMs(ms));
  }

  public clearTimeout(handle: TimerHandle | undefined): void {
    this.fake.clearTimeout(handle);
  }

  public sleep(ms: number): Promise<void> {
    return this.fake.sleep(this.toRealMs(ms));
  }
}

const FACTS_BASE = {
  stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:sm',
  stateMachineName: 'sm',
  roleArn: 'arn:aws:iam::000000000000:role/sfn',
  redriveCount: 0,
} as const;

/** Builds an engine whose Task states answer from `answers` in turn (the last one repeats). */
export function engineHarness(answers: ScriptedAnswer[] = [], options: EngineHarnessOptions = {}): EngineHarness {
  const clock = new FakeClock();
  const engineClock: Clock = options.timeScale === undefined || options.timeScale === 1 ? clock : new ScaledFakeClock(clock, options.timeScale);
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
  const deps: EngineDependencies = { clock: engineClock, evaluateIntrinsic, invokeTask: invoker, tokens, region: 'us-east-1', accountId: '000000000000', random: options.random ?? (() => 0.5) };
  let counter = 0;
  const parsed = new Map<object, StateMachineDefinition>();
  const machineOf = (definition: object): StateMachineDefinition => {
    const machine = parsed.get(definition) ?? parseDefinition(JSON.stringify(definition));
    parsed.set(definition, machine);
    return machine;
  };
  const factsOf = (input: unknown, startTime: number): ExecutionFacts => {
    counter += 1;
    return { ...FACTS_BASE, executionArn: `arn:aws:states:us-east-1:000000000000:execution:sm:run-${counter}`, name: `run-${counter}`, input, startTime };
  };
  return {
    clock,
    deps,
    tokens,
    calls,
    start: (definition, input = {}) => {
      const execution = new Execution(deps, factsOf(input, clock.now()), machineOf(definition), JSON.stringify(input));
      execution.start();
      return execution;
    },
    restore: (definition, events, input = {}) => Execution.restore(deps, factsOf(input, events[0]?.timestamp ?? clock.now()), machineOf(definition), JSON.stringify(input), events),
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

/** The final output of a succeeded execution, parsed. */
export function outputOf(execution: Execution): unknown {
  const text = execution.outcome.output;
  return text === undefined ? undefined : JSON.parse(text);
}

/** Lets pending promise callbacks run (the engine is asynchronous between states). */
export async function settle(clock: FakeClock): Promise<void> {
  await clock.advance(0);
}
