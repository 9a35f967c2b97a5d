import type { Clock } from '../../../lib/clock/Clock';
import type { StateMachineDefinition } from '../definition/types';
import type { HistoryRecorder } from './history/HistoryRecorder';
import type { EventExtra, HistoryEventType } from './history/HistoryEvent';
import type { TaskInvoker } from './TaskInvoker';
import type { IntrinsicEvaluator } from './IntrinsicEvaluator';
import { BranchRuntime } from './RunRuntime';
import type { LiveChildren } from './RedrivePoint';
import type { TaskTokenRegistry } from './TaskTokenRegistry';
import type { VariableScope } from './VariableScope';

/** What the engine needs from outside: time, intrinsic functions, service integrations, task tokens. */
export interface EngineDependencies {
  readonly clock: Clock;
  readonly evaluateIntrinsic: IntrinsicEvaluator;
  readonly invokeTask: TaskInvoker;
  readonly tokens: TaskTokenRegistry;
  readonly region: string;
  readonly accountId: string;
  /** Random source in [0, 1) for retry jitter and $random. @default Math.random */
  readonly random?: () => number;
}

/** The execution-wide facts states read: the context object's Execution and StateMachine. */
export interface ExecutionFacts {
  readonly executionArn: string;
  readonly name: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly roleArn: string;
  readonly input: unknown;
  readonly startTime: number;
  readonly redriveCount: number;
}

/** Shared by every flow of one execution (a branch or iteration sees it with its own signal). */
export interface ExecutionRuntime {
  readonly deps: EngineDependencies;
  readonly facts: ExecutionFacts;
  readonly definition: StateMachineDefinition;
  readonly history: HistoryRecorder;
  /** Aborted when the execution stops (in a branch or iteration, also when a sibling fails). */
  readonly signal: AbortSignal;
  /** Whether {@link ExecutionRuntime.signal} is aborted, read without making the signal (checked on every transition). */
  readonly aborted: boolean;
}

const TOP_LEVEL: EventExtra = Object.freeze({ top: true });

/**
 * The `{ next }` extras of *StateExited events, shared by every event going to the same state
 * (an extra is never changed once recorded): a transition then allocates no extra object.
 * Index 0 is for nested flows, 1 for the top-level flow.
 */
const EXIT_EXTRAS = new Map<string, readonly [EventExtra, EventExtra]>();

/** The shared `{ next }` extras (nested, top-level) of the *StateExited events going to `next`. */
export function exitExtras(next: string): readonly [EventExtra, EventExtra] {
  let pair = EXIT_EXTRAS.get(next);
  if (pair === undefined) {
    if (EXIT_EXTRAS.size >= 10_000) EXIT_EXTRAS.clear();
    pair = [Object.freeze({ next }), Object.freeze({ next, top: true })];
    EXIT_EXTRAS.set(next, pair);
  }
  return pair;
}

function exitExtra(next: string, topLevel: boolean): EventExtra {
  return exitExtras(next)[topLevel ? 1 : 0];
}

/**
 * One line of control: the execution itself, a Parallel branch or a Map iteration. It knows
 * the id of its last event (for previousEventId) and whether its events are recorded at all
 * (a Distributed Map's iterations live in child executions, not in the parent history).
 */
export class Flow {
  private last: number;
  /** The state this flow is in (or about to enter) and its input: where a redrive would pick it up. */
  public at?: string;
  public atInput: unknown;
  /** The branches or iterations of the Parallel or Map state this flow is in, as they run. */
  public children?: LiveChildren;
  /** The variables of this flow's own scope. */
  public scope?: VariableScope;
  /** Set once the flow reached an End: its output. */
  public finished = false;
  public output: unknown;

  public constructor(
    public readonly runtime: ExecutionRuntime,
    lastEventId: number,
    private readonly silent = false,
    public readonly mapItem?: { readonly index: number; readonly value: unknown },
  ) {
    this.last = lastEventId;
  }

  /**
   * Records an event. Its previousEventId is the event recorded just before it in the whole
   * history, as AWS does, except the first event of the execution's first state (0).
   */
  public record(type: HistoryEventType, details?: Readonly<Record<string, unknown>>, extra?: Omit<EventExtra, 'top'>): number {
    const journal = extra === undefined ? (this.topLevel ? TOP_LEVEL : undefined) : this.topLevel ? { ...extra, top: true } : extra;
    return this.append(type, details, journal);
  }

  /** Records a *StateExited event whose flow goes on to `next` (undefined at an End). */
  public recordExit(type: HistoryEventType, details: Readonly<Record<string, unknown>>, next: string | undefined): number {
    return this.append(type, details, next === undefined ? this.endExtra() : exitExtra(next, this.topLevel));
  }

  /** The extra of the event that ends this flow: top-level, or the index of a top-level state's child. */
  private endExtra(): EventExtra | undefined {
    return this.topLevel ? TOP_LEVEL : this.childEnd;
  }

  /** `{ child }` when this flow is a branch or iteration of a top-level Parallel or Map state. */
  private childEnd?: EventExtra;

  /** Records a *StateEntered event: the state's name and input. */
  public recordEntered(type: HistoryEventType, name: string, input: unknown): number {
    if (this.silent) return this.last;
    const previous = this.last === 0 ? 0 : this.runtime.history.length;
    this.last = this.runtime.history.recordState(type, previous, name, input, this.topLevel ? TOP_LEVEL : undefined);
    return this.last;
  }

  /** Records the entered and exited events of a state that hands its input on as its output (a plain Pass). */
  public recordPassThrough(entered: HistoryEventType, exited: HistoryEventType, name: string, payload: unknown, extras: readonly [EventExtra, EventExtra] | undefined): void {
    if (this.silent) return;
    const { history } = this.runtime;
    const top = this.topLevel;
    history.recordState(entered, this.last === 0 ? 0 : history.length, name, payload, top ? TOP_LEVEL : undefined);
    const previous = history.length;
    this.last = history.recordState(exited, previous, name, payload, extras === undefined ? this.endExtra() : extras[top ? 1 : 0]);
  }

  /**
   * Records a *StateExited event without assigned variables, whose flow goes on to the state
   * whose {@link exitExtras} are given (undefined at an End).
   */
  public recordExited(type: HistoryEventType, name: string, output: unknown, extras: readonly [EventExtra, EventExtra] | undefined): number {
    if (this.silent) return this.last;
    const previous = this.last === 0 ? 0 : this.runtime.history.length;
    const journal = extras === undefined ? this.endExtra() : extras[this.topLevel ? 1 : 0];
    this.last = this.runtime.history.recordState(type, previous, name, output, journal);
    return this.last;
  }

  private append(type: HistoryEventType, details: Readonly<Record<string, unknown>> | undefined, journal: EventExtra | undefined): number {
    if (this.silent) return this.last;
    const previous = this.last === 0 ? 0 : this.runtime.history.length;
    this.last = this.runtime.history.record(type, previous, details, journal);
    return this.last;
  }

  /** Whether this is the execution's own flow (not a branch or iteration). */
  public topLevel = false;

  public get lastEventId(): number {
    return this.last;
  }

  /**
   * A flow for a branch or iteration starting after this flow's last event; `child` is its index
   * among the branches or iterations (journaled when it ends, for a state of the top-level flow).
   */
  public fork(options: { silent?: boolean; mapItem?: { index: number; value: unknown }; signal?: AbortSignal; child?: number } = {}): Flow {
    const runtime = options.signal === undefined ? this.runtime : new BranchRuntime(this.runtime, options.signal);
    const forked = new Flow(runtime, this.last, this.silent || options.silent === true, options.mapItem);
    if (this.topLevel && options.child !== undefined) forked.childEnd = { child: options.child };
    return forked;
  }
}
