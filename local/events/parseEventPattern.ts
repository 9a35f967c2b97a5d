import { EventPatternError } from './EventPatternError';

/** A parsed, validated event pattern: nested objects whose leaves are arrays of matchers. */
export type EventPattern = { readonly [key: string]: readonly PatternMatcher[] | EventPattern | readonly EventPattern[] };

/** A literal (exact match) or a content-filter object such as `{"prefix": "inv-"}`. */
export type PatternMatcher = string | number | boolean | null | { readonly [operator: string]: unknown };

const OPERATORS = ['prefix', 'suffix', 'anything-but', 'numeric', 'exists', 'equals-ignore-case', 'wildcard'] as const;
const NUMERIC_OPERATORS = ['<', '<=', '=', '>', '>='];

/**
 * Parses and validates an event pattern as PutRule does.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */
export function parseEventPattern(text: string): EventPattern {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EventPatternError(`Filter is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!isPlainObject(value)) throw new EventPatternError('Filter is not an object');
  validateObject(value, '');
  return value as EventPattern;
}

function validateObject(pattern: Record<string, unknown>, path: string): void {
  if (Object.keys(pattern).length === 0 && path === '') throw new EventPatternError('Empty objects are not allowed');
  for (const [key, rule] of Object.entries(pattern)) {
    const where = path === '' ? key : `${path}.${key}`;
    if (key === '$or') {
      if (!Array.isArray(rule) || rule.length < 2 || !rule.every(isPlainObject)) throw new EventPatternError(`"$or" at "${where}" must be an array of at least 2 objects`);
      for (const alternative of rule as Record<string, unknown>[]) validateObject(alternative, path);
    } else if (Array.isArray(rule)) {
      if (rule.length === 0) throw new EventPatternError(`Empty arrays are not allowed (at "${where}")`);
      for (const matcher of rule) validateMatcher(matcher, where);
    } else if (isPlainObject(rule)) {
      if (Object.keys(rule).length === 0) throw new EventPatternError(`Empty objects are not allowed (at "${where}")`);
      validateObject(rule, where);
    } else {
      throw new EventPatternError(`Match value must be String, number, true, false, or null (at "${where}": ${JSON.stringify(rule)} must be inside an array)`);
    }
  }
}

function validateMatcher(matcher: unknown, where: string): void {
  if (matcher === null || typeof matcher === 'string' || typeof matcher === 'number' || typeof matcher === 'boolean') return;
  if (!isPlainObject(matcher)) throw new EventPatternError(`Match value must be String, number, true, false, or null (at "${where}")`);
  const keys = Object.keys(matcher);
  const operator = keys[0];
  if (keys.length !== 1 || operator === undefined) throw new EventPatternError(`A content filter object must have exactly one key (at "${where}")`);
  const operand = matcher[operator];
  switch (operator as (typeof OPERATORS)[number]) {
    case 'prefix':
    case 'suffix':
      if (typeof operand === 'string' || (isPlainObject(operand) && typeof operand['equals-ignore-case'] === 'string' && Object.keys(operand).length === 1)) return;
      throw new EventPatternError(`"${operator}" must be a string (at "${where}")`);
    case 'equals-ignore-case':
    case 'wildcard':
      if (typeof operand === 'string') return;
      throw new EventPatternError(`"${operator}" must be a string (at "${where}")`);
    case 'exists':
      if (typeof operand === 'boolean') return;
      throw new EventPatternError(`exists match pattern must be either true or false (at "${where}")`);
    case 'numeric':
      validateNumeric(operand, where);
      return;
    case 'anything-but':
      validateAnythingBut(operand, where);
      return;
    default:
      throw new EventPatternError(`Unsupported content filter "${operator}" (at "${where}"); the local cloud supports ${OPERATORS.join(', ')}`);
  }
}

function validateNumeric(operand: unknown, where: string): void {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0 || operand.length > 4) {
    throw new EventPatternError(`Value of numeric must be an array of one or two operator/number pairs (at "${where}")`);
  }
  for (let i = 0; i < operand.length; i += 2) {
    if (!NUMERIC_OPERATORS.includes(String(operand[i]))) throw new EventPatternError(`Unrecognized numeric range operator: ${JSON.stringify(operand[i])} (at "${where}")`);
    if (typeof operand[i + 1] !== 'number') throw new EventPatternError(`Value of ${String(operand[i])} must be numeric (at "${where}")`);
  }
  if (operand.length === 4 && (operand[0] === '=' || operand[2] === '=')) throw new EventPatternError(`"=" cannot be part of a range (at "${where}")`);
}

function validateAnythingBut(operand: unknown, where: string): void {
  if (operand === null || typeof operand === 'string' || typeof operand === 'number' || typeof operand === 'boolean') return;
  if (Array.isArray(operand)) {
    if (operand.length > 0 && operand.every((v) => typeof v === 'string' || typeof v === 'number')) return;
    throw new EventPatternError(`Inside anything but list, only strings and numbers are allowed (at "${where}")`);
  }
  if (isPlainObject(operand) && Object.keys(operand).length === 1) {
    const [key] = Object.keys(operand);
    const inner = operand[key ?? ''];
    if ((key === 'prefix' || key === 'suffix' || key === 'wildcard') && typeof inner === 'string') return;
    if (key === 'equals-ignore-case' && (typeof inner === 'string' || (Array.isArray(inner) && inner.every((v) => typeof v === 'string')))) return;
  }
  throw new EventPatternError(`Value of anything-but must be a value, an array of values, or {prefix|suffix|wildcard|equals-ignore-case} (at "${where}")`);
}

/** True for `{...}` but not arrays or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
