/**
 * Amazon States Language as TypeScript types, JSONata flavour first (our workflows use it), with
 * the JSONPath fields a definition may still carry. https://states-language.net/spec.html and
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 */

/** A JSONata expression: `{% ... %}`. */
export type Jsonata = `{%${string}%}`;

/** Any JSON value, possibly holding JSONata expressions in its strings. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type QueryLanguage = 'JSONata' | 'JSONPath';

export interface Retrier {
  readonly ErrorEquals: readonly string[];
  /** @default 1 */
  readonly IntervalSeconds?: number;
  /** @default 3 */
  readonly MaxAttempts?: number;
  /** @default 2 */
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  /** @default 'NONE' */
  readonly JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
  readonly Assign?: Readonly<Record<string, JsonValue>>;
  readonly Output?: JsonValue;
  readonly ResultPath?: string | null;
}

interface StateBase {
  readonly Comment?: string;
  readonly QueryLanguage?: QueryLanguage;
  readonly Assign?: Readonly<Record<string, JsonValue>>;
  readonly Output?: JsonValue;
}

/** `Next` or `End: true`: exactly one. */
type Transition = { readonly Next: string; readonly End?: never } | { readonly End: true; readonly Next?: never };

export type TaskState = StateBase &
  Transition & {
    readonly Type: 'Task';
    readonly Resource: string;
    readonly Arguments?: JsonValue;
    readonly TimeoutSeconds?: number | Jsonata;
    readonly HeartbeatSeconds?: number | Jsonata;
    readonly Retry?: readonly Retrier[];
    readonly Catch?: readonly Catcher[];
  };

export type PassState = StateBase & Transition & { readonly Type: 'Pass' };

export type WaitState = StateBase &
  Transition & { readonly Type: 'Wait' } & ({ readonly Seconds: number | Jsonata } | { readonly Timestamp: string | Jsonata });

export interface ChoiceRule {
  readonly Condition: Jsonata;
  readonly Next: string;
  readonly Assign?: Readonly<Record<string, JsonValue>>;
  readonly Output?: JsonValue;
  readonly Comment?: string;
}

export type ChoiceState = Omit<StateBase, 'Output'> & {
  readonly Type: 'Choice';
  readonly Choices: readonly ChoiceRule[];
  readonly Default?: string;
  readonly Output?: JsonValue;
};

export type SucceedState = Omit<StateBase, 'Assign'> & { readonly Type: 'Succeed' };

export interface FailState {
  readonly Type: 'Fail';
  readonly Comment?: string;
  readonly QueryLanguage?: QueryLanguage;
  readonly Error?: string | Jsonata;
  readonly Cause?: string | Jsonata;
}

export type ParallelState = StateBase &
  Transition & {
    readonly Type: 'Parallel';
    readonly Branches: readonly StateMachineDefinition[];
    readonly Arguments?: JsonValue;
    readonly Retry?: readonly Retrier[];
    readonly Catch?: readonly Catcher[];
  };

export type MapState = StateBase &
  Transition & {
    readonly Type: 'Map';
    readonly Items?: JsonValue;
    readonly ItemSelector?: JsonValue;
    readonly ItemProcessor: StateMachineDefinition & { readonly ProcessorConfig?: { readonly Mode: 'INLINE' | 'DISTRIBUTED'; readonly ExecutionType?: 'STANDARD' | 'EXPRESS' } };
    readonly MaxConcurrency?: number | Jsonata;
    readonly Retry?: readonly Retrier[];
    readonly Catch?: readonly Catcher[];
  };

export type State = TaskState | PassState | WaitState | ChoiceState | SucceedState | FailState | ParallelState | MapState;

export interface StateMachineDefinition {
  readonly Comment?: string;
  readonly QueryLanguage?: QueryLanguage;
  readonly StartAt: string;
  readonly States: Readonly<Record<string, State>>;
  readonly TimeoutSeconds?: number;
}
