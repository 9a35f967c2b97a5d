/**
 * A state machine definition that CreateStateMachine, UpdateStateMachine or
 * ValidateStateMachineDefinition rejects. `message` is worded as AWS words it
 * (`Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: ... at /States/X'`).
 */
export class InvalidDefinitionError extends Error {
  public constructor(
    message: string,
    /** Each problem found, `CODE: text at /path`. */
    public readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = 'InvalidDefinitionError';
  }

  /** Builds the AWS-worded error from individual problems. */
  public static fromProblems(problems: readonly string[]): InvalidDefinitionError {
    const text = problems.length === 1 ? `'${problems[0]}'` : `${problems.length} validation errors detected: ${problems.map((p) => `'${p}'`).join(', ')}`;
    return new InvalidDefinitionError(`Invalid State Machine Definition: ${text}`, problems);
  }
}
