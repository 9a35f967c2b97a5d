import type { StateMachineDefinition } from '../definition/types';
import type { ChildrenBeforeRestart } from './ChildrenBeforeRestart';
import type { EngineDependencies, ExecutionFacts, ExecutionRuntime } from './ExecutionRuntime';
import type { HistoryRecorder } from './history/HistoryRecorder';

/**
 * The runtime of one run of an execution. Its AbortController is made only when something
 * listens for the abort (a Wait, a Task, a retry delay): an execution of Pass and Choice states
 * never pays for one, and the engine loop reads {@link RunRuntime.aborted} instead.
 */
export class RunRuntime implements ExecutionRuntime {
  private controller?: AbortController;
  private stopped = false;

  public constructor(
    public readonly deps: EngineDependencies,
    public readonly facts: ExecutionFacts,
    public readonly definition: StateMachineDefinition,
    public readonly history: HistoryRecorder,
    public readonly childrenBeforeRestart?: ChildrenBeforeRestart,
  ) {}

  public get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.stopped) this.controller.abort();
    }
    return this.controller.signal;
  }

  public get aborted(): boolean {
    return this.stopped;
  }

  public get ended(): boolean {
    return this.stopped;
  }

  /** Stops the run: every flow ends at its next state boundary, every wait is cut short. */
  public abort(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.controller?.abort();
  }
}

/** The runtime as a Parallel branch or Map iteration sees it: the execution's, with the branch's own signal. */
export class BranchRuntime implements ExecutionRuntime {
  public readonly deps: EngineDependencies;
  public readonly facts: ExecutionFacts;
  public readonly definition: StateMachineDefinition;
  public readonly history: HistoryRecorder;
  public readonly childrenBeforeRestart?: ChildrenBeforeRestart;

  public constructor(
    private readonly parent: ExecutionRuntime,
    public readonly signal: AbortSignal,
  ) {
    this.deps = parent.deps;
    this.facts = parent.facts;
    this.definition = parent.definition;
    this.history = parent.history;
    this.childrenBeforeRestart = parent.childrenBeforeRestart;
  }

  public get aborted(): boolean {
    return this.signal.aborted;
  }

  /** A branch aborted because a sibling failed still records; only the execution's end silences it. */
  public get ended(): boolean {
    return this.parent.ended;
  }
}
