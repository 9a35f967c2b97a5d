import { STATES_ERRORS, type StatesError } from '../errors/StatesError';
import type { StateInvocation } from './StateInvocation';

const reported = new WeakSet<StatesError>();

/**
 * Records the EvaluationFailed event AWS writes when a JSONata or query evaluation fails
 * (`States.QueryEvaluationError`), once per error.
 */
export function recordEvaluationFailure(inv: StateInvocation, error: StatesError): void {
  if (error.error !== STATES_ERRORS.QueryEvaluationError || reported.has(error)) return;
  reported.add(error);
  const location = /specified for the field '([^']+)'/.exec(error.cause)?.[1];
  inv.flow.record('EvaluationFailed', { error: error.error, cause: error.cause, state: inv.state.Name, ...(location === undefined ? {} : { location }) });
}
