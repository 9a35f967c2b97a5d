/**
 * A failure inside an execution, as ASL sees it: an error name (`States.Runtime`,
 * `DynamoDB.ConditionalCheckFailedException`, `Provider.Transient`) and a cause text.
 * Retry and Catch match on `error`; the cause is shown to users exactly as AWS words it.
 */
export class StatesError extends Error {
  /** The JavaScript error this one was made from, if any (kept for logs, never shown in ASL). */
  public readonly source?: unknown;

  public constructor(
    public readonly error: string,
    public override readonly cause: string,
    options: { source?: unknown } = {},
  ) {
    super(`${error}: ${cause}`);
    this.name = 'StatesError';
    this.source = options.source;
  }
}

/** The predefined error names of the Amazon States Language. */
export const STATES_ERRORS = {
  ALL: 'States.ALL',
  Runtime: 'States.Runtime',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  TaskFailed: 'States.TaskFailed',
  Permissions: 'States.Permissions',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  QueryEvaluationError: 'States.QueryEvaluationError',
  BranchFailed: 'States.BranchFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
  DataLimitExceeded: 'States.DataLimitExceeded',
} as const;
export type StatesErrorName = (typeof STATES_ERRORS)[keyof typeof STATES_ERRORS];
