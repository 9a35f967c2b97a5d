/**
 * The JSONata built-ins the fast path evaluates itself, each only for the arguments whose answer
 * is plain (a string and a string for `$split`, an array of objects for `$merge`, ...). Anything
 * else — an undefined argument, a wrong type, a number that JSONata would format — throws
 * {@link BAIL}, and the expression is evaluated again by the jsonata library, which gives the
 * value or the error AWS gives. So these functions never need to reproduce an error message.
 * @see https://docs.jsonata.org/string-functions
 */

/** Thrown when an expression leaves the shapes the fast path knows: evaluate it with jsonata. */
export const BAIL: unique symbol = Symbol('jsonata fast path bails out');

export type FastFunction = (args: readonly unknown[]) => unknown;

/** A built-in with the number of arguments the fast path takes (JSONata gives a missing one the context, which is not plain). */
interface Builtin {
  readonly arity: readonly number[];
  readonly call: FastFunction;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An item's own member `name`, as jsonata's lookup reads it: nothing from a value that is not an
 * object; an item that is an array (jsonata maps over it, flattening as it goes) and an inherited
 * name are left to jsonata.
 */
export function member(item: unknown, name: string): unknown {
  if (Array.isArray(item)) throw BAIL;
  if (!isPlainObject(item)) return undefined;
  if (Object.hasOwn(item, name)) return item[name];
  if (name in item) throw BAIL;
  return undefined;
}

/** `$string` of a value whose text JSONata and JSON agree on; numbers only when integral (JSONata rounds the others to 15 digits). */
export function jsonataText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!isJsonWithIntegers(value)) throw BAIL;
  return JSON.stringify(value);
}

function isJsonWithIntegers(value: unknown): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(isJsonWithIntegers);
  if (isPlainObject(value)) return Object.values(value).every(isJsonWithIntegers);
  return false;
}

/** JSONata's `=` on two defined JSON values: deep equality. */
export function jsonataEquals(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left)) return Array.isArray(right) && left.length === right.length && left.every((item, i) => jsonataEquals(item, right[i]));
  if (isPlainObject(left) && isPlainObject(right)) {
    const keys = Object.keys(left);
    return keys.length === Object.keys(right).length && keys.every((key) => Object.hasOwn(right, key) && jsonataEquals(left[key], right[key]));
  }
  return false;
}

/** JSONata's `$boolean` cast of a condition, for the primitives (an array or an object throws {@link BAIL}). */
export function jsonataBoolean(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return value !== 0;
  throw BAIL;
}

function string(value: unknown): string {
  if (typeof value !== 'string') throw BAIL;
  return value;
}

/** The built-in `name` (without `$`) called with `count` arguments, or undefined when the fast path leaves it to jsonata. */
export function fastFunction(name: string, count: number): FastFunction | undefined {
  const builtin = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
  return builtin?.arity.includes(count) === true ? builtin.call : undefined;
}

const one = (call: FastFunction): Builtin => ({ arity: [1], call });

const BUILTINS: Readonly<Record<string, Builtin>> = {
  merge: one(([objects]) => {
    if (!Array.isArray(objects) || !objects.every(isPlainObject)) throw BAIL;
    return Object.assign({}, ...objects) as Record<string, unknown>;
  }),
  split: {
    arity: [2],
    call: ([text, separator]) => {
      if (string(separator) === '') throw BAIL;
      return string(text).split(string(separator));
    },
  },
  // The time of the evaluation, in ISO 8601 with milliseconds: jsonata's `$now()` without a picture.
  now: { arity: [0], call: () => new Date().toISOString() },
  count: one(([value]) => (value === undefined ? 0 : Array.isArray(value) ? value.length : 1)),
  exists: one(([value]) => value !== undefined),
  string: one(([value]) => {
    if (value === undefined) throw BAIL;
    return jsonataText(value);
  }),
  contains: {
    arity: [2],
    call: ([text, pattern]) => {
      const subject = string(text);
      if (typeof pattern === 'string') return subject.includes(pattern);
      if (pattern instanceof RegExp) return pattern.test(subject);
      throw BAIL;
    },
  },
  length: one(([text]) => [...string(text)].length),
  not: one(([value]) => {
    if (typeof value !== 'boolean') throw BAIL;
    return !value;
  }),
  uppercase: one(([text]) => string(text).toUpperCase()),
  lowercase: one(([text]) => string(text).toLowerCase()),
  // Step Functions' own $parse (awsJsonataFunctions): text that is not JSON is its error to word.
  parse: one(([text]) => {
    try {
      return JSON.parse(string(text)) as unknown;
    } catch {
      throw BAIL;
    }
  }),
  // An object's own member (an array maps over its items in jsonata; an inherited name is jsonata's).
  lookup: {
    arity: [2],
    call: ([object, key]) => {
      const name = string(key);
      if (!isPlainObject(object)) throw BAIL;
      return member(object, name);
    },
  },
  join: {
    arity: [1, 2],
    call: (args) => {
      const [items, separator] = args;
      if (!Array.isArray(items) || !items.every((item) => typeof item === 'string')) throw BAIL;
      return items.join(args.length > 1 ? string(separator) : '');
    },
  },
};
