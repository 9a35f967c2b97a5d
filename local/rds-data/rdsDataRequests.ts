import { badRequest } from './rdsDataErrors';

/** A `Field` as a client sends it in a parameter (a union: exactly one member is set). */
export interface FieldInput {
  readonly isNull?: unknown;
  readonly booleanValue?: unknown;
  readonly longValue?: unknown;
  readonly doubleValue?: unknown;
  readonly stringValue?: unknown;
  readonly blobValue?: unknown;
  readonly arrayValue?: unknown;
}

/** One `SqlParameter` as received. */
export interface SqlParameterInput {
  readonly name?: unknown;
  readonly value?: FieldInput;
  readonly typeHint?: unknown;
}

export const DECIMAL_RETURN_TYPES = ['STRING', 'DOUBLE_OR_LONG'] as const;
export type DecimalReturnType = (typeof DECIMAL_RETURN_TYPES)[number];
export const LONG_RETURN_TYPES = ['LONG', 'STRING'] as const;
export type LongReturnType = (typeof LONG_RETURN_TYPES)[number];
export const RECORDS_FORMATS = ['NONE', 'JSON'] as const;
export type RecordsFormat = (typeof RECORDS_FORMATS)[number];

interface ClusterInput {
  readonly resourceArn: string;
  readonly secretArn: string;
}

/** ExecuteStatement's input, checked. */
export interface ExecuteStatementInput extends ClusterInput {
  readonly sql: string;
  readonly database?: string;
  readonly transactionId?: string;
  readonly parameters: readonly SqlParameterInput[];
  readonly includeResultMetadata: boolean;
  readonly formatRecordsAs: RecordsFormat;
  readonly decimalReturnType: DecimalReturnType;
  readonly longReturnType: LongReturnType;
}

/** BatchExecuteStatement's input, checked. */
export interface BatchExecuteStatementInput extends ClusterInput {
  readonly sql: string;
  readonly database?: string;
  readonly transactionId?: string;
  readonly parameterSets: ReadonlyArray<readonly SqlParameterInput[]>;
}

/** BeginTransaction's input, checked. */
export interface BeginTransactionInput extends ClusterInput {
  readonly database?: string;
}

/** CommitTransaction's and RollbackTransaction's input, checked. */
export interface EndTransactionInput extends ClusterInput {
  readonly transactionId: string;
}

type Body = Readonly<Record<string, unknown>>;

/** Parses a request body: a JSON object (an empty body counts as `{}`). */
export function parseBody(raw: Buffer): Body {
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw badRequest(`Could not parse request body into json: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('Could not parse request body into json: expected an object');
  return parsed as Body;
}

function missing(member: string): never {
  throw badRequest(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}

function requiredString(body: Body, member: string): string {
  const value = body[member];
  if (value === undefined || value === null) missing(member);
  if (typeof value !== 'string') throw badRequest(`Unexpected value for '${member}': expected a string`);
  if (value.length === 0) throw badRequest(`1 validation error detected: Value '' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to 1`);
  return value;
}

function optionalString(body: Body, member: string): string | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`Unexpected value for '${member}': expected a string`);
  return value;
}

function optionalBoolean(body: Body, member: string): boolean {
  const value = body[member];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw badRequest(`Unexpected value for '${member}': expected a boolean`);
  return value;
}

function optionalEnum<T extends string>(value: unknown, member: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw badRequest(`1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
}

function parameterList(value: unknown, member: string): readonly SqlParameterInput[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((p) => p === null || typeof p !== 'object' || Array.isArray(p))) {
    throw badRequest(`Unexpected value for '${member}': expected a list of SqlParameter`);
  }
  return value as SqlParameterInput[];
}

/**
 * The cluster, the secret, and the members Aurora PostgreSQL rejects. `schema` is a MySQL-era
 * member the PostgreSQL Data API does not accept.
 * @see https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html
 */
function clusterInput(body: Body): ClusterInput {
  const resourceArn = requiredString(body, 'resourceArn');
  const secretArn = requiredString(body, 'secretArn');
  if (!/^arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:cluster:[A-Za-z][A-Za-z0-9-]*$/.test(resourceArn)) {
    throw badRequest(`Invalid resourceArn '${resourceArn}': expected a DB cluster ARN (arn:aws:rds:<region>:<account>:cluster:<name>)`);
  }
  if (body.schema !== undefined && body.schema !== null) throw badRequest('The schema parameter is not supported for Aurora PostgreSQL');
  return { resourceArn, secretArn };
}

/** Checks an ExecuteStatement request. */
export function parseExecuteStatement(body: Body): ExecuteStatementInput {
  const cluster = clusterInput(body);
  const options = body.resultSetOptions;
  const resultSetOptions = options !== null && typeof options === 'object' ? (options as Body) : {};
  return {
    ...cluster,
    sql: requiredString(body, 'sql'),
    database: optionalString(body, 'database'),
    transactionId: optionalString(body, 'transactionId'),
    parameters: parameterList(body.parameters, 'parameters'),
    includeResultMetadata: optionalBoolean(body, 'includeResultMetadata'),
    formatRecordsAs: optionalEnum(body.formatRecordsAs, 'formatRecordsAs', RECORDS_FORMATS, 'NONE'),
    decimalReturnType: optionalEnum(resultSetOptions.decimalReturnType, 'resultSetOptions.decimalReturnType', DECIMAL_RETURN_TYPES, 'STRING'),
    longReturnType: optionalEnum(resultSetOptions.longReturnType, 'resultSetOptions.longReturnType', LONG_RETURN_TYPES, 'LONG'),
  };
}

/** Checks a BatchExecuteStatement request. */
export function parseBatchExecuteStatement(body: Body): BatchExecuteStatementInput {
  const cluster = clusterInput(body);
  const sets = body.parameterSets;
  if (sets !== undefined && sets !== null && !Array.isArray(sets)) throw badRequest("Unexpected value for 'parameterSets': expected a list of parameter lists");
  return {
    ...cluster,
    sql: requiredString(body, 'sql'),
    database: optionalString(body, 'database'),
    transactionId: optionalString(body, 'transactionId'),
    parameterSets: ((sets ?? []) as unknown[]).map((set, i) => parameterList(set, `parameterSets.${i + 1}`)),
  };
}

/** Checks a BeginTransaction request. */
export function parseBeginTransaction(body: Body): BeginTransactionInput {
  return { ...clusterInput(body), database: optionalString(body, 'database') };
}

/** Checks a CommitTransaction or RollbackTransaction request. */
export function parseEndTransaction(body: Body): EndTransactionInput {
  return { ...clusterInput(body), transactionId: requiredString(body, 'transactionId') };
}
