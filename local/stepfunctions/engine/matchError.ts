import { HeartbeatTimeoutError } from '../errors/HeartbeatTimeoutError';
import { STATES_ERRORS, type StatesError } from '../errors/StatesError';

/** Errors no wildcard reaches: AWS ends the execution on them whatever Retry/Catch say. */
const TERMINAL: ReadonlySet<string> = new Set([STATES_ERRORS.Runtime, STATES_ERRORS.DataLimitExceeded]);

/**
 * Whether a Retry/Catch `ErrorEquals` list matches an error.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-error-representation
 */
export function matchesError(errorEquals: readonly string[], error: StatesError): boolean {
  for (const name of errorEquals) {
    if (name === error.error && !TERMINAL.has(name)) return true;
    if (name === STATES_ERRORS.ALL && !TERMINAL.has(error.error)) return true;
    if (name === STATES_ERRORS.HeartbeatTimeout && error instanceof HeartbeatTimeoutError) return true;
    if (name === STATES_ERRORS.TaskFailed && !TERMINAL.has(error.error) && error.error !== STATES_ERRORS.Timeout && !error.error.startsWith('States.')) return true;
  }
  return false;
}
