/**
 * An error answer of the Step Functions API (`{"__type": "ExecutionDoesNotExist", "message"}`).
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/CommonErrors.html
 */
export class ApiError extends Error {
  public constructor(
    public readonly type: string,
    message: string,
    public readonly status = 400,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The ValidationException AWS sends for a missing required member. */
export function missingMember(member: string): ApiError {
  return new ApiError('ValidationException', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}
