import { isRecord } from './sendCommand';

/**
 * How timestamps reach the state. Optimized integrations answer through the Java SDK v1, which
 * writes epoch milliseconds (`"StartDate": 1562002776066`); aws-sdk integrations go through the
 * Java SDK v2, which writes ISO-8601 instants (`"LastModified": "2024-05-01T10:00:00Z"`).
 */
export type DateStyle = 'epoch-millis' | 'iso';

/** Options of {@link toStateJson}. */
export interface StateJsonOptions {
  readonly dates: DateStyle;
  /**
   * Rewrites every key to PascalCase (for SDK models whose members are camelCase).
   * @default false
   */
  readonly pascalKeys?: boolean;
}

/**
 * Turns an SDK v3 output into the JSON a state receives: `$metadata` dropped, Dates and binary
 * values made JSON (binary as base64, as the AWS JSON protocols carry it), undefined fields left out.
 */
export function toStateJson(value: unknown, options: StateJsonOptions): unknown {
  if (value instanceof Date) return options.dates === 'iso' ? isoInstant(value) : value.getTime();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : toStateJson(item, options)));
  if (isRecord(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '$metadata' || item === undefined) continue;
      result[options.pascalKeys === true ? pascalCase(key) : key] = toStateJson(item, options);
    }
    return result;
  }
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/** Rewrites every key of a PascalCase (Step Functions) value to camelCase, for camelCase SDK models. */
export function camelKeys(value: unknown): unknown {
  if (value instanceof Uint8Array || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(camelKeys);
  if (isRecord(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[camelCase(key)] = camelKeys(item);
    return result;
  }
  return value;
}

/** Reads every streaming body of an output (S3 GetObject `Body`) as UTF-8 text, as AWS returns it. */
export async function readStreamingBodies(output: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = { ...output };
  for (const [key, item] of Object.entries(output)) {
    if (isRecord(item) && typeof item.transformToString === 'function') {
      const text: unknown = await Reflect.apply(item.transformToString, item, ['utf-8']);
      result[key] = typeof text === 'string' ? text : '';
    }
  }
  return result;
}

/** Java's `Instant.toString()`: seconds precision unless there are milliseconds. */
export function isoInstant(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

function pascalCase(key: string): string {
  return `${key.charAt(0).toUpperCase()}${key.slice(1)}`;
}

function camelCase(key: string): string {
  return `${key.charAt(0).toLowerCase()}${key.slice(1)}`;
}
