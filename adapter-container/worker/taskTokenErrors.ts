/**
 * Errors of SendTaskHeartbeat/Success/Failure that mean no task waits on this token any more, so
 * the message is a stale redelivery: `TaskTimedOut` (the execution timed the task out),
 * `TaskDoesNotExist` (the task ended: it succeeded, failed, or its execution was stopped) and
 * `InvalidToken` (Step Functions does not know the token at all — Step Functions answers that for
 * a token it cannot read, and the local cloud also for one it handed out before a restart without
 * `--data`).
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskHeartbeat.html
 */
export const STALE_TOKEN_ERRORS = ['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'] as const;

/** True when the SDK error says the task token no longer has a task waiting on it. */
export function isStaleTokenError(error: unknown): boolean {
  return error instanceof Error && (STALE_TOKEN_ERRORS as readonly string[]).includes(error.name);
}
