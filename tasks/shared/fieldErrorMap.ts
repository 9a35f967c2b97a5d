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

/**
 * Messages for a client rather than zod's defaults: a missing field "is required", a field of
 * the wrong JSON type "must be a string, got a number", an unknown option "must be one of A, B".
 * Messages a contract sets itself win, as do zod's for every other kind of issue.
 */
export const fieldErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_value') return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${issue.values.map(String).join(', ')}`;
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined) return 'is required';
  // A query parameter coerced to a number that is not one.
  if (typeof issue.input === 'number' && Number.isNaN(issue.input)) return `must be ${withArticle(issue.expected)}`;
  return `must be ${withArticle(issue.expected)}, got ${described(issue.input)}`;
};
