import { createHash, randomUUID } from 'node:crypto';
import { StatesError, STATES_ERRORS } from '../../errors/StatesError';

/**
 * The functions Step Functions adds to JSONata.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html#jsonata-functions-provided-by-sfn
 */
export function awsJsonataFunctions(random: () => number): Readonly<Record<string, unknown>> {
  let functions = byRandom.get(random);
  if (functions === undefined) {
    functions = Object.freeze(createFunctions(random));
    byRandom.set(random, functions);
  }
  return functions;
}

// Built once per random source: every JSONata evaluation binds them, thousands of times a second.
const byRandom = new WeakMap<() => number, Readonly<Record<string, unknown>>>();

function createFunctions(random: () => number): Record<string, unknown> {
  return {
    partition: (items: unknown, size: number): unknown[][] => {
      if (!Array.isArray(items) || !Number.isInteger(size) || size <= 0) {
        throw new StatesError(STATES_ERRORS.QueryEvaluationError, 'The $partition function requires an array and a positive integer chunk size');
      }
      const out: unknown[][] = [];
      for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
      return out;
    },
    range: (start: number, end: number, step: number): number[] => {
      if (![start, end, step].every(Number.isInteger) || step === 0) {
        throw new StatesError(STATES_ERRORS.QueryEvaluationError, 'The $range function requires integer arguments and a non-zero step');
      }
      const out: number[] = [];
      for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
        out.push(v);
        if (out.length > 1000) throw new StatesError(STATES_ERRORS.QueryEvaluationError, 'The $range function returned more than 1000 items');
      }
      // A JSONata sequence: a single value comes out as itself, as on AWS.
      Object.defineProperty(out, 'sequence', { value: true });
      return out;
    },
    hash: (value: unknown, algorithm: string): string => {
      const algorithms: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
      const name = algorithms[algorithm];
      if (name === undefined) throw new StatesError(STATES_ERRORS.QueryEvaluationError, `The hashing algorithm ${algorithm} is not supported`);
      return createHash(name).update(typeof value === 'string' ? value : JSON.stringify(value)).digest('hex');
    },
    random: (seed?: number): number => (seed === undefined ? random() : seededRandom(seed)),
    uuid: (): string => randomUUID(),
    parse: (text: string): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        throw new StatesError(STATES_ERRORS.QueryEvaluationError, `The $parse function could not parse the string: ${text}`);
      }
    },
  };
}

/** A deterministic value in [0, 1) for a seed (mulberry32). */
function seededRandom(seed: number): number {
  let t = (Math.floor(seed) + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
