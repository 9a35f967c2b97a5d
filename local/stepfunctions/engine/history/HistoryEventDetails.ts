import type {
  EvaluationFailedEventDetails,
  ExecutionAbortedEventDetails,
  ExecutionFailedEventDetails,
  ExecutionRedrivenEventDetails,
  ExecutionStartedEventDetails,
  ExecutionSucceededEventDetails,
  ExecutionTimedOutEventDetails,
  MapIterationEventDetails,
  MapRunFailedEventDetails,
  MapRunRedrivenEventDetails,
  MapRunStartedEventDetails,
  MapStateStartedEventDetails,
  StateEnteredEventDetails,
  StateExitedEventDetails,
  TaskFailedEventDetails,
  TaskScheduledEventDetails,
  TaskStartedEventDetails,
  TaskStartFailedEventDetails,
  TaskSubmitFailedEventDetails,
  TaskSubmittedEventDetails,
  TaskSucceededEventDetails,
  TaskTimedOutEventDetails,
} from '@aws-sdk/client-sfn';
import type { JsonPayload } from './JsonPayload';

/**
 * A details shape as the engine holds it: AWS's `*EventDetails` type, except that a state's
 * `input`/`output` may still be the value (its JSON text is made when the history is read).
 */
type Held<Details> = { readonly [K in keyof Details]: K extends 'input' | 'output' ? string | JsonPayload | undefined : Details[K] };

type Entered = Held<StateEnteredEventDetails>;
type Exited = Held<StateExitedEventDetails>;

/**
 * The details of each history event type, from the SDK's `*EventDetails` types (`undefined` for
 * the events AWS records without details), so a misspelt detail field fails `tsc`.
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
 */
export interface HistoryEventDetailsByType {
  ExecutionStarted: Held<ExecutionStartedEventDetails>;
  ExecutionSucceeded: Held<ExecutionSucceededEventDetails>;
  ExecutionFailed: ExecutionFailedEventDetails;
  ExecutionAborted: ExecutionAbortedEventDetails;
  ExecutionTimedOut: ExecutionTimedOutEventDetails;
  ExecutionRedriven: ExecutionRedrivenEventDetails;
  PassStateEntered: Entered;
  PassStateExited: Exited;
  TaskStateEntered: Entered;
  TaskStateExited: Exited;
  TaskStateAborted: undefined;
  ChoiceStateEntered: Entered;
  ChoiceStateExited: Exited;
  WaitStateEntered: Entered;
  WaitStateExited: Exited;
  WaitStateAborted: undefined;
  SucceedStateEntered: Entered;
  SucceedStateExited: Exited;
  FailStateEntered: Entered;
  ParallelStateEntered: Entered;
  ParallelStateExited: Exited;
  ParallelStateStarted: undefined;
  ParallelStateSucceeded: undefined;
  ParallelStateFailed: undefined;
  ParallelStateAborted: undefined;
  MapStateEntered: Entered;
  MapStateExited: Exited;
  MapStateStarted: MapStateStartedEventDetails;
  MapStateSucceeded: undefined;
  MapStateFailed: undefined;
  MapStateAborted: undefined;
  MapIterationStarted: MapIterationEventDetails;
  MapIterationSucceeded: MapIterationEventDetails;
  MapIterationFailed: MapIterationEventDetails;
  MapIterationAborted: MapIterationEventDetails;
  MapRunStarted: MapRunStartedEventDetails;
  MapRunSucceeded: undefined;
  /** AWS's details (error, cause) are optional; the engine records none. */
  MapRunFailed: MapRunFailedEventDetails | undefined;
  MapRunAborted: undefined;
  MapRunRedriven: MapRunRedrivenEventDetails;
  TaskScheduled: TaskScheduledEventDetails;
  TaskStarted: TaskStartedEventDetails;
  TaskStartFailed: TaskStartFailedEventDetails;
  TaskSubmitted: Held<TaskSubmittedEventDetails>;
  TaskSubmitFailed: TaskSubmitFailedEventDetails;
  TaskSucceeded: Held<TaskSucceededEventDetails>;
  TaskFailed: TaskFailedEventDetails;
  TaskTimedOut: TaskTimedOutEventDetails;
  EvaluationFailed: EvaluationFailedEventDetails;
}

/** The details an event of type `T` carries. */
export type HistoryEventDetails<T extends keyof HistoryEventDetailsByType> = HistoryEventDetailsByType[T];

/** Event types that may be recorded without details. */
export type DetaillessEventType = { [T in keyof HistoryEventDetailsByType]: undefined extends HistoryEventDetailsByType[T] ? T : never }[keyof HistoryEventDetailsByType];

/** Event types that may carry details. */
export type DetailedEventType = { [T in keyof HistoryEventDetailsByType]: HistoryEventDetailsByType[T] extends undefined ? never : T }[keyof HistoryEventDetailsByType];

/** *StateEntered event types. */
export type StateEnteredType = Extract<keyof HistoryEventDetailsByType, `${string}StateEntered`>;

/** *StateExited event types. */
export type StateExitedType = Extract<keyof HistoryEventDetailsByType, `${string}StateExited`>;
