import type { RedrivePoint } from '../RedrivePoint';
import type { HistoryEventDetails, HistoryEventDetailsByType, StateEnteredType, StateExitedType } from './HistoryEventDetails';

/**
 * One event of an execution's history, stored compactly: the details object is kept as
 * the engine built it and only named (`stateEnteredEventDetails`, ...) when served.
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
 */
export type HistoryEvent = { readonly [T in HistoryEventType]: HistoryEventOf<T> }[HistoryEventType];

/** An event of one type, with that type's details. */
export interface HistoryEventOf<T extends HistoryEventType> {
  readonly id: number;
  readonly previousEventId: number;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly type: T;
  readonly details?: HistoryEventDetails<T>;
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
] as const satisfies readonly (keyof HistoryEventDetailsByType)[];
export type HistoryEventType = (typeof HISTORY_EVENT_TYPES)[number];

// Every type with details is listed above, and nothing else: this fails to compile when they drift apart.
const EVERY_TYPE_LISTED: Exclude<keyof HistoryEventDetailsByType, HistoryEventType> extends never ? true : never = true;
void EVERY_TYPE_LISTED;

export const STATE_ENTERED_TYPES: ReadonlySet<StateEnteredType> = new Set(HISTORY_EVENT_TYPES.filter((t): t is StateEnteredType => t.endsWith('StateEntered')));
export const STATE_EXITED_TYPES: ReadonlySet<StateExitedType> = new Set(HISTORY_EVENT_TYPES.filter((t): t is StateExitedType => t.endsWith('StateExited')));

/** Whether an event is of one of `types` (narrows its details). */
export function isEventOf<T extends HistoryEventType>(event: HistoryEvent, types: ReadonlySet<T>): event is Extract<HistoryEvent, { readonly type: T }> {
  return (types as ReadonlySet<HistoryEventType>).has(event.type);
}

/** An event built from stored fields (a journal line, the recorder's columns): its details are those of its type. */
export function storedEvent(fields: { readonly id: number; readonly previousEventId: number; readonly timestamp: number; readonly type: HistoryEventType; readonly details?: object; readonly extra?: EventExtra }): HistoryEvent {
  return fields as HistoryEvent;
}

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
