import type { RedrivePoint } from '../RedrivePoint';

/**
 * One event of an execution's history, stored compactly: the details object is kept as
 * the engine built it and only named (`stateEnteredEventDetails`, ...) when served.
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
 */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly type: HistoryEventType;
  readonly details?: Readonly<Record<string, unknown>>;
  /** Engine-only facts kept for resuming after a restart (never served): the next state, a task token. */
  readonly extra?: EventExtra;
}

/** What the journal keeps beside an event so a restarted service can resume an execution. */
export interface EventExtra {
  /** On the terminal event of an unsuccessful execution: where a redrive picks it up. */
  readonly redrive?: RedrivePoint;
  /** On a *StateExited event: the state the flow went on to (undefined at an End). */
  readonly next?: string;
  /** On a TaskScheduled event: the task token of a `.waitForTaskToken` task. */
  readonly token?: string;
  /** True on events of the execution's top-level flow (not inside a Parallel or Map). */
  readonly top?: boolean;
  /**
   * On the last *StateExited event of a branch or an (inline) iteration of a top-level Parallel or
   * Map state: its index. The event's output is its result, so a restart does not run it again.
   */
  readonly child?: number;
}

export const HISTORY_EVENT_TYPES = [
  'ExecutionStarted', 'ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut', 'ExecutionRedriven',
  'PassStateEntered', 'PassStateExited', 'TaskStateEntered', 'TaskStateExited', 'TaskStateAborted',
  'ChoiceStateEntered', 'ChoiceStateExited', 'WaitStateEntered', 'WaitStateExited', 'WaitStateAborted',
  'SucceedStateEntered', 'SucceedStateExited', 'FailStateEntered',
  'ParallelStateEntered', 'ParallelStateExited', 'ParallelStateStarted', 'ParallelStateSucceeded', 'ParallelStateFailed', 'ParallelStateAborted',
  'MapStateEntered', 'MapStateExited', 'MapStateStarted', 'MapStateSucceeded', 'MapStateFailed', 'MapStateAborted',
  'MapIterationStarted', 'MapIterationSucceeded', 'MapIterationFailed', 'MapIterationAborted',
  'MapRunStarted', 'MapRunSucceeded', 'MapRunFailed', 'MapRunAborted', 'MapRunRedriven',
  'TaskScheduled', 'TaskStarted', 'TaskStartFailed', 'TaskSubmitted', 'TaskSubmitFailed', 'TaskSucceeded', 'TaskFailed', 'TaskTimedOut',
  'EvaluationFailed',
] as const;
export type HistoryEventType = (typeof HISTORY_EVENT_TYPES)[number];

/** The name AWS gives the details member of an event of this type. */
export function detailsKeyFor(type: HistoryEventType): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  if (type.startsWith('MapIteration')) return `${lowerFirst(type)}EventDetails`;
  return `${lowerFirst(type)}EventDetails`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
