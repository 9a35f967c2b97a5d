import type { TimelineEntry } from '../../../contracts/ops';
import { END_ID, START_ID, type StateInfo } from './buildGraphStructure';
import type { VisitStatus } from './graphModel';
import { endVisit, failAttempt, inFlightAttempt, isOpen, openVisit, setFailure, startAttempt, succeedAttempt, type OpenVisit } from './visitRecord';

/** Task events, and their twins for Lambda function ARNs and activities: `[kind, what happened]`. */
const TASK_EVENT = /^(Task|LambdaFunction|Activity)(Scheduled|Started|Submitted|Succeeded|Failed|TimedOut|StartFailed|SubmitFailed|ScheduleFailed)$/;
const TASK_FAILURES = new Set(['Failed', 'TimedOut', 'StartFailed', 'SubmitFailed', 'ScheduleFailed']);
const EXECUTION_ENDS: Readonly<Record<string, VisitStatus>> = {
  ExecutionSucceeded: 'aborted',
  ExecutionFailed: 'aborted',
  ExecutionAborted: 'aborted',
  ExecutionTimedOut: 'failed',
};

/** How the execution itself went, for the Start and End markers. */
export interface ExecutionFacts {
  startedAt?: string;
  input?: string;
  endedAt?: string;
  endType?: string;
  output?: string;
  error?: string;
  cause?: string;
  redrives: number;
}

/**
 * Reads an execution's history in order and rebuilds every visit of every state. Events other
 * than `*StateEntered/Exited` name no state, and the `previousEventId` of a Parallel or Map
 * need not follow the branch, so each one goes to the open visit of the right type that can
 * take it: the one its previous event belongs to when that fits, else the oldest that waits.
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
 */
export class HistoryReplay {
  public readonly visits: OpenVisit[] = [];
  public readonly facts: ExecutionFacts = { redrives: 0 };
  /** `source->target:flow|catch` for every transition seen. */
  public readonly taken = new Set<string>();
  private readonly open: OpenVisit[] = [];
  private readonly byEvent = new Map<number, OpenVisit>();
  /** Exited visits whose next state has not been entered yet (tells which edge was taken). */
  private readonly awaiting: OpenVisit[] = [];
  private redrive = 0;
  private runOpen = false;
  private lastTopLevel?: OpenVisit;

  public constructor(private readonly states: ReadonlyMap<string, StateInfo>) {}

  /** Whether the last run of the execution has not ended (it is running). */
  public get running(): boolean {
    return this.runOpen;
  }

  public read(timeline: readonly TimelineEntry[]): this {
    const ordered = [...timeline].sort((a, b) => a.id - b.id);
    for (const entry of ordered) this.apply(entry);
    return this;
  }

  /** Ends the open run as the execution's status says, when the history has no end event yet. */
  public settle(executionStatus: string | undefined): void {
    if (!this.runOpen || executionStatus === undefined || executionStatus === 'RUNNING') return;
    this.endRun(executionStatus === 'TIMED_OUT' ? 'failed' : 'aborted', executionStatus === 'ABORTED');
  }

  private apply(entry: TimelineEntry): void {
    const type = entry.type;
    if (type === 'ExecutionStarted') {
      this.runOpen = true;
      this.facts.startedAt = entry.timestamp;
      if (entry.input !== undefined) this.facts.input = entry.input;
    } else if (type === 'ExecutionRedriven') {
      this.endRun('aborted');
      this.awaiting.length = 0;
      this.redrive += 1;
      this.facts.redrives = this.redrive;
      this.runOpen = true;
      this.facts.endType = undefined;
    } else if (EXECUTION_ENDS[type] !== undefined) {
      this.endExecution(entry, EXECUTION_ENDS[type]);
    } else if (type.endsWith('StateEntered')) {
      this.enter(entry);
    } else if (type.endsWith('StateExited')) {
      this.exit(entry);
    } else if (type.endsWith('StateAborted')) {
      const visit = this.owner(entry, type.slice(0, -'StateAborted'.length));
      if (visit !== undefined) this.close(visit, 'aborted');
    } else if (TASK_EVENT.test(type)) {
      this.task(entry, TASK_EVENT.exec(type)?.[2] ?? '');
    } else if (type.startsWith('MapIteration')) {
      this.mapIteration(entry);
    } else if (/^(Map|Parallel)State(Started|Succeeded|Failed)$/.test(type)) {
      this.compound(entry);
    } else if (type === 'EvaluationFailed') {
      const visit = (entry.state !== undefined ? this.latestOpen((v) => v.name === entry.state) : undefined) ?? this.owner(entry, undefined);
      if (visit !== undefined) failAttempt(visit, entry.timestamp, entry.error, entry.cause);
    }
  }

  private enter(entry: TimelineEntry): void {
    const info = entry.state !== undefined ? this.states.get(entry.state) : undefined;
    if (info === undefined) return;
    const parent = info.parentState !== undefined ? this.latestOpen((v) => v.name === info.parentState) : undefined;
    const at = this.awaiting.findIndex((v) => v.parent === parent && v.info.successors.has(info.name));
    const predecessor = this.awaiting[at];
    let iteration = predecessor?.iteration ?? parent?.iteration;
    if (predecessor !== undefined) {
      this.awaiting.splice(at, 1);
      this.taken.add(`${predecessor.name}->${info.name}:${predecessor.status === 'caught' ? 'catch' : 'flow'}`);
    } else if (info.isStart && parent?.info.state.Type === 'Map') {
      iteration = parent.pendingIterations.shift() ?? iteration;
    } else if (info.isStart && parent === undefined && this.redrive === 0) {
      this.taken.add(`${START_ID}->${info.name}:flow`);
    }
    const visit = openVisit(info, entry.id, entry.timestamp, this.redrive, parent, iteration);
    if (entry.input !== undefined) visit.input = entry.input;
    this.visits.push(visit);
    this.open.push(visit);
    this.byEvent.set(entry.id, visit);
    if (parent === undefined) this.lastTopLevel = visit;
    if (info.state.Type === 'Fail') {
      const error = typeof info.state.Error === 'string' && !info.state.Error.includes('{%') ? info.state.Error : undefined;
      const cause = typeof info.state.Cause === 'string' && !info.state.Cause.includes('{%') ? info.state.Cause : undefined;
      visit.ownFailure = true;
      setFailure(visit, error, cause);
    }
  }

  private exit(entry: TimelineEntry): void {
    // Concurrent iterations exit in any order and name no item: the oldest open visit is the best guess.
    const visit = this.open.find((v) => v.name === entry.state);
    if (visit === undefined) return;
    this.byEvent.set(entry.id, visit);
    visit.exitedEventId = entry.id;
    visit.exitedAt = entry.timestamp;
    if (entry.output !== undefined) visit.output = entry.output;
    if (entry.assignedVariables !== undefined) visit.assignedVariables = entry.assignedVariables;
    // Without a `*StateFailed` event (a runtime error) a failed branch still means a Catch.
    const caught = visit.lastFailed || (visit.childFailed && visit.attempts[visit.attempts.length - 1]?.outcome !== 'succeeded');
    this.close(visit, caught ? 'caught' : 'succeeded');
    this.awaiting.push(visit);
    // Only the last few exits can still be followed by their next state.
    if (this.awaiting.length > 64) this.awaiting.shift();
  }

  private task(entry: TimelineEntry, what: string): void {
    // Scheduling (or failing to) opens an attempt: it goes to a visit with none running.
    const opening = what === 'Scheduled' || what === 'ScheduleFailed';
    const resource = entry.resource;
    const prefer = resource === undefined ? undefined : (v: OpenVisit): boolean => resourceMatches(v.info.state.Resource, resource);
    const visit = this.owner(entry, 'Task', (v) => (inFlightAttempt(v) === undefined) === opening, prefer);
    if (visit === undefined) return;
    if (what === 'Scheduled') {
      startAttempt(visit, entry.timestamp);
      if (entry.resource !== undefined) visit.resource = entry.resource;
    } else if (what === 'Succeeded') {
      succeedAttempt(visit, entry.timestamp);
    } else if (TASK_FAILURES.has(what)) {
      failAttempt(visit, entry.timestamp, entry.error, entry.cause);
    }
  }

  private compound(entry: TimelineEntry): void {
    const stateType = entry.type.startsWith('Map') ? 'Map' : 'Parallel';
    const starting = entry.type.endsWith('Started');
    const visit = this.owner(entry, stateType, (v) => (inFlightAttempt(v) === undefined) === starting);
    if (visit === undefined) return;
    if (starting) {
      startAttempt(visit, entry.timestamp);
      return;
    }
    // A failed Map or Parallel stops what still runs inside it; a Retry starts everything anew.
    for (const child of visit.children) endVisit(child, 'aborted');
    if (entry.type.endsWith('Succeeded')) succeedAttempt(visit, entry.timestamp);
    else failAttempt(visit, entry.timestamp, entry.error ?? visit.error, entry.cause ?? visit.cause);
  }

  private mapIteration(entry: TimelineEntry): void {
    const visit = entry.state !== undefined ? this.latestOpen((v) => v.name === entry.state) : this.owner(entry, 'Map');
    if (visit === undefined) return;
    this.byEvent.set(entry.id, visit);
    if (entry.type === 'MapIterationStarted' && entry.index !== undefined) visit.pendingIterations.push(entry.index);
    if (entry.type === 'MapIterationFailed' || entry.type === 'MapIterationAborted') {
      for (const child of visit.children) if (child.iteration === entry.index || entry.index === undefined) endVisit(child, 'aborted');
    }
  }

  /**
   * The open visit an event without a state name belongs to: the visit of its previous event (or
   * the nearest enclosing one of the right type) when it can take it, else the oldest that can.
   */
  private owner(entry: TimelineEntry, stateType: string | undefined, fits: (v: OpenVisit) => boolean = () => true, prefer?: (v: OpenVisit) => boolean): OpenVisit | undefined {
    const ok = (v: OpenVisit): boolean => isOpen(v) && (stateType === undefined || v.info.state.Type === stateType) && fits(v) && (prefer === undefined || prefer(v));
    let visit: OpenVisit | undefined;
    for (let v = entry.previousEventId !== undefined ? this.byEvent.get(entry.previousEventId) : undefined; v !== undefined; v = v.parent) {
      if (ok(v)) {
        visit = v;
        break;
      }
    }
    visit ??= this.open.find(ok);
    if (visit === undefined && prefer !== undefined) return this.owner(entry, stateType, fits);
    if (visit !== undefined) this.byEvent.set(entry.id, visit);
    return visit;
  }

  /** The last open visit that matches (the Map or Parallel a nested state runs in). */
  private latestOpen(match: (v: OpenVisit) => boolean): OpenVisit | undefined {
    for (let i = this.open.length - 1; i >= 0; i--) {
      const visit = this.open[i];
      if (visit !== undefined && match(visit)) return visit;
    }
    return undefined;
  }

  private close(visit: OpenVisit, status: VisitStatus): void {
    for (const child of visit.children) endVisit(child, 'aborted');
    if (isOpen(visit)) visit.status = status;
    this.forget();
  }

  private endExecution(entry: TimelineEntry, orElse: VisitStatus): void {
    this.facts.endType = entry.type;
    this.facts.endedAt = entry.timestamp;
    if (entry.output !== undefined) this.facts.output = entry.output;
    if (entry.error !== undefined) this.facts.error = entry.error;
    if (entry.cause !== undefined) this.facts.cause = entry.cause;
    const last = this.lastTopLevel;
    // The flow reached End through the last top-level state: a Succeed, an End, or a Fail state.
    if (last !== undefined && (entry.type === 'ExecutionSucceeded' || (entry.type === 'ExecutionFailed' && last.info.state.Type === 'Fail'))) this.taken.add(`${last.name}->${END_ID}:flow`);
    if (entry.type === 'ExecutionTimedOut') for (const v of this.open) if (v.children.every((c) => !isOpen(c))) setFailure(v, entry.error ?? 'States.Timeout', entry.cause);
    const failing = this.open.filter((v) => v.ownFailure);
    this.endRun(orElse, entry.type === 'ExecutionAborted');
    // A Fail state with a computed Error names it only in the execution's failure.
    if (entry.type === 'ExecutionFailed') for (const v of failing) if (v.error === undefined) setFailure(v, entry.error, entry.cause);
  }

  private endRun(orElse: VisitStatus, stopped = false): void {
    // Innermost first: a parent learns that a state inside it failed before it ends itself.
    for (let i = this.open.length - 1; i >= 0; i--) {
      const visit = this.open[i];
      if (visit !== undefined) endVisit(visit, orElse, stopped);
    }
    this.forget();
    this.runOpen = false;
  }

  private forget(): void {
    for (let i = this.open.length - 1; i >= 0; i--) {
      const visit = this.open[i];
      if (visit !== undefined && !isOpen(visit)) this.open.splice(i, 1);
    }
  }
}

/** Whether a TaskScheduled resource (`lambda:invoke`, or a full ARN) can come from a state's Resource. */
function resourceMatches(stateResource: unknown, eventResource: string): boolean {
  if (typeof stateResource !== 'string') return true;
  const integration = stateResource.replace(/^arn:aws:states:::/, '').replace(/\.(sync(:2)?|waitForTaskToken)$/, '');
  const scheduled = eventResource.replace(/^arn:aws:states:::/, '').replace(/\.(sync(:2)?|waitForTaskToken)$/, '');
  return integration === scheduled || integration.endsWith(`:${scheduled}`) || scheduled.endsWith(integration) || stateResource === eventResource;
}
