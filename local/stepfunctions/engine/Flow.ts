import type { SubMachine } from '../definition/types';
import type { ExecutionRuntime } from './ExecutionRuntime';
import type { EventExtra, HistoryEventType } from './history/HistoryEvent';
import type { DetailedEventType, DetaillessEventType, HistoryEventDetails, StateEnteredType, StateExitedType } from './history/HistoryEventDetails';
import type { MachineRunner } from './MachineRun';
import type { ChildrenOutcome, LiveChildren } from './RedrivePoint';
import { BranchRuntime } from './RunRuntime';
import type { VariableScope } from './VariableScope';

/** The item a Map iteration runs on (`$$.Map.Item`). */
export interface MapItem {
  readonly index: number;
  readonly value: unknown;
}

/** How a flow is made. */
export interface FlowOptions {
  /** Runs the machines of the branches and iterations forked from this flow. */
  readonly runner: MachineRunner;
  /**
   * The execution's own flow (its events carry the journal's `top` mark).
   * @default false
   */
  readonly topLevel?: boolean;
  /**
   * Records nothing (a Distributed Map's iterations live in child executions, not in this history).
   * @default false
   */
  readonly silent?: boolean;
  /** Set on a Map iteration's flow. */
  readonly mapItem?: MapItem;
  /** The extra of the event that ends a branch or iteration of a top-level Parallel or Map state. */
  readonly childEnd?: EventExtra;
}

/** What a fork changes: its own abort signal, silence, item, and its index among its siblings. */
export interface ForkOptions {
  /** @default false (a fork of a silent flow is silent too) */
  readonly silent?: boolean;
  readonly mapItem?: MapItem;
  /** Aborted when a sibling fails. @default the parent's signal */
  readonly signal?: AbortSignal;
  /** Its index among the branches or iterations (journaled when it ends, under a top-level state). */
  readonly child?: number;
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

/**
 * One line of control: the execution itself, a Parallel branch or a Map iteration. It knows
 * the id of its last event (for previousEventId), whether its events are recorded at all, and
 * where it is (the state, its input, the branches or iterations running there): where a redrive
 * would pick it up.
 */
export class Flow {
  public readonly runtime: ExecutionRuntime;
  public readonly topLevel: boolean;
  public readonly mapItem?: MapItem;
  private readonly runner: MachineRunner;
  private readonly silent: boolean;
  private readonly childEnd?: EventExtra;
  private last: number;
  private state?: string;
  private stateInput: unknown;
  private liveChildren?: LiveChildren;
  private variables?: VariableScope;
  private done = false;
  private result: unknown;

  public constructor(runtime: ExecutionRuntime, lastEventId: number, options: FlowOptions) {
    this.runtime = runtime;
    this.last = lastEventId;
    this.runner = options.runner;
    this.topLevel = options.topLevel === true;
    this.silent = options.silent === true;
    this.mapItem = options.mapItem;
    this.childEnd = options.childEnd;
  }

  /** The state this flow is in (or about to enter). */
  public get at(): string | undefined {
    return this.state;
  }

  /** The input of {@link Flow.at}. */
  public get atInput(): unknown {
    return this.stateInput;
  }

  /** The branches or iterations of the Parallel or Map state this flow is in, as they run. */
  public get children(): LiveChildren | undefined {
    return this.liveChildren;
  }

  /** The variables of this flow's own scope. */
  public get scope(): VariableScope | undefined {
    return this.variables;
  }

  /** Whether the flow reached an End. */
  public get finished(): boolean {
    return this.done;
  }

  /** The output of a finished flow. */
  public get output(): unknown {
    return this.result;
  }

  public get lastEventId(): number {
    return this.last;
  }

  /** The flow starts running with these variables. */
  public begin(variables: VariableScope): void {
    this.variables = variables;
  }

  /** The flow moves to a state (it has no branches or iterations there yet). */
  public enter(stateName: string, input: unknown): void {
    this.state = stateName;
    this.stateInput = input;
    this.liveChildren = undefined;
  }

  /** The branches or iterations of the current state's attempt (undefined forgets an earlier attempt's). */
  public trackChildren(children: LiveChildren | undefined): void {
    this.liveChildren = children;
  }

  /** The flow reached an End with this output. */
  public finish(output: unknown): void {
    this.done = true;
    this.result = output;
  }

  /**
   * Runs a branch or iteration machine on this flow (a fork): from its StartAt, or, redriven,
   * from the state it stopped in with what that state's own branches or iterations left.
   */
  public run(machine: SubMachine, input: unknown, variables: VariableScope, from?: { readonly startAt: string; readonly redrive?: ChildrenOutcome }): Promise<unknown> {
    return this.runner({ machine, input, flow: this, variables, startAt: from?.startAt, redrive: from?.redrive });
  }

  /**
   * Records an event. Its previousEventId is the event recorded just before it in the whole
   * history, as AWS does, except the first event of the execution's first state (0).
   */
  public record(type: DetaillessEventType): number;
  public record<T extends DetailedEventType>(type: T, details: NonNullable<HistoryEventDetails<T>>, extra?: Omit<EventExtra, 'top'>): number;
  public record(type: HistoryEventType, details?: object, extra?: Omit<EventExtra, 'top'>): number {
    const journal = extra === undefined ? (this.topLevel ? TOP_LEVEL : undefined) : this.topLevel ? { ...extra, top: true } : extra;
    return this.append(type, details, journal);
  }

  /** Records a *StateExited event whose flow goes on to `next` (undefined at an End). */
  public recordExit(type: StateExitedType, details: HistoryEventDetails<StateExitedType>, next: string | undefined): number {
    return this.append(type, details, next === undefined ? this.endExtra() : exitExtras(next)[this.topLevel ? 1 : 0]);
  }

  /** Records a *StateEntered event: the state's name and input. */
  public recordEntered(type: StateEnteredType, name: string, input: unknown): number {
    if (this.silent || this.runtime.ended) return this.last;
    const previous = this.last === 0 ? 0 : this.runtime.history.length;
    this.last = this.runtime.history.recordState(type, previous, name, input, this.topLevel ? TOP_LEVEL : undefined);
    return this.last;
  }

  /** Records the entered and exited events of a state that hands its input on as its output (a plain Pass). */
  public recordPassThrough(entered: StateEnteredType, exited: StateExitedType, name: string, payload: unknown, extras: readonly [EventExtra, EventExtra] | undefined): void {
    if (this.silent || this.runtime.ended) return;
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
  public recordExited(type: StateExitedType, name: string, output: unknown, extras: readonly [EventExtra, EventExtra] | undefined): number {
    if (this.silent || this.runtime.ended) return this.last;
    const previous = this.last === 0 ? 0 : this.runtime.history.length;
    const journal = extras === undefined ? this.endExtra() : extras[this.topLevel ? 1 : 0];
    this.last = this.runtime.history.recordState(type, previous, name, output, journal);
    return this.last;
  }

  /**
   * A flow for a branch or iteration starting after this flow's last event; `child` is its index
   * among the branches or iterations (journaled when it ends, for a state of the top-level flow).
   */
  public fork(options: ForkOptions = {}): Flow {
    const runtime = options.signal === undefined ? this.runtime : new BranchRuntime(this.runtime, options.signal);
    return new Flow(runtime, this.last, {
      runner: this.runner,
      silent: this.silent || options.silent === true,
      mapItem: options.mapItem,
      childEnd: this.topLevel && options.child !== undefined ? { child: options.child } : undefined,
    });
  }

  /** The extra of the event that ends this flow: top-level, or the index of a top-level state's child. */
  private endExtra(): EventExtra | undefined {
    return this.topLevel ? TOP_LEVEL : this.childEnd;
  }

  private append(type: HistoryEventType, details: object | undefined, journal: EventExtra | undefined): number {
    if (this.silent || this.runtime.ended) return this.last;
    const previous = this.last === 0 ? 0 : this.runtime.history.length;
    this.last = this.runtime.history.recordChecked(type, previous, details, journal);
    return this.last;
  }
}
