/**
 * Errors of SendTaskHeartbeat/Success/Failure that mean the task is gone: the execution timed the
 * task out, failed, or was stopped, so this message is a stale redelivery.
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskHeartbeat.html
 */
export const STALE_TOKEN_ERRORS = ['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'] as const;

/** True when the SDK error says the task token no longer has a task waiting on it. */
export function isStaleTokenError(error: unknown): boolean {
  return error instanceof Error && (STALE_TOKEN_ERRORS as readonly string[]).includes(error.name);
}
