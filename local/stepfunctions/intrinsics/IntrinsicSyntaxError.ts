/**
 * An expression that is not a valid intrinsic function call. AWS finds these when the state
 * machine is created (`SCHEMA_VALIDATION_FAILED: The value for the field 'x.$' must be a valid
 * JSONPath or a valid intrinsic function call at /States/<name>/Parameters`), so the engine should
 * call `isValidIntrinsicFunction` while validating a definition, not wait for an execution.
 */
export class IntrinsicSyntaxError extends Error {
  public constructor(
    public readonly expression: string,
    public readonly position: number,
    public readonly reason: string,
  ) {
    super(`Invalid intrinsic function call at position ${position}: ${reason}`);
    this.name = 'IntrinsicSyntaxError';
  }
}
