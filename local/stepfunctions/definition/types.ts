/**
 * Typed states of an Amazon States Language definition, after validation.
 * Field names follow ASL exactly so that a parsed state is its own documentation.
 * @see https://states-language.net/spec.html
 */
export type QueryLanguage = 'JSONPath' | 'JSONata';

export type JsonValue = unknown;

export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
  readonly ResultPath?: string | null;
  readonly Output?: JsonValue;
  readonly Assign?: Readonly<Record<string, JsonValue>>;
}

/** Fields every state may carry. */
interface StateBase {
  readonly Name: string;
  readonly QueryLanguage: QueryLanguage;
  readonly Comment?: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly InputPath?: string | null;
  readonly OutputPath?: string | null;
  readonly Assign?: Readonly<Record<string, JsonValue>>;
  readonly Output?: JsonValue;
}

export interface PassState extends StateBase {
  readonly Type: 'Pass';
  readonly Result?: JsonValue;
  readonly ResultPath?: string | null;
  readonly Parameters?: JsonValue;
}

export interface TaskState extends StateBase {
  readonly Type: 'Task';
  readonly Resource: string;
  readonly Parameters?: JsonValue;
  readonly Arguments?: JsonValue;
  readonly ResultSelector?: JsonValue;
  readonly ResultPath?: string | null;
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher[];
  readonly TimeoutSeconds?: number | string;
  readonly TimeoutSecondsPath?: string;
  readonly HeartbeatSeconds?: number | string;
  readonly HeartbeatSecondsPath?: string;
  readonly Credentials?: JsonValue;
}

export type ChoiceRule = Readonly<Record<string, JsonValue>> & {
  readonly Next?: string;
  readonly And?: readonly ChoiceRule[];
  readonly Or?: readonly ChoiceRule[];
  readonly Not?: ChoiceRule;
  readonly Variable?: string;
  readonly Condition?: JsonValue;
};

export interface ChoiceState extends StateBase {
  readonly Type: 'Choice';
  readonly Choices: readonly ChoiceRule[];
  readonly Default?: string;
}

export interface WaitState extends StateBase {
  readonly Type: 'Wait';
  readonly Seconds?: number | string;
  readonly SecondsPath?: string;
  readonly Timestamp?: string;
  readonly TimestampPath?: string;
}

export interface SucceedState extends StateBase {
  readonly Type: 'Succeed';
}

export interface FailState extends StateBase {
  readonly Type: 'Fail';
  readonly Error?: string;
  readonly ErrorPath?: string;
  readonly Cause?: string;
  readonly CausePath?: string;
}

/** A nested state machine: a Parallel branch or a Map item processor. */
export interface SubMachine {
  readonly StartAt: string;
  readonly States: ReadonlyMap<string, State>;
  readonly QueryLanguage: QueryLanguage;
}

export interface ParallelState extends StateBase {
  readonly Type: 'Parallel';
  readonly Branches: readonly SubMachine[];
  readonly Parameters?: JsonValue;
  readonly Arguments?: JsonValue;
  readonly ResultSelector?: JsonValue;
  readonly ResultPath?: string | null;
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher[];
}

export interface MapState extends StateBase {
  readonly Type: 'Map';
  readonly Processor: SubMachine;
  readonly ProcessorMode: 'INLINE' | 'DISTRIBUTED';
  readonly ItemsPath?: string;
  readonly Items?: JsonValue;
  readonly ItemSelector?: JsonValue;
  readonly ItemReader?: Readonly<Record<string, JsonValue>>;
  readonly ItemBatcher?: Readonly<Record<string, JsonValue>>;
  readonly ResultWriter?: Readonly<Record<string, JsonValue>>;
  readonly MaxConcurrency?: number | string;
  readonly MaxConcurrencyPath?: string;
  readonly ToleratedFailureCount?: number | string;
  readonly ToleratedFailureCountPath?: string;
  readonly ToleratedFailurePercentage?: number | string;
  readonly ToleratedFailurePercentagePath?: string;
  readonly Label?: string;
  readonly ResultSelector?: JsonValue;
  readonly ResultPath?: string | null;
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher[];
}

export type State = PassState | TaskState | ChoiceState | WaitState | SucceedState | FailState | ParallelState | MapState;
export type StateType = State['Type'];

/** A validated state machine definition. */
export interface StateMachineDefinition extends SubMachine {
  readonly Comment?: string;
  readonly TimeoutSeconds?: number;
  /** The definition exactly as the caller sent it (DescribeStateMachine returns this text). */
  readonly source: string;
}
