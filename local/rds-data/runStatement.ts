import { bindParameters, parameterNames } from './bindParameters';
import { columnMetadata, loadTableColumns, type ColumnMetadataOutput } from './columnMetadata';
import { compileNamedParameters } from './namedParameters';
import { badRequest } from './rdsDataErrors';
import type { ExecuteStatementInput, SqlParameterInput } from './rdsDataRequests';
import { toField, toJsonValue, type FieldOutput, type JsonValue } from './resultValues';
import type { QueryOptions, RawResult, SqlSession } from './SqlSession';
import type { TypeCatalog } from './TypeCatalog';

/** ExecuteStatement's answer. `generatedFields` is never set: Aurora PostgreSQL does not return it. */
export interface ExecuteStatementOutput {
  readonly records?: FieldOutput[][];
  readonly columnMetadata?: ColumnMetadataOutput[];
  readonly numberOfRecordsUpdated: number;
  readonly formattedRecords?: string;
}

/** The Data API's response size limits. */
const MAX_RECORDS_BYTES = 1024 * 1024;
const MAX_FORMATTED_BYTES = 10 * 1024 * 1024;

/** Runs one statement with named parameters on a session; values stay in text form. */
export async function runSql(session: SqlSession, sql: string, parameters: readonly SqlParameterInput[], options: QueryOptions = {}): Promise<RawResult> {
  const compiled = compileNamedParameters(sql, parameterNames(parameters));
  const bound = bindParameters(parameters, compiled.names);
  if (bound.length === 0) return session.script(compiled.text);
  return session.query(
    compiled.text,
    bound.map((p) => p.value),
    bound.map((p) => p.oid),
    options,
  );
}

/**
 * Runs an ExecuteStatement request and renders its answer: `records` (or `formattedRecords` for
 * `formatRecordsAs: JSON`), `columnMetadata` when asked for, and `numberOfRecordsUpdated` — the
 * rows a DML statement changed, 0 for a statement that returns rows (as PgJDBC counts).
 * @see https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html
 */
export async function runStatement(session: SqlSession, input: ExecuteStatementInput, catalog: TypeCatalog, options: QueryOptions = {}): Promise<ExecuteStatementOutput> {
  const result = await runSql(session, input.sql, input.parameters, options);
  if (result.fields.length === 0) return { numberOfRecordsUpdated: result.rowCount };
  const oids = result.fields.map((f) => f.dataTypeID);
  await catalog.load(session, oids);
  const types = oids.map((oid) => catalog.get(oid));
  const lookup = (oid: number): ReturnType<TypeCatalog['get']> => catalog.get(oid);
  if (input.formatRecordsAs === 'JSON') {
    const objects = result.rows.map((row) => {
      const object: Record<string, JsonValue> = {};
      result.fields.forEach((field, i) => {
        object[field.name] = toJsonValue(row[i] ?? null, types[i] ?? lookup(field.dataTypeID), input, lookup);
      });
      return object;
    });
    const formattedRecords = JSON.stringify(objects);
    if (Buffer.byteLength(formattedRecords) > MAX_FORMATTED_BYTES) throw badRequest('The JSON-formatted result set exceeds the 10 MB limit');
    return { formattedRecords, numberOfRecordsUpdated: 0 };
  }
  const records = result.rows.map((row) => result.fields.map((field, i) => toField(row[i] ?? null, types[i] ?? lookup(field.dataTypeID), input, lookup)));
  if (Buffer.byteLength(JSON.stringify(records)) > MAX_RECORDS_BYTES) throw badRequest('Database returned more than the allowed response size limit');
  if (!input.includeResultMetadata) return { records, numberOfRecordsUpdated: 0 };
  const tableColumns = await loadTableColumns(session, result.fields);
  const metadata = result.fields.map((field, i) => {
    const type = types[i] ?? lookup(field.dataTypeID);
    return columnMetadata(field, type, type.elementOid !== undefined ? lookup(type.elementOid) : undefined, tableColumns.get(`${field.tableID}:${field.columnID}`));
  });
  return { records, columnMetadata: metadata, numberOfRecordsUpdated: 0 };
}
