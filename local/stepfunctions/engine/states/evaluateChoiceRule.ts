import type { ChoiceRule } from '../../definition/types';
import { parseRfc3339 } from '../../definition/rfc3339';
import { resolvePath } from '../jsonpath/jsonPathSteps';
import type { StateInvocation } from '../StateInvocation';

/**
 * Evaluates a JSONPath Choice rule (comparison operators, And, Or, Not).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html#amazon-states-language-choice-state-rules
 */
export function evaluateChoiceRule(inv: StateInvocation, rule: ChoiceRule, input: unknown): boolean {
  if (rule.And !== undefined) return rule.And.every((r) => evaluateChoiceRule(inv, r, input));
  if (rule.Or !== undefined) return rule.Or.some((r) => evaluateChoiceRule(inv, r, input));
  if (rule.Not !== undefined) return !evaluateChoiceRule(inv, rule.Not, input);
  if (rule.Variable === undefined) return false;
  const variable = resolvePath(inv, rule.Variable, input);
  for (const [operator, operand] of Object.entries(rule)) {
    if (operator === 'Variable' || operator === 'Next' || operator === 'Assign' || operator === 'Output' || operator === 'Comment') continue;
    if (operator === 'IsPresent') return variable.found === operand;
    if (!variable.found) return false;
    const value = variable.value;
    if (operator === 'IsNull') return (value === null) === operand;
    if (operator === 'IsNumeric') return (typeof value === 'number') === operand;
    if (operator === 'IsString') return (typeof value === 'string') === operand;
    if (operator === 'IsBoolean') return (typeof value === 'boolean') === operand;
    if (operator === 'IsTimestamp') return (typeof value === 'string' && parseRfc3339(value) !== undefined) === operand;
    let expected = operand;
    let name = operator;
    if (operator.endsWith('Path') && typeof operand === 'string') {
      const resolved = resolvePath(inv, operand, input);
      if (!resolved.found) return false;
      expected = resolved.value;
      name = operator.slice(0, -4);
    }
    return compare(name, value, expected);
  }
  return false;
}

function compare(operator: string, value: unknown, expected: unknown): boolean {
  const m = /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals|Matches)$/.exec(operator);
  if (m === null) return false;
  const [, kind, relation] = m as unknown as [string, string, string];
  let a: string | number | boolean;
  let b: string | number | boolean;
  if (kind === 'String') {
    if (typeof value !== 'string' || typeof expected !== 'string') return false;
    if (relation === 'Matches') return wildcardMatch(value, expected);
    [a, b] = [value, expected];
  } else if (kind === 'Numeric') {
    if (typeof value !== 'number' || typeof expected !== 'number') return false;
    [a, b] = [value, expected];
  } else if (kind === 'Boolean') {
    if (typeof value !== 'boolean' || typeof expected !== 'boolean') return false;
    return relation === 'Equals' && value === expected;
  } else {
    const x = typeof value === 'string' ? parseRfc3339(value) : undefined;
    const y = typeof expected === 'string' ? parseRfc3339(expected) : undefined;
    if (x === undefined || y === undefined) return false;
    [a, b] = [x, y];
  }
  switch (relation) {
    case 'Equals':
      return a === b;
    case 'LessThan':
      return a < b;
    case 'GreaterThan':
      return a > b;
    case 'LessThanEquals':
      return a <= b;
    case 'GreaterThanEquals':
      return a >= b;
    default:
      return false;
  }
}

/** StringMatches: `*` matches any run of characters, `\*` and `\\` are literal. */
/** Compiled StringMatches patterns: a rule's pattern is compiled once, not on every evaluation. */
const WILDCARDS = new Map<string, RegExp>();

function wildcardMatch(value: string, pattern: string): boolean {
  let compiled = WILDCARDS.get(pattern);
  if (compiled === undefined) {
    if (WILDCARDS.size >= 5000) WILDCARDS.clear();
    compiled = wildcardRegex(pattern);
    WILDCARDS.set(pattern, compiled);
  }
  return compiled.test(value);
}

function wildcardRegex(pattern: string): RegExp {
  let regex = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\' && i + 1 < pattern.length) {
      regex += escapeRegex(pattern[++i] as string);
    } else if (ch === '*') regex += '[\\s\\S]*';
    else regex += escapeRegex(ch);
  }
  return new RegExp(`^${regex}$`);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
