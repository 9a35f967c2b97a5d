import type { ExecutionFailedEventDetails } from '@aws-sdk/client-sfn';
import type { StateMachineDefinition } from '../definition/types';
import { StatesError } from '../errors/StatesError';
import { ChildrenBeforeRestart } from './ChildrenBeforeRestart';
import { FailStateError } from './states/runFail';
import type { EngineDependencies, ExecutionFacts } from './ExecutionRuntime';
import { elapsedAwsMs } from './elapsedAwsMs';
import { Flow } from './Flow';
import { HistoryRecorder, type HistoryListener } from './history/HistoryRecorder';
import { JsonPayload, NOT_TRUNCATED } from './history/JsonPayload';
import { isEventOf, STATE_ENTERED_TYPES, STATE_EXITED_TYPES, type HistoryEvent, type HistoryEventType } from './history/HistoryEvent';
import type { HistoryEventDetails } from './history/HistoryEventDetails';
import { redrivePointOf, topScopeFor, type ChildOutcome, type ChildrenOutcome, type RedrivePoint } from './RedrivePoint';
import type { ResumePoint } from './MachineRun';
import { runMachine } from './runMachine';
import { RunRuntime } from './RunRuntime';
import { VariableScope } from './VariableScope';

export const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

type TerminalEventType = 'ExecutionSucceeded' | 'ExecutionFailed' | 'ExecutionAborted' | 'ExecutionTimedOut';

const TERMINAL_EVENTS: Readonly<Record<TerminalEventType, ExecutionStatus>> = {
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionAborted: 'ABORTED',
  ExecutionTimedOut: 'TIMED_OUT',
};
const TERMINAL_TYPES: ReadonlySet<TerminalEventType> = new Set(Object.keys(TERMINAL_EVENTS) as TerminalEventType[]);
const STATE_TYPES: ReadonlySet<HistoryEventType> = new Set([...STATE_ENTERED_TYPES, ...STATE_EXITED_TYPES]);

/** The top-level variables an execution holds, rebuilt from the `assignedVariables` of its history. */
function variablesFromHistory(events: readonly HistoryEvent[]): VariableScope {
  const variables = new VariableScope();
  for (const e of events) {
    const assigned = e.extra?.top === true && isEventOf(e, STATE_EXITED_TYPES) ? e.details?.assignedVariables : undefined;
    if (assigned !== undefined) variables.assignAll(Object.fromEntries(Object.entries(assigned).map(([k, v]) => [k, parseText(v)])));
  }
  return variables;
}

/** The redrive point of a journal written before redrive points were kept: the last top-level state entered. */
function legacyRedrivePoint(events: readonly HistoryEvent[]): RedrivePoint | undefined {
  const entered = [...events].reverse().find((e) => e.extra?.top === true && isEventOf(e, STATE_ENTERED_TYPES));
  if (entered === undefined || !isEventOf(entered, STATE_ENTERED_TYPES)) return undefined;
  return { stateName: String(entered.details?.name), input: parseText(entered.details?.input) };
}

const CHILDREN_STARTED = new Set(['ParallelStateStarted', 'MapStateStarted']);
/** The states whose branches or iterations a restart runs again from their start. */
const CHILDREN_STARTED_IN: ReadonlySet<HistoryEventType> = new Set(['ParallelStateEntered', 'MapStateEntered']);

/**
 * What a restart keeps of the top-level Parallel or Map state `entered` was running: the branches
 * and iterations its last attempt had finished (journaled with their index on their last event),
 * on top of what a redrive had kept; the others run again from their start. Stopped in a Retry's
 * backoff, the state runs again at once (as after any restart) and also keeps what had finished,
 * as a redrive would.
 */
function finishedChildren(events: readonly HistoryEvent[], entered: HistoryEvent, redriven: ChildrenOutcome | undefined): ChildrenOutcome | undefined {
  if (!CHILDREN_STARTED_IN.has(entered.type)) return redriven;
  let started: HistoryEvent | undefined;
  for (const e of events) {
    if (e.id > entered.id && e.extra?.top === true && CHILDREN_STARTED.has(e.type)) started = e;
  }
  if (started === undefined) return redriven;
  const outcomes: ChildOutcome[] = [...(redriven?.outcomes ?? [])];
  let finished = 0;
  for (const e of events) {
    const index = e.extra?.child;
    if (e.id <= started.id || index === undefined || !isEventOf(e, STATE_EXITED_TYPES)) continue;
    outcomes[index] = { output: parseText(e.details?.output) };
    finished++;
  }
  if (finished === 0) return redriven;
  for (let i = 0; i < outcomes.length; i++) outcomes[i] ??= null;
  return { ...redriven, outcomes };
}

const TASK_ENDED: ReadonlySet<HistoryEventType> = new Set(['TaskSucceeded', 'TaskFailed', 'TaskTimedOut']);

/**
 * What the current attempt of the top-level Task state `entered` had handed out before a restart,
 * so it waits for that again instead of calling anew: the token of a `.waitForTaskToken` task, and
 * the TaskSubmitted output (the job it started) of a `.sync` one. Nothing when that attempt had
 * ended (a restart in a Retry's backoff runs the state again at once) or had not got that far.
 */
function pendingAttempt(events: readonly HistoryEvent[], entered: HistoryEvent): Pick<ResumePoint, 'taskToken' | 'submitted'> {
  let scheduled: HistoryEvent | undefined;
  let submitted: HistoryEvent | undefined;
  let ended = false;
  for (const e of events) {
    if (e.id <= entered.id || e.extra?.top !== true) continue;
    if (e.type === 'TaskScheduled') {
      scheduled = e;
      submitted = undefined;
      ended = false;
    } else if (e.type === 'TaskSubmitted') {
      submitted = e;
    } else if (TASK_ENDED.has(e.type)) {
      ended = true;
    }
  }
  if (scheduled === undefined || ended) return {};
  const taskToken = scheduled.extra?.token;
  if (taskToken !== undefined) return { taskToken };
  return submitted?.type === 'TaskSubmitted' ? { submitted: parseText(submitted.details?.output) } : {};
}

/** The output, error and cause a terminal event records (texts as the journal kept them). */
function terminalOutcome(event: Extract<HistoryEvent, { readonly type: TerminalEventType }>): Omit<ExecutionResult, 'status'> {
  const details: { readonly output?: unknown; readonly error?: string; readonly cause?: string } = event.details ?? {};
  return {
    output: typeof details.output === 'string' ? details.output : undefined,
    error: typeof details.error === 'string' ? details.error : undefined,
    cause: typeof details.cause === 'string' ? details.cause : undefined,
  };
}

/** `{ error, cause }` with only the members that are set, as AWS records them. */
function errorDetails(error: string | undefined, cause: string | undefined): ExecutionFailedEventDetails {
  return { ...(error === undefined ? {} : { error }), ...(cause === undefined ? {} : { cause }) };
}

function parseText(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Where a run of the execution starts: the first state, a redriven state, or the state a restart resumes in. */
interface RunStart {
  readonly startAt: string;
  readonly input: unknown;
  readonly resume?: ResumePoint;
  /** @default an empty top-level scope */
  readonly variables?: VariableScope;
  readonly redrive?: ChildrenOutcome;
  /** Set when a restart resumes the execution inside a Parallel or Map state: the `.sync` children it had started. */
  readonly childrenBeforeRestart?: ChildrenBeforeRestart;
}

/** How an execution ended. */
export interface ExecutionResult {
  readonly status: ExecutionStatus;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/** The outcome of a succeeded run before its output text is made. */
const SUCCEEDED: ExecutionResult = Object.freeze({ status: 'SUCCEEDED' });

/**
 * One running (or finished) execution of a state machine: owns its history, runs the
 * engine loop, and can be stopped or redriven. No HTTP here.
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html
 */
export class Execution {
  public readonly history: HistoryRecorder;
  /** The current run (its abort stops the engine loop and every wait). */
  private runtime?: RunRuntime;
  private currentStatus: ExecutionStatus = 'RUNNING';
  private result: ExecutionResult = { status: 'RUNNING' };
  /** The output of a succeeded run, turned into text only when asked for (most outcomes are never read). */
  private outputPayload?: JsonPayload;
  private stoppedAt?: number;
  private redrives = 0;
  private redrivenAt?: number;
  /** Where RedriveExecution picks up (taken when the execution stops unsuccessfully). */
  private redrivePoint?: RedrivePoint;
  /** The top-level flow of the current run. */
  private flow?: Flow;
  private timeoutHandle?: ReturnType<EngineDependencies['clock']['setTimeout']>;
  private settled: Promise<void> = Promise.resolve();
  /** Told once when the execution stops running (see {@link Execution.onClose}). */
  private readonly closeListeners = new Set<() => void>();

  public constructor(
    private readonly deps: EngineDependencies,
    public readonly facts: ExecutionFacts,
    public readonly definition: StateMachineDefinition,
    /** The input text exactly as the caller sent it. */
    public readonly inputText: string,
  ) {
    this.history = new HistoryRecorder(() => deps.clock.now());
  }

  /** Records ExecutionStarted and runs the machine in the background. */
  public start(): void {
    this.history.record('ExecutionStarted', 0, { input: this.inputText, inputDetails: { truncated: false }, roleArn: this.facts.roleArn });
    this.run({ startAt: this.definition.StartAt, input: this.facts.input });
  }

  public get status(): ExecutionStatus {
    return this.currentStatus;
  }

  public get outcome(): ExecutionResult {
    if (this.outputPayload !== undefined) {
      this.result = { status: this.result.status, output: this.outputPayload.text() };
      this.outputPayload = undefined;
    }
    return this.result;
  }

  public get stopDate(): number | undefined {
    return this.stoppedAt;
  }

  public get redriveCount(): number {
    return this.redrives;
  }

  public get redriveDate(): number | undefined {
    return this.redrivenAt;
  }

  /** Resolves once the execution is no longer running. */
  public whenDone(): Promise<void> {
    if (this.currentStatus !== 'RUNNING') return Promise.resolve();
    return new Promise((resolve) => this.onClose(resolve));
  }

  /**
   * Calls `listener` once, synchronously, when this run of the execution ends (its terminal event
   * recorded, its status and outcome set); never when it is halted for a shutdown. Registered on
   * an execution that is not running, it waits for the end of the run a redrive would start.
   * Returns what removes it (a `.sync` parent that stops waiting).
   */
  public onClose(listener: () => void): () => void {
    const once = (): void => listener();
    this.closeListeners.add(once);
    return () => {
      this.closeListeners.delete(once);
    };
  }

  /** StopExecution: aborts what runs and records ExecutionAborted. */
  public stop(error?: string, cause?: string): void {
    if (this.currentStatus !== 'RUNNING') return;
    this.runtime?.abort();
    this.finish({ status: 'ABORTED', error, cause }, 'ExecutionAborted', errorDetails(error, cause));
  }

  /** Stops the engine loop and its timers without an event (shutdown; a journal may resume it). */
  public halt(): void {
    this.halted = true;
    this.history.freeze();
    this.deps.clock.clearTimeout(this.timeoutHandle);
    this.runtime?.abort();
  }

  private halted = false;

  /** Whether RedriveExecution may resume this execution. */
  public get redrivable(): boolean {
    return (this.currentStatus === 'FAILED' || this.currentStatus === 'TIMED_OUT' || this.currentStatus === 'ABORTED') && this.redrivePoint !== undefined;
  }

  /**
   * RedriveExecution: runs again from the state that did not succeed; in a Parallel or Map
   * state only the branches and iterations that did not succeed run again.
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html
   */
  public redrive(): void {
    const from = this.redrivePoint;
    if (from === undefined) return;
    this.redrivePoint = undefined;
    this.redrives += 1;
    this.redrivenAt = this.deps.clock.now();
    this.currentStatus = 'RUNNING';
    this.result = { status: 'RUNNING' };
    this.outputPayload = undefined;
    this.stoppedAt = undefined;
    // The variables are those the execution had when it entered the failed state, as on AWS
    // (a journal written before redrive points were kept has them in its history only).
    const variables = from.variables !== undefined ? topScopeFor(from) : variablesFromHistory(this.history.all());
    // The journal keeps the point: a restart in the middle of the redriven state still reruns only what failed.
    this.history.record('ExecutionRedriven', this.history.length, { redriveCount: this.redrives }, { redrive: from });
    this.run({ startAt: from.stateName, input: from.input, variables, redrive: from.children });
  }

  /**
   * Rebuilds an execution from its journal after a restart: a finished one keeps its outcome,
   * a running one resumes inside the state it was in (a Wait keeps its deadline, a task waiting
   * for a token waits for the same token, a `.sync` task for the job it had started).
   */
  public static restore(
    deps: EngineDependencies,
    facts: ExecutionFacts,
    definition: StateMachineDefinition,
    inputText: string,
    events: readonly HistoryEvent[],
    listener?: HistoryListener,
  ): Execution {
    const execution = new Execution(deps, facts, definition, inputText);
    execution.history.restore(events);
    if (listener !== undefined) execution.history.onEvent(listener);
    execution.redrives = events.filter((e) => e.type === 'ExecutionRedriven').length;
    const redriven = [...events].reverse().find((e) => e.type === 'ExecutionRedriven');
    if (redriven !== undefined) execution.redrivenAt = redriven.timestamp;
    const lastTop = [...events].reverse().find((e) => e.extra?.top === true && STATE_TYPES.has(e.type));
    const last = events[events.length - 1];
    if (last !== undefined && isEventOf(last, TERMINAL_TYPES)) {
      const terminal = TERMINAL_EVENTS[last.type];
      execution.currentStatus = terminal;
      execution.result = { status: terminal, ...terminalOutcome(last) };
      execution.stoppedAt = last.timestamp;
      if (terminal !== 'SUCCEEDED') execution.redrivePoint = last.extra?.redrive ?? legacyRedrivePoint(events);
      return execution;
    }
    const variables = variablesFromHistory(events);
    if (lastTop === undefined) {
      execution.run({ startAt: definition.StartAt, input: facts.input, variables });
    } else if (isEventOf(lastTop, STATE_ENTERED_TYPES)) {
      // In a Parallel or Map state, the branches or iterations that had finished stay done (and,
      // still in the state a redrive re-entered, those the redrive kept).
      const reentered = redriven === undefined ? undefined : events.find((e) => e.id > redriven.id && e.extra?.top === true && isEventOf(e, STATE_ENTERED_TYPES));
      const plan = finishedChildren(events, lastTop, reentered === lastTop ? redriven?.extra?.redrive?.children : undefined);
      execution.run({
        startAt: String(lastTop.details?.name),
        input: parseText(lastTop.details?.input),
        resume: { enteredEventId: lastTop.id, enteredTime: lastTop.timestamp, ...pendingAttempt(events, lastTop) },
        variables,
        redrive: plan,
        // The branches or iterations that run again may find the children they had started in
        // this state (not those of the states before it, nor of an earlier entry of it).
        childrenBeforeRestart: CHILDREN_STARTED_IN.has(lastTop.type) ? ChildrenBeforeRestart.fromHistory(events.filter((e) => e.id > lastTop.id)) : undefined,
      });
    } else if (!isEventOf(lastTop, STATE_EXITED_TYPES)) {
      return execution;
    } else if (lastTop.extra?.next !== undefined) {
      execution.run({ startAt: lastTop.extra.next, input: parseText(lastTop.details?.output), variables });
    } else {
      const output = typeof lastTop.details?.output === 'string' ? lastTop.details.output : 'null';
      execution.finish({ status: 'SUCCEEDED', output }, 'ExecutionSucceeded', { output, outputDetails: NOT_TRUNCATED });
    }
    return execution;
  }

  private run(from: RunStart): void {
    const { startAt, input, resume, variables = new VariableScope(), redrive, childrenBeforeRestart } = from;
    const runtime = new RunRuntime(this.deps, this.redrives === 0 ? this.facts : { ...this.facts, redriveCount: this.redrives }, this.definition, this.history, childrenBeforeRestart);
    this.runtime = runtime;
    const flow = new Flow(runtime, this.history.length > 1 ? this.history.length : 0, { runner: runMachine, topLevel: true });
    this.flow = flow;
    if (this.definition.TimeoutSeconds !== undefined) {
      // A redrive resets the state machine's timeout: it counts from the redrive (in AWS time, so a
      // restart at a time scale counts what had passed).
      const left = this.definition.TimeoutSeconds * 1000 - elapsedAwsMs(this.deps.clock, this.redrivenAt ?? this.facts.startTime);
      this.timeoutHandle = this.deps.clock.setTimeout(() => this.timeOut(), Math.max(0, left));
    }
    this.settled = runMachine({ machine: this.definition, input, flow, variables, startAt, resume, redrive }).then(
      (output) => {
        const payload = new JsonPayload(output);
        if (this.currentStatus === 'RUNNING' && !this.halted) this.outputPayload = payload;
        this.finish(SUCCEEDED, 'ExecutionSucceeded', { output: payload, outputDetails: NOT_TRUNCATED }, flow.lastEventId);
      },
      (thrown: unknown) => {
        if (this.currentStatus !== 'RUNNING' || this.halted) return;
        let error: string | undefined;
        let cause: string | undefined;
        if (thrown instanceof FailStateError) {
          error = thrown.errorName;
          cause = thrown.causeText;
        } else if (thrown instanceof StatesError) {
          error = thrown.error;
          cause = thrown.cause;
        } else {
          error = 'States.Runtime';
          cause = (thrown as Error).message ?? String(thrown);
        }
        this.finish({ status: 'FAILED', error, cause }, 'ExecutionFailed', errorDetails(error, cause), flow.lastEventId);
      },
    );
  }

  private timeOut(): void {
    if (this.currentStatus !== 'RUNNING') return;
    this.runtime?.abort();
    this.finish({ status: 'TIMED_OUT', error: 'States.Timeout', cause: '' }, 'ExecutionTimedOut', { error: 'States.Timeout' });
  }

  private finish<T extends TerminalEventType>(result: ExecutionResult, type: T, details: HistoryEventDetails<T>, previous = this.history.length): void {
    if (this.currentStatus !== 'RUNNING' || this.halted) return;
    this.deps.clock.clearTimeout(this.timeoutHandle);
    // Taken now, while the flows still say where they are (an abort unwinds them afterwards).
    const point = result.status === 'SUCCEEDED' || this.flow === undefined ? undefined : redrivePointOf(this.flow);
    this.redrivePoint = point;
    this.history.recordChecked(type, previous, details, point === undefined ? undefined : { redrive: point });
    this.currentStatus = result.status;
    this.result = result;
    this.stoppedAt = this.deps.clock.now();
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) listener();
  }

  /** Resolves when the engine loop has unwound (tests and shutdown). */
  public async settle(): Promise<void> {
    await this.settled;
  }
}
