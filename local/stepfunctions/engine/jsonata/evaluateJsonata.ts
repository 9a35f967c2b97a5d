import jsonata from 'jsonata';
import { STATES_ERRORS, StatesError } from '../../errors/StatesError';
import { contextObject, stateError, type StateInvocation } from '../StateInvocation';
import { awsJsonataFunctions } from './awsJsonataFunctions';

/** What `$states` holds for one evaluation. */
export interface StatesBinding {
  readonly input: unknown;
  readonly result?: unknown;
  readonly errorOutput?: unknown;
}

const EXPRESSION = /^\{%([\s\S]*)%\}$/;
const compiled = new Map<string, jsonata.Expression>();

/** The JSONata text of a `{% ... %}` string, or undefined for any other value. */
export function jsonataExpressionOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = EXPRESSION.exec(value);
  return m === null ? undefined : (m[1] as string).trim();
}

/**
 * Evaluates a JSONata template: every `{% %}` string inside it (at any depth) is replaced by
 * its value; everything else is kept as written. An error names the member it came from, as AWS
 * does (`Assign/result`, `Arguments/FunctionName`; an item of a list by its index, `Output/list/0`).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 */
export async function evaluateJsonataTemplate(inv: StateInvocation, template: unknown, states: StatesBinding, field: string): Promise<unknown> {
  if (Array.isArray(template)) {
    const out: unknown[] = [];
    for (let i = 0; i < template.length; i++) out.push(await evaluateJsonataTemplate(inv, template[i], states, `${field}/${i}`));
    return out;
  }
  if (typeof template === 'object' && template !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) out[key] = await evaluateJsonataTemplate(inv, value, states, `${field}/${key}`);
    return out;
  }
  const expression = jsonataExpressionOf(template);
  if (expression === undefined) return template;
  return evaluateJsonataExpression(inv, expression, states, field);
}

/** Evaluates one JSONata expression with `$states` and the workflow variables bound. */
export async function evaluateJsonataExpression(inv: StateInvocation, expression: string, states: StatesBinding, field: string): Promise<unknown> {
  const { deps } = inv.flow.runtime;
  let result: unknown;
  try {
    let program = compiled.get(expression);
    if (program === undefined) {
      program = jsonata(expression);
      if (compiled.size > 5000) compiled.clear();
      compiled.set(expression, program);
    }
    const bindings: Record<string, unknown> = {
      ...inv.variables.all(),
      ...awsJsonataFunctions(deps.random ?? Math.random),
      states: { ...states, context: contextObject(inv) },
    };
    result = await program.evaluate(undefined, bindings);
  } catch (error) {
    if (error instanceof StatesError) throw stateError(inv, error.error, error.cause);
    const message = (error as { message?: string }).message ?? String(error);
    throw stateError(inv, STATES_ERRORS.QueryEvaluationError, `The JSONata expression '${expression}' specified for the field '${field}' threw an error during evaluation. ${message}`);
  }
  if (typeof result === 'function' || isJsonataFunction(result)) {
    throw stateError(inv, STATES_ERRORS.QueryEvaluationError, `The JSONata expression '${expression}' specified for the field '${field}' returned an unsupported result type.`);
  }
  if (result === undefined) {
    throw stateError(inv, STATES_ERRORS.QueryEvaluationError, `The JSONata expression '${expression}' specified for the field '${field}' returned nothing (undefined).`);
  }
  return normalizeJsonataValue(result);
}

/** JSONata sequences carry hidden flags; turn results into plain JSON values. */
function normalizeJsonataValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeJsonataValue);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && typeof v !== 'function') out[k] = normalizeJsonataValue(v);
    return out;
  }
  return value;
}

/** JSONata lambdas and native function references are objects carrying these markers. */
function isJsonataFunction(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const marked = value as { _jsonata_lambda?: unknown; _jsonata_function?: unknown };
  return marked._jsonata_lambda === true || marked._jsonata_function === true;
}
