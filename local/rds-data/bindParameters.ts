import { OID } from './pgTypes';
import { badRequest } from './rdsDataErrors';
import type { FieldInput, SqlParameterInput } from './rdsDataRequests';
import type { BoundValue } from './SqlSession';

/** One parameter, converted: what `$n` receives and the type Postgres is told it has. */
export interface BoundParameter {
  readonly value: BoundValue;
  readonly oid: number;
}

/**
 * The type each `typeHint` sends a string as. Without a hint a string is a `varchar` (PgJDBC's
 * `setString`), which is why Aurora needs `UUID` or `DECIMAL` hints for uuid and numeric columns.
 * @see https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_SqlParameter.html
 */
const TYPE_HINTS = {
  DECIMAL: OID.NUMERIC,
  TIMESTAMP: OID.TIMESTAMP,
  DATE: OID.DATE,
  TIME: OID.TIME,
  UUID: OID.UUID,
  JSON: OID.JSON,
} as const;
type TypeHint = keyof typeof TYPE_HINTS;

/** The literal formats Aurora accepts for the date/time hints (it parses them with java.sql). */
const HINT_FORMATS: Partial<Record<TypeHint, { readonly pattern: RegExp; readonly message: string }>> = {
  TIMESTAMP: { pattern: /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,9})?$/, message: 'Timestamp format must be yyyy-mm-dd hh:mm:ss[.fffffffff]' },
  DATE: { pattern: /^\d{4}-\d{1,2}-\d{1,2}$/, message: 'Date format must be yyyy-[m]m-[d]d' },
  TIME: { pattern: /^\d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,9})?$/, message: 'Time format must be hh:mm:ss[.fff]' },
};

const FIELD_MEMBERS = ['isNull', 'booleanValue', 'longValue', 'doubleValue', 'stringValue', 'blobValue', 'arrayValue'] as const;

function typeHint(parameter: SqlParameterInput, name: string): TypeHint | undefined {
  const hint = parameter.typeHint;
  if (hint === undefined || hint === null) return undefined;
  if (typeof hint === 'string' && Object.hasOwn(TYPE_HINTS, hint)) return hint as TypeHint;
  throw badRequest(`Invalid type hint '${String(hint)}' for parameter "${name}": expected one of ${Object.keys(TYPE_HINTS).join(', ')}`);
}

function setMembers(value: FieldInput | undefined): Array<(typeof FIELD_MEMBERS)[number]> {
  if (value === undefined || value === null || typeof value !== 'object') return [];
  return FIELD_MEMBERS.filter((member) => value[member] !== undefined && value[member] !== null && !(member === 'isNull' && value.isNull === false));
}

function bindOne(parameter: SqlParameterInput, name: string): BoundParameter {
  const hint = typeHint(parameter, name);
  const members = setMembers(parameter.value);
  if (members.length === 0) throw badRequest(`Parameter "${name}" has value with no field set`);
  if (members.length > 1) throw badRequest(`Parameter "${name}" has more than one value field set: ${members.join(', ')}`);
  const value = parameter.value as FieldInput;
  switch (members[0]) {
    case 'arrayValue':
      throw badRequest('Array parameters are not supported.');
    case 'isNull':
      if (value.isNull !== true) throw badRequest(`Parameter "${name}": isNull must be a boolean`);
      return { value: null, oid: hint !== undefined ? TYPE_HINTS[hint] : OID.UNKNOWN };
    case 'booleanValue':
      if (typeof value.booleanValue !== 'boolean') throw badRequest(`Parameter "${name}": booleanValue must be a boolean`);
      return { value: value.booleanValue ? 'true' : 'false', oid: OID.BOOL };
    case 'longValue':
      if (typeof value.longValue !== 'number' || !Number.isInteger(value.longValue)) throw badRequest(`Parameter "${name}": longValue must be an integer`);
      return { value: String(value.longValue), oid: OID.INT8 };
    case 'doubleValue':
      return { value: doubleText(value.doubleValue, name), oid: OID.FLOAT8 };
    case 'blobValue':
      if (typeof value.blobValue !== 'string') throw badRequest(`Parameter "${name}": blobValue must be base64 text`);
      return { value: Buffer.from(value.blobValue, 'base64'), oid: OID.BYTEA };
    case 'stringValue':
      return bindString(value.stringValue, hint, name);
    default:
      throw badRequest(`Parameter "${name}" has value with no field set`);
  }
}

function doubleText(value: unknown, name: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  // Smithy's JSON protocol sends the non-finite doubles as strings.
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return value;
  throw badRequest(`Parameter "${name}": doubleValue must be a number`);
}

function bindString(value: unknown, hint: TypeHint | undefined, name: string): BoundParameter {
  if (typeof value !== 'string') throw badRequest(`Parameter "${name}": stringValue must be a string`);
  if (hint === undefined) return { value, oid: OID.VARCHAR };
  const format = HINT_FORMATS[hint];
  if (format !== undefined && !format.pattern.test(value)) throw badRequest(format.message);
  return { value, oid: TYPE_HINTS[hint] };
}

/** The names of the given parameters (every one must have a name: Aurora PostgreSQL binds by name). */
export function parameterNames(parameters: readonly SqlParameterInput[]): Set<string> {
  const names = new Set<string>();
  for (const parameter of parameters) {
    if (typeof parameter.name !== 'string' || parameter.name.length === 0) throw badRequest('Parameter name must be specified for each parameter');
    names.add(parameter.name);
  }
  return names;
}

/**
 * Converts every parameter (so a bad one is rejected even when the SQL does not use it) and
 * returns those the statement uses, in `$n` order. A repeated name: the last one wins.
 */
export function bindParameters(parameters: readonly SqlParameterInput[], order: readonly string[]): BoundParameter[] {
  const byName = new Map<string, BoundParameter>();
  for (const parameter of parameters) {
    const name = String(parameter.name);
    byName.set(name, bindOne(parameter, name));
  }
  return order.map((name) => byName.get(name) as BoundParameter);
}
