import type { StateInfo } from './buildGraphStructure';
import type { StateAttempt, StateVisit, VisitStatus } from './graphModel';

/** A visit while the history is being read: it changes as its events arrive. */
export interface OpenVisit {
  readonly name: string;
  readonly info: StateInfo;
  readonly parent?: OpenVisit;
  readonly enteredEventId: number;
  readonly enteredAt: string;
  readonly redrive: number;
  readonly iteration?: number;
  readonly children: OpenVisit[];
  readonly attempts: MutableAttempt[];
  /** Map item indexes started and not yet taken by the processor's first state. */
  readonly pendingIterations: number[];
  input?: string;
  output?: string;
  assignedVariables?: Readonly<Record<string, string>>;
  resource?: string;
  exitedEventId?: number;
  exitedAt?: string;
  /** Set once the visit is over: exited, failed, aborted. */
  status?: VisitStatus;
  /** Whether the last thing that happened in it was an error (an exit after it means a Catch). */
  lastFailed: boolean;
  /** Whether the visit raised a failure of its own (a failed attempt, a Fail state). */
  ownFailure: boolean;
  /** Whether a state inside it failed and was not caught there. */
  childFailed: boolean;
  error?: string;
  cause?: string;
}

export interface MutableAttempt {
  number: number;
  startedAt?: string;
  endedAt?: string;
  outcome: StateAttempt['outcome'];
  error?: string;
  cause?: string;
}

/** Starts a visit of a state. */
export function openVisit(info: StateInfo, enteredEventId: number, enteredAt: string, redrive: number, parent: OpenVisit | undefined, iteration: number | undefined): OpenVisit {
  const visit: OpenVisit = {
    name: info.name,
    info,
    ...(parent !== undefined ? { parent } : {}),
    enteredEventId,
    enteredAt,
    redrive,
    ...(iteration !== undefined ? { iteration } : {}),
    children: [],
    attempts: [],
    pendingIterations: [],
    lastFailed: false,
    ownFailure: false,
    childFailed: false,
  };
  parent?.children.push(visit);
  return visit;
}

export function isOpen(visit: OpenVisit): boolean {
  return visit.status === undefined;
}

/** The attempt a call is in: the last one, if it has not ended. */
export function inFlightAttempt(visit: OpenVisit): MutableAttempt | undefined {
  const last = visit.attempts[visit.attempts.length - 1];
  return last !== undefined && last.outcome === 'running' ? last : undefined;
}

export function startAttempt(visit: OpenVisit, at: string): MutableAttempt {
  const attempt: MutableAttempt = { number: visit.attempts.length + 1, startedAt: at, outcome: 'running' };
  visit.attempts.push(attempt);
  return attempt;
}

/** Records a failure: of the running attempt, or of a new one when none runs (an evaluation error). */
export function failAttempt(visit: OpenVisit, at: string, error: string | undefined, cause: string | undefined): void {
  const attempt = inFlightAttempt(visit) ?? startAttempt(visit, at);
  attempt.outcome = 'failed';
  attempt.endedAt = at;
  if (error !== undefined) attempt.error = error;
  if (cause !== undefined) attempt.cause = cause;
  visit.lastFailed = true;
  visit.ownFailure = true;
  setFailure(visit, error, cause);
}

export function succeedAttempt(visit: OpenVisit, at: string): void {
  const attempt = inFlightAttempt(visit);
  if (attempt !== undefined) {
    attempt.outcome = 'succeeded';
    attempt.endedAt = at;
  }
  visit.lastFailed = false;
}

export function setFailure(visit: OpenVisit, error: string | undefined, cause: string | undefined): void {
  if (error !== undefined) visit.error = error;
  if (cause !== undefined) visit.cause = cause;
}

/**
 * Ends a visit that will never exit, innermost first: failed when it (or a state inside it)
 * failed, otherwise `orElse` (aborted: stopped, or cut short because a sibling failed).
 * `stopped` (StopExecution) aborts it whatever its attempts did: a state stopped while it waited
 * to retry a failed call did not fail, the execution was stopped there.
 */
export function endVisit(visit: OpenVisit, orElse: VisitStatus, stopped = false): void {
  if (!isOpen(visit)) return;
  for (const child of visit.children) endVisit(child, orElse, stopped);
  const failed = !stopped && (visit.ownFailure || visit.childFailed);
  visit.status = failed ? 'failed' : orElse;
  const attempt = inFlightAttempt(visit);
  if (attempt !== undefined) attempt.outcome = 'failed';
  if (visit.status === 'failed' && visit.parent !== undefined) {
    visit.parent.childFailed = true;
    if (visit.parent.error === undefined) setFailure(visit.parent, visit.error, visit.cause);
  }
}

/** The visit as the model hands it out (no back references). */
export function freezeVisit(visit: OpenVisit, running: boolean): StateVisit {
  const status: VisitStatus = visit.status ?? (running ? 'running' : 'aborted');
  return {
    enteredEventId: visit.enteredEventId,
    ...(visit.exitedEventId !== undefined ? { exitedEventId: visit.exitedEventId } : {}),
    enteredAt: visit.enteredAt,
    ...(visit.exitedAt !== undefined ? { exitedAt: visit.exitedAt } : {}),
    redrive: visit.redrive,
    ...(visit.iteration !== undefined ? { iteration: visit.iteration } : {}),
    status,
    ...(visit.input !== undefined ? { input: visit.input } : {}),
    ...(visit.output !== undefined ? { output: visit.output } : {}),
    ...(visit.assignedVariables !== undefined ? { assignedVariables: visit.assignedVariables } : {}),
    ...(visit.resource !== undefined ? { resource: visit.resource } : {}),
    attempts: visit.attempts.map((a) => ({ ...a })),
    // A visit that succeeded after retries has no error of its own: its attempts keep theirs.
    ...(visit.error !== undefined && status !== 'succeeded' ? { error: visit.error } : {}),
    ...(visit.cause !== undefined && status !== 'succeeded' ? { cause: visit.cause } : {}),
  };
}
