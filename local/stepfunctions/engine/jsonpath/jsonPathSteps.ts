import { STATES_ERRORS, StatesError } from '../../errors/StatesError';
import type { IntrinsicScope } from '../IntrinsicEvaluator';
import { contextObject, stateError, toJsonText, type StateInvocation } from '../StateInvocation';
import { evaluateJsonPath, type PathResult } from './evaluateJsonPath';
import { parseJsonPath } from './parseJsonPath';

/**
 * The JSONPath input and output processing of a state: InputPath, Parameters, ResultSelector,
 * ResultPath, OutputPath.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
 */

/** Resolves a path against the state input (`$`), the context object (`$$`) or a variable (`$name`). */
export function resolvePath(inv: StateInvocation, path: string, input: unknown): PathResult {
  try {
    return evaluateJsonPath(path, { input, context: path.startsWith('$$') ? contextObject(inv) : undefined, variables: inv.variables });
  } catch {
    return { found: false };
  }
}

/** InputPath / OutputPath: null means `{}`, a path that matches nothing fails the state. */
export function applySelectPath(inv: StateInvocation, path: string | null | undefined, value: unknown): unknown {
  if (path === undefined) return value;
  if (path === null) return {};
  const result = resolvePath(inv, path, value);
  if (!result.found) throw stateError(inv, STATES_ERRORS.Runtime, `Invalid path '${path}' : No results for path: ${bracketNotation(path)}`);
  return result.value;
}

/** ResultPath: where the result goes in the state input. */
export function applyResultPath(inv: StateInvocation, path: string | null | undefined, input: unknown, result: unknown): unknown {
  if (path === undefined || path === '$') return result;
  if (path === null) return input;
  const parsed = parseJsonPath(path);
  if (parsed.root !== '$' || parsed.indefinite) throw stateError(inv, STATES_ERRORS.ResultPathMatchFailure, `Invalid ResultPath '${path}'`);
  const root: unknown = typeof input === 'object' && input !== null ? structuredCloneShallowPath(input) : {};
  let node = root as Record<string, unknown> | unknown[];
  const segments = parsed.segments;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment === undefined || (segment.kind !== 'key' && segment.kind !== 'index')) break;
    const key = segment.kind === 'key' ? segment.key : segment.index;
    const last = i === segments.length - 1;
    const container = node as Record<string | number, unknown>;
    if (last) {
      container[key] = result;
      break;
    }
    const child = container[key];
    const copy: unknown = Array.isArray(child) ? [...child] : typeof child === 'object' && child !== null ? { ...child } : undefined;
    if (copy === undefined) {
      if (child !== undefined) {
        throw new StatesError(STATES_ERRORS.ResultPathMatchFailure, `Unable to apply ResultPath "${path}" to input ${toJsonText(input)}`);
      }
      container[key] = {};
    } else container[key] = copy;
    node = container[key] as Record<string, unknown>;
  }
  return root;
}

/** Copies the top level only: ResultPath copies each level it walks down, so the input is never mutated. */
function structuredCloneShallowPath(input: object): unknown {
  return Array.isArray(input) ? [...input] : { ...input };
}

/**
 * A payload template (Parameters, ResultSelector, ItemSelector, Assign): fields ending in `.$`
 * take a path or an intrinsic function's value.
 */
export function evaluatePayloadTemplate(inv: StateInvocation, template: unknown, input: unknown): unknown {
  if (Array.isArray(template)) return template.map((item) => evaluatePayloadTemplate(inv, item, input));
  if (typeof template !== 'object' || template === null) return template;
  const out: Record<string, unknown> = {};
  for (const field of templateFields(template)) {
    out[field.key] = field.expression === undefined ? evaluatePayloadTemplate(inv, field.value, input) : evaluateDollarValue(inv, field.source, field.expression, input);
  }
  return out;
}

/** One field of a payload template, split once: `"key.$": "<expression>"` or `"key": <template>`. */
interface TemplateField {
  /** The key in the result (without `.$`). */
  readonly key: string;
  /** The key as written (error messages quote it). */
  readonly source: string;
  readonly expression?: string;
  readonly value?: unknown;
}

/** Templates come from definitions, which never change: each is split into fields once. */
const TEMPLATE_FIELDS = new WeakMap<object, readonly TemplateField[]>();

function templateFields(template: object): readonly TemplateField[] {
  let fields = TEMPLATE_FIELDS.get(template);
  if (fields === undefined) {
    fields = Object.entries(template).map(([key, value]): TemplateField =>
      key.endsWith('.$') && typeof value === 'string' ? { key: key.slice(0, -2), source: key, expression: value } : { key, source: key, value },
    );
    TEMPLATE_FIELDS.set(template, fields);
  }
  return fields;
}

/** The value of one `"key.$"` field. */
export function evaluateDollarValue(inv: StateInvocation, field: string, expression: string, input: unknown): unknown {
  if (expression.startsWith('$')) {
    const result = resolvePath(inv, expression, input);
    if (!result.found) {
      const source = expression.startsWith('$$') ? contextObject(inv) : input;
      throw stateError(inv, STATES_ERRORS.Runtime, `The JSONPath '${expression}' specified for the field '${field}' could not be found in the input '${toJsonText(source)}'`);
    }
    return result.value;
  }
  const { evaluateIntrinsic, random } = inv.flow.runtime.deps;
  try {
    return evaluateIntrinsic(expression, new StateIntrinsicScope(inv, input, random));
  } catch (error) {
    if (error instanceof StatesError) throw stateError(inv, error.error, error.cause);
    throw stateError(inv, STATES_ERRORS.IntrinsicFailure, (error as Error).message);
  }
}

/** What an intrinsic's path arguments read: the state input, the context object, the variables (a class: no closure per call). */
class StateIntrinsicScope implements IntrinsicScope {
  public constructor(
    private readonly inv: StateInvocation,
    private readonly input: unknown,
    public readonly random: (() => number) | undefined,
  ) {}

  public resolvePath(path: string): unknown {
    if (path === '$$') return contextObject(this.inv);
    const result = resolvePath(this.inv, path, this.input);
    return result.found ? result.value : undefined;
  }
}

/** `$.a.b[0]` → `$['a']['b'][0]`, as AWS prints paths in InputPath/OutputPath errors. */
export function bracketNotation(path: string): string {
  try {
    const parsed = parseJsonPath(path);
    const head = parsed.root === '$' ? '$' : parsed.root === '$$' ? '$$' : `$${parsed.root.variable}`;
    return head + parsed.segments.map((s) => (s.kind === 'key' ? `['${s.key}']` : s.kind === 'index' ? `[${s.index}]` : '[*]')).join('');
  } catch {
    return path;
  }
}
