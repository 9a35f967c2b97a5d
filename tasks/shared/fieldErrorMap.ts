import type { z } from 'zod';

/** What a JSON value is, in words: `a string`, `an array`, `null`. */
function described(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return withArticle(typeof value);
}

/** `string` → `a string`, `object` → `an object`. */
function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** `1 item`, `2 characters`. */
function count(n: number | bigint, unit: string): string {
  return `${n} ${unit}${Number(n) === 1 ? '' : 's'}`;
}

/** A length or size bound in words: `must not be empty`, `must be at most 150 characters`, `must have at least 1 item`, `must be at least 60`. */
function bound(issue: { origin: string; inclusive?: boolean }, limit: number | bigint, side: 'least' | 'most'): string {
  const exclusive = issue.inclusive === false;
  switch (issue.origin) {
    case 'string':
      if (side === 'least' && Number(limit) === 1 && !exclusive) return 'must not be empty';
      return `must be at ${side} ${count(limit, 'character')}`;
    case 'array':
    case 'set':
      return `must have at ${side} ${count(limit, 'item')}`;
    default:
      return exclusive ? `must be ${side === 'least' ? 'greater' : 'less'} than ${limit}` : `must be at ${side} ${limit}`;
  }
}

/**
 * Messages for a client rather than zod's defaults: a missing field "is required", a field of
 * the wrong JSON type "must be a string, got a number", an unknown option "must be one of A, B",
 * a bound "must not be empty", "must be at most 150 characters", "must have at least 1 item".
 * Messages a contract sets itself win, as do zod's for every other kind of issue.
 */
export const fieldErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_value') return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'too_small') return bound(issue, issue.minimum, 'least');
  if (issue.code === 'too_big') return bound(issue, issue.maximum, 'most');
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined) return 'is required';
  // A query parameter coerced to a number that is not one.
  if (typeof issue.input === 'number' && Number.isNaN(issue.input)) return `must be ${withArticle(issue.expected)}`;
  return `must be ${withArticle(issue.expected)}, got ${described(issue.input)}`;
};
