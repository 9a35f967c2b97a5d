import type { MapState } from '../../definition/types';
import { STATES_ERRORS } from '../../errors/StatesError';
import { evaluateJsonataExpression, jsonataExpressionOf } from '../jsonata/evaluateJsonata';
import { resolvePath } from '../jsonpath/jsonPathSteps';
import { stateError, toJsonText, type StateInvocation } from '../StateInvocation';

type MapInvocation = StateInvocation & { readonly state: MapState };

/** How many failed items a Distributed Map tolerates before it fails. */
export interface ToleratedFailures {
  readonly count: number;
  readonly percentage: number;
}

/**
 * MaxConcurrency(Path) of a Map state; 0 means unlimited. A path may refer to a number or to a
 * string holding an integer (a variable assigned `"1"`), as on AWS.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
 */
export async function maxConcurrency(inv: MapInvocation, rawInput: unknown, input: unknown): Promise<number> {
  const { state } = inv;
  let value: number;
  if (state.MaxConcurrencyPath !== undefined) value = integerAt(inv, 'MaxConcurrencyPath', state.MaxConcurrencyPath, input);
  else value = (await jsonataOrLiteral(inv, state.MaxConcurrency, rawInput, 'MaxConcurrency', 'integer')) ?? 0;
  if (value < 0) throw stateError(inv, STATES_ERRORS.Runtime, `Expected non-negative integer for MaxConcurrency, got '${value}' instead.`);
  return value;
}

/**
 * ToleratedFailureCount(Path) and ToleratedFailurePercentage(Path), validated as AWS does.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/maprun-fail-threshold.html
 */
export async function toleratedFailures(inv: MapInvocation, rawInput: unknown, input: unknown): Promise<ToleratedFailures> {
  const { state } = inv;
  let count: number;
  if (state.ToleratedFailureCountPath !== undefined) count = integerAt(inv, 'ToleratedFailureCountPath', state.ToleratedFailureCountPath, input);
  else count = (await jsonataOrLiteral(inv, state.ToleratedFailureCount, rawInput, 'ToleratedFailureCount', 'integer')) ?? 0;
  if (count < 0) throw stateError(inv, STATES_ERRORS.Runtime, 'ToleratedFailureCount cannot be negative.');
  let percentage: number;
  if (state.ToleratedFailurePercentagePath !== undefined) percentage = floatAt(inv, 'ToleratedFailurePercentagePath', state.ToleratedFailurePercentagePath, input);
  else percentage = (await jsonataOrLiteral(inv, state.ToleratedFailurePercentage, rawInput, 'ToleratedFailurePercentage', 'number')) ?? 0;
  if (percentage < 0 || percentage > 100) throw stateError(inv, STATES_ERRORS.Runtime, 'ToleratedFailurePercentage must be between 0 and 100.');
  return { count, percentage };
}

/**
 * A literal number, or in a JSONata state the value of a `{% %}` expression, which must be of
 * the field's type (undefined when the field is absent).
 */
async function jsonataOrLiteral(inv: MapInvocation, value: number | string | undefined, rawInput: unknown, field: string, expected: 'integer' | 'number'): Promise<number | undefined> {
  if (typeof value === 'number' || value === undefined) return value;
  const expression = inv.state.QueryLanguage === 'JSONata' ? jsonataExpressionOf(value) : undefined;
  if (expression === undefined) return undefined;
  const result = await evaluateJsonataExpression(inv, expression, { input: rawInput }, field);
  if (typeof result === 'number' && (expected === 'number' || Number.isInteger(result))) return result;
  throw stateError(
    inv,
    STATES_ERRORS.QueryEvaluationError,
    `The JSONata expression '${expression}' specified for the field '${field}' returned an unexpected result type. Expected '${expected}', but was '${typeName(result)}' for value: ${toJsonText(result)}`,
  );
}

const INTEGER_TEXT = /^-?\d+$/;
const NUMBER_TEXT = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function integerAt(inv: MapInvocation, field: string, path: string, input: unknown): number {
  const value = valueAt(inv, path, input);
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && INTEGER_TEXT.test(value)) return Number(value);
  throw stateError(inv, STATES_ERRORS.Runtime, `The ${field} field refers to value "${display(value)}" which is not a valid integer: ${path}`);
}

function floatAt(inv: MapInvocation, field: string, path: string, input: unknown): number {
  const value = valueAt(inv, path, input);
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && NUMBER_TEXT.test(value)) return Number(value);
  throw stateError(inv, STATES_ERRORS.Runtime, `The ${field} field refers to value "${display(value)}" which is not a valid float: ${path}`);
}

function valueAt(inv: MapInvocation, path: string, input: unknown): unknown {
  const result = resolvePath(inv, path, input);
  return result.found ? result.value : null;
}

function display(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
