import jsonata from 'jsonata';
import { STATES_ERRORS, StatesError } from '../../errors/StatesError';
import { contextObject, stateError, type StateInvocation } from '../StateInvocation';
import { awsJsonataFunctions } from './awsJsonataFunctions';
import { compileFastJsonata, type FastProgram, type FastScope } from './compileFastJsonata';
import { BAIL } from './fastJsonataFunctions';

/** What `$states` holds for one evaluation. */
export interface StatesBinding {
  readonly input: unknown;
  readonly result?: unknown;
  readonly errorOutput?: unknown;
}

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

/** An expression compiled once: jsonata's program, and the fast one when its shape has one. */
interface Compiled {
  readonly general: jsonata.Expression;
  readonly fast: FastProgram | undefined;
}
const compiled = new Map<string, Compiled>();

function compiledOf(expression: string): Compiled {
  let program = compiled.get(expression);
  if (program === undefined) {
    const general = jsonata(expression);
    program = { general, fast: compileFastJsonata(general.ast()) };
    if (compiled.size > 5000) compiled.clear();
    compiled.set(expression, program);
  }
  return program;
}

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
  // The whole template at once without a promise per member when every expression in it has a
  // fast answer; otherwise all of it again, in the same order, by jsonata (expressions are pure, and
  // the ones that are not — $random, $uuid — never have a fast program).
  const fast = fastTemplate(template, fastScope(inv, states));
  if (fast !== BAIL) return fast;
  return evaluateGeneralTemplate(inv, template, states, field);
}

function fastTemplate(template: unknown, scope: FastScope): unknown {
  if (Array.isArray(template)) {
    const out: unknown[] = [];
    for (const item of template) {
      const value = fastTemplate(item, scope);
      if (value === BAIL) return BAIL;
      out.push(value);
    }
    return out;
  }
  if (typeof template === 'object' && template !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(template)) {
      const value = fastTemplate(item, scope);
      if (value === BAIL) return BAIL;
      out[key] = value;
    }
    return out;
  }
  const expression = jsonataExpressionOf(template);
  if (expression === undefined) return template;
  return fastValue(compiledOf(expression).fast, scope);
}

/** The fast program's answer, or BAIL when it has none or leaves this value to jsonata (undefined included: jsonata words that error). */
function fastValue(program: FastProgram | undefined, scope: FastScope): unknown {
  if (program === undefined) return BAIL;
  try {
    const value = program(scope);
    return value === undefined ? BAIL : value;
  } catch (error) {
    if (error === BAIL) return BAIL;
    throw error;
  }
}

/** What fast programs read, the context object built only when one reads it (a class: no closures made per evaluation). */
class InvocationScope implements FastScope {
  private context: Record<string, unknown> | undefined;

  public constructor(
    private readonly inv: StateInvocation,
    private readonly bound: StatesBinding,
  ) {}

  public states(field: string): unknown {
    if (field === 'context') return (this.context ??= contextObject(this.inv));
    return this.bound[field as keyof StatesBinding];
  }

  public has(name: string): boolean {
    return this.inv.variables.get(name).found;
  }

  public variable(name: string): unknown {
    const bound = this.inv.variables.get(name);
    if (!bound.found) throw BAIL;
    return bound.value;
  }
}

function fastScope(inv: StateInvocation, states: StatesBinding): FastScope {
  return new InvocationScope(inv, states);
}

async function evaluateGeneralTemplate(inv: StateInvocation, template: unknown, states: StatesBinding, field: string): Promise<unknown> {
  if (Array.isArray(template)) {
    const out: unknown[] = [];
    for (let i = 0; i < template.length; i++) out.push(await evaluateGeneralTemplate(inv, template[i], states, `${field}/${i}`));
    return out;
  }
  if (typeof template === 'object' && template !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) out[key] = await evaluateGeneralTemplate(inv, value, states, `${field}/${key}`);
    return out;
  }
  const expression = jsonataExpressionOf(template);
  if (expression === undefined) return template;
  // The fast path already bailed on this template: straight to jsonata, not the fast program again.
  return evaluateWithJsonata(inv, compiledOf(expression).general, expression, states, field);
}

/** Evaluates one JSONata expression with `$states` and the workflow variables bound. */
export async function evaluateJsonataExpression(inv: StateInvocation, expression: string, states: StatesBinding, field: string): Promise<unknown> {
  const program = compiledOf(expression);
  const fast = fastValue(program.fast, fastScope(inv, states));
  if (fast !== BAIL) return fast;
  return evaluateWithJsonata(inv, program.general, expression, states, field);
}

/** jsonata's own evaluation, with its errors worded as AWS words them. */
async function evaluateWithJsonata(inv: StateInvocation, general: jsonata.Expression, expression: string, states: StatesBinding, field: string): Promise<unknown> {
  const { deps } = inv.flow.runtime;
  let result: unknown;
  try {
    let context: Record<string, unknown> | undefined;
    const bindings: Record<string, unknown> = {
      ...inv.variables.all(),
      ...awsJsonataFunctions(deps.random ?? Math.random),
      states: {
        ...states,
        get context(): Record<string, unknown> {
          return (context ??= contextObject(inv));
        },
      },
    };
    result = await general.evaluate(undefined, bindings);
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
