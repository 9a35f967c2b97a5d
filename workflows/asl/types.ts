/**
 * Amazon States Language as TypeScript types, JSONata flavour first (our workflows use it), with
 * the JSONPath fields a definition may still carry. https://states-language.net/spec.html and
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 *
 * Every state type takes `S`, the names of the states it may go to (`Next`, `Default`, a Choice
 * rule's or a Catch's `Next`): `defineWorkflow` sets it to the keys of `States`, so a dangling
 * transition fails `tsc`. It defaults to `string` for a definition read back as data.
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

export interface Catcher<S extends string = string> {
  readonly ErrorEquals: readonly string[];
  readonly Next: S;
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
type Transition<S extends string> = { readonly Next: S; readonly End?: never } | { readonly End: true; readonly Next?: never };

interface TaskFields<S extends string> extends StateBase {
  readonly Type: 'Task';
  readonly Resource: string;
  readonly Arguments?: JsonValue;
  readonly TimeoutSeconds?: number | Jsonata;
  readonly HeartbeatSeconds?: number | Jsonata;
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher<S>[];
}

export type TaskState<S extends string = string> = TaskFields<S> & Transition<S>;

/**
 * A Task state that goes on to `Next`: what the step helpers build. A named type of its own so
 * that a wrong `next` reads `Type 'TaskStep<"Typo">' is not assignable …: Types of property 'Next'
 * are incompatible`, rather than an elaboration of the `End` alternative.
 */
export interface TaskStep<S extends string = string> extends TaskFields<S> {
  readonly Next: S;
  readonly End?: never;
}

export type PassState<S extends string = string> = StateBase & Transition<S> & { readonly Type: 'Pass' };

export type WaitState<S extends string = string> = StateBase &
  Transition<S> & { readonly Type: 'Wait' } & ({ readonly Seconds: number | Jsonata } | { readonly Timestamp: string | Jsonata });

export interface ChoiceRule<S extends string = string> {
  readonly Condition: Jsonata;
  readonly Next: S;
  readonly Assign?: Readonly<Record<string, JsonValue>>;
  readonly Output?: JsonValue;
  readonly Comment?: string;
}

export type ChoiceState<S extends string = string> = Omit<StateBase, 'Output'> & {
  readonly Type: 'Choice';
  readonly Choices: readonly ChoiceRule<S>[];
  readonly Default?: S;
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

/**
 * A Parallel branch or a Map processor goes only to its own states, so each is a set of states
 * of its own: a `Branch` from `defineBranch`, whose names the compiler checked apart from ours.
 */
export type ParallelState<S extends string = string> = StateBase &
  Transition<S> & {
    readonly Type: 'Parallel';
    readonly Branches: readonly Branch[];
    readonly Arguments?: JsonValue;
    readonly Retry?: readonly Retrier[];
    readonly Catch?: readonly Catcher<S>[];
  };

export interface ProcessorConfig {
  readonly Mode: 'INLINE' | 'DISTRIBUTED';
  readonly ExecutionType?: 'STANDARD' | 'EXPRESS';
}

export type MapState<S extends string = string> = StateBase &
  Transition<S> & {
    readonly Type: 'Map';
    readonly Items?: JsonValue;
    readonly ItemSelector?: JsonValue;
    readonly ItemProcessor: Branch;
    readonly MaxConcurrency?: number | Jsonata;
    /** Iterations that may fail before the Map does (0–100). @default 0 */
    readonly ToleratedFailurePercentage?: number | Jsonata;
    readonly Retry?: readonly Retrier[];
    readonly Catch?: readonly Catcher<S>[];
  };

export type State<S extends string = string> =
  | TaskState<S>
  | PassState<S>
  | WaitState<S>
  | ChoiceState<S>
  | SucceedState
  | FailState
  | ParallelState<S>
  | MapState<S>;

/** A set of states: a whole state machine, a Parallel branch or a Map processor. */
export interface StatesDefinition {
  readonly Comment?: string;
  readonly QueryLanguage?: QueryLanguage;
  readonly StartAt: string;
  readonly States: Readonly<Record<string, State>>;
}

export interface StateMachineDefinition extends StatesDefinition {
  readonly TimeoutSeconds?: number;
}

declare const checkedGraph: unique symbol;

/**
 * A Parallel branch or Map processor built by `defineBranch`: its transitions were checked against
 * its own state names. (The mark exists only for the compiler; nothing carries it at run time.)
 */
export type Branch = StatesDefinition & { readonly ProcessorConfig?: ProcessorConfig; readonly [checkedGraph]: true };
