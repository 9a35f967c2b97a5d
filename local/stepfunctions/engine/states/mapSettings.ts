import type { MapState } from '../../definition/types';
import { STATES_ERRORS } from '../../errors/StatesError';
import { evaluateJsonataTemplate } from '../jsonata/evaluateJsonata';
import { resolvePath } from '../jsonpath/jsonPathSteps';
import { stateError, type StateInvocation } from '../StateInvocation';

type MapInvocation = StateInvocation & { readonly state: MapState };

/**
 * MaxConcurrency(Path) of a Map state; 0 means unlimited.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
 */
export async function maxConcurrency(inv: MapInvocation, rawInput: unknown, input: unknown): Promise<number> {
  const { state } = inv;
  if (state.MaxConcurrencyPath !== undefined) return integerAt(inv, 'MaxConcurrencyPath', state.MaxConcurrencyPath, input);
  const value = await jsonataOrLiteral(inv, state.MaxConcurrency, rawInput, 'MaxConcurrency');
  return typeof value === 'number' ? value : 0;
}

/** ToleratedFailureCount(Path) and ToleratedFailurePercentage(Path), validated as AWS does. */
export async function toleratedFailures(inv: MapInvocation, rawInput: unknown, input: unknown): Promise<{ count: number; percentage: number }> {
  const { state } = inv;
  let count: number;
  if (state.ToleratedFailureCountPath !== undefined) count = integerAt(inv, 'ToleratedFailureCountPath', state.ToleratedFailureCountPath, input);
  else {
    const value = await jsonataOrLiteral(inv, state.ToleratedFailureCount, rawInput, 'ToleratedFailureCount');
    count = typeof value === 'number' ? value : 0;
  }
  if (count < 0) throw stateError(inv, STATES_ERRORS.Runtime, 'ToleratedFailureCount cannot be negative.');
  let percentage: number;
  if (state.ToleratedFailurePercentagePath !== undefined) {
    const value = valueAt(inv, state.ToleratedFailurePercentagePath, input);
    if (typeof value !== 'number') {
      throw stateError(inv, STATES_ERRORS.Runtime, `The ToleratedFailurePercentagePath field refers to value "${display(value)}" which is not a valid float: ${state.ToleratedFailurePercentagePath}`);
    }
    percentage = value;
  } else {
    const value = await jsonataOrLiteral(inv, state.ToleratedFailurePercentage, rawInput, 'ToleratedFailurePercentage');
    percentage = typeof value === 'number' ? value : 0;
  }
  if (percentage < 0 || percentage > 100) throw stateError(inv, STATES_ERRORS.Runtime, 'ToleratedFailurePercentage must be between 0 and 100.');
  return { count, percentage };
}

async function jsonataOrLiteral(inv: MapInvocation, value: unknown, rawInput: unknown, field: string): Promise<unknown> {
  if (typeof value === 'string' && inv.state.QueryLanguage === 'JSONata') return evaluateJsonataTemplate(inv, value, { input: rawInput }, field);
  return value;
}

function integerAt(inv: MapInvocation, field: string, path: string, input: unknown): number {
  const value = valueAt(inv, path, input);
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw stateError(inv, STATES_ERRORS.Runtime, `The ${field} field refers to value "${display(value)}" which is not a valid integer: ${path}`);
  }
  return value;
}

function valueAt(inv: MapInvocation, path: string, input: unknown): unknown {
  const result = resolvePath(inv, path, input);
  return result.found ? result.value : null;
}

function display(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
