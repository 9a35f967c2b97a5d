import { isPlainObject, type EventPattern, type PatternMatcher } from './parseEventPattern';

/**
 * Whether an event matches a (validated) pattern: every field of the pattern must match; a leaf
 * matches when any of its matchers matches the event value (or, for an array value, any element).
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 */
export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  return matchObject(pattern, event);
}

function matchObject(pattern: EventPattern, value: unknown): boolean {
  for (const [key, rule] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!(rule as readonly EventPattern[]).some((alternative) => matchObject(alternative, value))) return false;
      continue;
    }
    const field = isPlainObject(value) ? value[key] : undefined;
    if (Array.isArray(rule)) {
      if (!matchLeaf(rule as readonly PatternMatcher[], field)) return false;
    } else if (Array.isArray(field)) {
      // A nested pattern against an array of objects matches when one element matches.
      if (!field.some((element) => matchObject(rule as EventPattern, element))) return false;
    } else if (!matchObject(rule as EventPattern, field)) {
      return false;
    }
  }
  return true;
}

function matchLeaf(matchers: readonly PatternMatcher[], value: unknown): boolean {
  if (value === undefined) return matchers.some((m) => isPlainObject(m) && m.exists === false);
  if (isPlainObject(value)) return false;
  const values: readonly unknown[] = Array.isArray(value) ? value : [value];
  return matchers.some((matcher) => {
    if (isPlainObject(matcher) && 'exists' in matcher) return matcher.exists === true && values.length > 0;
    return values.some((v) => matchOne(matcher, v));
  });
}

function matchOne(matcher: PatternMatcher, value: unknown): boolean {
  if (!isPlainObject(matcher)) return matcher === value;
  const [operator] = Object.keys(matcher);
  const operand = matcher[operator ?? ''];
  switch (operator) {
    case 'prefix':
      return matchAffix(operand, value, (s, a) => s.startsWith(a));
    case 'suffix':
      return matchAffix(operand, value, (s, a) => s.endsWith(a));
    case 'equals-ignore-case':
      return typeof value === 'string' && typeof operand === 'string' && value.toLowerCase() === operand.toLowerCase();
    case 'wildcard':
      return typeof value === 'string' && typeof operand === 'string' && wildcardRegExp(operand).test(value);
    case 'numeric':
      return typeof value === 'number' && matchNumeric(operand as readonly (string | number)[], value);
    case 'anything-but':
      return matchAnythingBut(operand, value);
    default:
      return false;
  }
}

function matchAffix(operand: unknown, value: unknown, test: (text: string, affix: string) => boolean): boolean {
  if (typeof value !== 'string') return false;
  if (typeof operand === 'string') return test(value, operand);
  const ignoreCase = isPlainObject(operand) ? operand['equals-ignore-case'] : undefined;
  return typeof ignoreCase === 'string' && test(value.toLowerCase(), ignoreCase.toLowerCase());
}

function matchNumeric(conditions: readonly (string | number)[], value: number): boolean {
  for (let i = 0; i < conditions.length; i += 2) {
    const bound = Number(conditions[i + 1]);
    switch (conditions[i]) {
      case '<': if (!(value < bound)) return false; break;
      case '<=': if (!(value <= bound)) return false; break;
      case '=': if (value !== bound) return false; break;
      case '>': if (!(value > bound)) return false; break;
      case '>=': if (!(value >= bound)) return false; break;
      default: return false;
    }
  }
  return true;
}

function matchAnythingBut(operand: unknown, value: unknown): boolean {
  if (Array.isArray(operand)) return !operand.includes(value);
  if (!isPlainObject(operand)) return operand !== value;
  if (typeof value !== 'string') return false;
  const [key] = Object.keys(operand);
  const inner = operand[key ?? ''];
  switch (key) {
    case 'prefix': return typeof inner === 'string' && !value.startsWith(inner);
    case 'suffix': return typeof inner === 'string' && !value.endsWith(inner);
    case 'wildcard': return typeof inner === 'string' && !wildcardRegExp(inner).test(value);
    case 'equals-ignore-case': {
      const list = Array.isArray(inner) ? inner : [inner];
      return !list.some((s) => typeof s === 'string' && s.toLowerCase() === value.toLowerCase());
    }
    default: return false;
  }
}

function wildcardRegExp(pattern: string): RegExp {
  const source = pattern
    .split(/(\\\*|\*)/)
    .map((part) => (part === '*' ? '.*' : part === '\\*' ? '\\*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 's');
}
