import type { Flow } from './Flow';
import { VariableScope } from './VariableScope';

/**
 * Where a redrive picks a flow up (the execution itself, a Parallel branch or a Map iteration):
 * the state it was in when the execution stopped, that state's input, the variables of the
 * flow's own scope, and, for a Parallel or Map state, what each branch or iteration left.
 * Plain JSON, so the journal keeps it and a restarted service can still redrive.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html
 */
export interface RedrivePoint {
  readonly stateName: string;
  readonly input: unknown;
  /** Variables assigned in this flow's own scope (a branch sees its parents' through them). */
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly children?: ChildrenOutcome;
}

/** What the branches of a Parallel state or the iterations of a Map state left, by index. */
export interface ChildrenOutcome {
  /** `{ output }` for one that succeeded, `{ point }` for one stopped inside, null for one never started. */
  readonly outcomes: readonly ChildOutcome[];
  /** The Map Run of a Distributed Map (a redrive redrives the same Map Run). */
  readonly mapRunArn?: string;
  /** How many times that Map Run was redriven already. */
  readonly mapRunRedriveCount?: number;
}

export type ChildOutcome = { readonly output: unknown } | { readonly point: RedrivePoint } | null;

/** A branch or iteration reused from an earlier attempt: only its output is known. */
class Reused {
  public constructor(public readonly output: unknown) {}
}

/**
 * The branches or iterations of the Parallel or Map state a flow is running, as they go: a
 * redrive point is taken from them when the execution stops.
 */
export class LiveChildren {
  private readonly entries: (Flow | Reused | undefined)[];

  public constructor(
    count: number,
    public readonly mapRunArn?: string,
    public readonly mapRunRedriveCount?: number,
  ) {
    this.entries = new Array<Flow | Reused | undefined>(count);
  }

  /** A branch or iteration that runs in this attempt. */
  public track(index: number, flow: Flow): void {
    this.entries[index] = flow;
  }

  /** A branch or iteration that succeeded before: not run again. */
  public reuse(index: number, output: unknown): void {
    this.entries[index] = new Reused(output);
  }

  public outcome(): ChildrenOutcome {
    const outcomes: ChildOutcome[] = [];
    for (let i = 0; i < this.entries.length; i++) outcomes.push(outcomeOf(this.entries[i]));
    return {
      outcomes,
      ...(this.mapRunArn === undefined ? {} : { mapRunArn: this.mapRunArn }),
      ...(this.mapRunRedriveCount === undefined ? {} : { mapRunRedriveCount: this.mapRunRedriveCount }),
    };
  }
}

function outcomeOf(entry: Flow | Reused | undefined): ChildOutcome {
  if (entry === undefined) return null;
  if (entry instanceof Reused || entry.finished) return { output: entry.output };
  const point = redrivePointOf(entry);
  return point === undefined ? null : { point };
}

/** The redrive point of a flow that has not finished; undefined when it never entered a state. */
export function redrivePointOf(flow: Flow): RedrivePoint | undefined {
  const stateName = flow.at;
  if (stateName === undefined || flow.finished) return undefined;
  const variables = flow.scope?.own();
  const children = flow.children?.outcome();
  return {
    stateName,
    input: flow.atInput,
    ...(variables === undefined ? {} : { variables }),
    ...(children === undefined ? {} : { children }),
  };
}

/** The scope a redriven branch or iteration runs with: its parent's, plus what it had assigned itself. */
export function scopeFor(parent: VariableScope, point: RedrivePoint | undefined): VariableScope {
  const scope = parent.child();
  if (point?.variables !== undefined) scope.assignAll(point.variables);
  return scope;
}

/** The earlier outcome of one branch or iteration, if the state is being redriven. */
export function earlierOutcome(plan: ChildrenOutcome | undefined, index: number): ChildOutcome {
  return plan?.outcomes[index] ?? null;
}

/** Whether an earlier outcome is a success to reuse. */
export function succeeded(outcome: ChildOutcome): outcome is { readonly output: unknown } {
  return outcome !== null && 'output' in outcome;
}

/** The redrive point inside an earlier outcome, when the branch or iteration stopped inside a state. */
export function pointOf(outcome: ChildOutcome): RedrivePoint | undefined {
  return outcome !== null && 'point' in outcome ? outcome.point : undefined;
}

/** A top-level scope holding the variables of a redrive point. */
export function topScopeFor(point: RedrivePoint): VariableScope {
  const scope = new VariableScope();
  if (point.variables !== undefined) scope.assignAll(point.variables);
  return scope;
}

/**
 * What a redriven Parallel or Map state's branches or iterations left, for its first attempt
 * only (a Retry reruns the whole state, as always); also forgets the children of an earlier attempt.
 * A Retry of the top-level state a restart resumed in starts its branches anew, as it would have
 * without the restart: no task of theirs waits for a child started before the restart.
 */
export function takeRedrivePlan(inv: { redrive?: ChildrenOutcome; attemptStarted?: boolean; readonly flow: Flow }): ChildrenOutcome | undefined {
  const plan = inv.redrive;
  inv.redrive = undefined;
  inv.flow.trackChildren(undefined);
  if (inv.attemptStarted === true && inv.flow.topLevel) inv.flow.runtime.childrenBeforeRestart?.forgetAll();
  inv.attemptStarted = true;
  return plan;
}
