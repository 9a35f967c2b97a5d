import { STATES_ERRORS, StatesError } from './StatesError';

/**
 * A missed heartbeat. AWS reports it as `States.Timeout` (in TaskTimedOut and ExecutionFailed)
 * while Retry and Catch may also match it as `States.HeartbeatTimeout`.
 */
export class HeartbeatTimeoutError extends StatesError {
  public constructor(cause = '') {
    super(STATES_ERRORS.Timeout, cause);
    this.name = 'HeartbeatTimeoutError';
  }
}
