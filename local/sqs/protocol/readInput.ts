import { InvalidParameterValueError } from '../errors/InvalidParameterValueError';
import { MissingParameterError } from '../errors/MissingParameterError';

/** A request's parameters, as decoded from JSON (or from a query string). */
export type Input = Readonly<Record<string, unknown>>;

/** A required string parameter. */
export function requireString(input: Input, name: string): string {
  const value = input[name];
  if (value === undefined || value === null || value === '') throw new MissingParameterError(`The request must contain the parameter ${name}.`);
  if (typeof value !== 'string') throw new InvalidParameterValueError(`Value for parameter ${name} must be a string.`);
  return value;
}

export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvalidParameterValueError(`Value for parameter ${name} must be a string.`);
  return value;
}

/** An integer parameter (a number in JSON, a string in the query protocol), checked against a range. */
export function optionalInteger(input: Input, name: string, min: number, max: number, reason?: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InvalidParameterValueError(`Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason ?? `Must be between ${min} and ${max}, if provided.`}`);
  }
  return n;
}

export function optionalStringList(input: Input, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw new InvalidParameterValueError(`Value for parameter ${name} must be a list of strings.`);
  }
  return value;
}

export function optionalStringMap(input: Input, name: string): Record<string, string> | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new InvalidParameterValueError(`Value for parameter ${name} must be a map of strings.`);
  }
  return value as Record<string, string>;
}

export function optionalObjectList(input: Input, name: string): Input[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) {
    throw new InvalidParameterValueError(`Value for parameter ${name} must be a list of structures.`);
  }
  return value as Input[];
}

export function optionalObject(input: Input, name: string): Input | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new InvalidParameterValueError(`Value for parameter ${name} must be a structure.`);
  return value as Input;
}
