import { parsePgArray, type PgArray } from './pgArrayLiteral';
import type { PgTypeInfo } from './pgTypes';
import { RdsDataError } from './rdsDataErrors';
import type { DecimalReturnType, LongReturnType } from './rdsDataRequests';

/** The `resultSetOptions` that change how values come back. */
export interface ValueOptions {
  readonly decimalReturnType: DecimalReturnType;
  readonly longReturnType: LongReturnType;
}

/** An `ArrayValue` of a result (elements of one kind, or nested arrays). */
export type ArrayValueOutput =
  | { readonly booleanValues: Array<boolean | null> }
  | { readonly longValues: Array<number | null> }
  | { readonly doubleValues: Array<number | string | null> }
  | { readonly stringValues: Array<string | null> }
  | { readonly arrayValues: ArrayValueOutput[] };

/** A `Field` of a result record: exactly one member. */
export type FieldOutput =
  | { readonly isNull: true }
  | { readonly booleanValue: boolean }
  | { readonly longValue: number }
  | { readonly doubleValue: number | string }
  | { readonly stringValue: string }
  | { readonly blobValue: string }
  | { readonly arrayValue: ArrayValueOutput };

/** A value of `formattedRecords`. */
export type JsonValue = string | number | boolean | null | JsonValue[];

type TypeLookup = (oid: number) => PgTypeInfo;

/** A double as Smithy JSON carries it: non-finite values as strings. */
function jsonDouble(text: string): number | string {
  const value = Number(text);
  if (Number.isFinite(value)) return value;
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
}

function decimalAsNumber(text: string): { readonly long: number } | { readonly double: number | string } {
  return /^-?\d+$/.test(text) ? { long: Number(text) } : { double: jsonDouble(text) };
}

/** timestamptz comes back in UTC without an offset, as Aurora's Data API returns it. */
function utcTimestamp(text: string): string {
  return text.replace(/\+00(:00)?$/, '');
}

function unsupported(type: PgTypeInfo): RdsDataError {
  return new RdsDataError('UnsupportedResultException', `The result contains the unsupported data type ${type.name}.`);
}

/**
 * One value as a Data API `Field`: ints as longValue, floats as doubleValue, numeric as a string
 * (unless DOUBLE_OR_LONG), bytea as base64 blobValue, arrays as arrayValue, anything else (dates,
 * uuid, json...) as its text.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.html
 */
export function toField(text: string | null, type: PgTypeInfo, options: ValueOptions, lookup: TypeLookup): FieldOutput {
  if (text === null) return { isNull: true };
  switch (type.kind) {
    case 'boolean':
      return { booleanValue: text === 't' };
    case 'long':
      return options.longReturnType === 'STRING' ? { stringValue: text } : { longValue: Number(text) };
    case 'double':
      return { doubleValue: jsonDouble(text) };
    case 'decimal': {
      if (options.decimalReturnType === 'STRING') return { stringValue: text };
      const number = decimalAsNumber(text);
      return 'long' in number ? { longValue: number.long } : { doubleValue: number.double };
    }
    case 'blob':
      return { blobValue: Buffer.from(text.slice(2), 'hex').toString('base64') };
    case 'timestamptz':
      return { stringValue: utcTimestamp(text) };
    case 'array':
      return { arrayValue: toArrayValue(parsePgArray(text), lookup(type.elementOid ?? 0), options) };
    case 'unsupported':
      throw unsupported(type);
    case 'string':
      return { stringValue: text };
    default: {
      const never: never = type.kind;
      return never;
    }
  }
}

function toArrayValue(items: PgArray, element: PgTypeInfo, options: ValueOptions): ArrayValueOutput {
  if (items.some((item) => Array.isArray(item))) {
    return { arrayValues: items.map((item) => toArrayValue(Array.isArray(item) ? item : [item], element, options)) };
  }
  const texts = items as Array<string | null>;
  switch (element.kind) {
    case 'boolean':
      return { booleanValues: texts.map((t) => (t === null ? null : t === 't')) };
    case 'long':
      return options.longReturnType === 'STRING' ? { stringValues: texts } : { longValues: texts.map((t) => (t === null ? null : Number(t))) };
    case 'double':
      return { doubleValues: texts.map((t) => (t === null ? null : jsonDouble(t))) };
    case 'timestamptz':
      return { stringValues: texts.map((t) => (t === null ? null : utcTimestamp(t))) };
    case 'unsupported':
      throw unsupported(element);
    default:
      return { stringValues: texts };
  }
}

/**
 * One value for `formattedRecords`: numbers for ints and floats, numeric as a string (unless
 * DOUBLE_OR_LONG), booleans, base64 for bytea, arrays as JSON arrays, everything else as text.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api-json.html
 */
export function toJsonValue(text: string | null, type: PgTypeInfo, options: ValueOptions, lookup: TypeLookup): JsonValue {
  if (text === null) return null;
  switch (type.kind) {
    case 'boolean':
      return text === 't';
    case 'long':
      return options.longReturnType === 'STRING' ? text : Number(text);
    case 'double':
      return jsonDouble(text);
    case 'decimal': {
      if (options.decimalReturnType === 'STRING') return text;
      const number = decimalAsNumber(text);
      return 'long' in number ? number.long : number.double;
    }
    case 'blob':
      return Buffer.from(text.slice(2), 'hex').toString('base64');
    case 'timestamptz':
      return utcTimestamp(text);
    case 'array':
      return toJsonArray(parsePgArray(text), lookup(type.elementOid ?? 0), options, lookup);
    case 'unsupported':
      throw unsupported(type);
    case 'string':
      return text;
    default: {
      const never: never = type.kind;
      return never;
    }
  }
}

function toJsonArray(items: PgArray, element: PgTypeInfo, options: ValueOptions, lookup: TypeLookup): JsonValue[] {
  return items.map((item) => (Array.isArray(item) ? toJsonArray(item, element, options, lookup) : toJsonValue(item, element, options, lookup)));
}
