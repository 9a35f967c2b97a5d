import type { FieldDef } from 'pg';
import { JDBC, type PgTypeInfo } from './pgTypes';
import type { SqlSession } from './SqlSession';

/** A `ColumnMetadata` entry, as Aurora PostgreSQL's Data API fills it (from PgJDBC's metadata). */
export interface ColumnMetadataOutput {
  readonly name: string;
  readonly label: string;
  readonly type: number;
  readonly typeName: string;
  readonly schemaName: string;
  readonly tableName: string;
  readonly isAutoIncrement: boolean;
  readonly isSigned: boolean;
  readonly isCurrency: boolean;
  readonly isCaseSensitive: boolean;
  /** 0: NOT NULL column, 1: nullable (also every computed column). */
  readonly nullable: number;
  readonly precision: number;
  readonly scale: number;
  readonly arrayBaseColumnType: number;
}

/** What pg_attribute says of one table column. */
interface TableColumn {
  readonly tableName: string;
  readonly notNull: boolean;
  readonly serial: boolean;
  readonly identity: boolean;
}

const UNKNOWN_LENGTH = 2147483647;
const SIGNED = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric']);
const CASE_INSENSITIVE = new Set(['oid', 'int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'bool', 'bit', 'varbit', 'date', 'time', 'timetz', 'timestamp', 'timestamptz', 'interval']);
const FIXED_PRECISION: Readonly<Record<string, number>> = { int2: 5, int4: 10, oid: 10, int8: 19, float4: 8, float8: 17, bool: 1, char: 1, date: 13, interval: 49 };
const SERIAL_NAMES: Readonly<Record<string, string>> = { int2: 'smallserial', int4: 'serial', int8: 'bigserial' };

/** Fractional-second digits of a time type (typmod -1 means the default, 6). */
function secondsDigits(typmod: number): number {
  return typmod === -1 ? 6 : typmod;
}

function precisionOf(type: PgTypeInfo, typmod: number): number {
  const fixed = FIXED_PRECISION[type.name];
  if (fixed !== undefined) return fixed;
  const fraction = secondsDigits(typmod) > 0 ? secondsDigits(typmod) + 1 : 0;
  switch (type.name) {
    case 'numeric':
      return typmod === -1 ? 0 : ((typmod - 4) >> 16) & 0xffff;
    case 'varchar':
    case 'bpchar':
      return typmod === -1 ? UNKNOWN_LENGTH : typmod - 4;
    case 'time':
      return 8 + fraction;
    case 'timetz':
      return 8 + fraction + 6;
    // PgJDBC counts 13 characters for a date (years past 9999, BC), a space and hh:mm:ss.
    case 'timestamp':
      return 13 + 1 + 8 + fraction;
    case 'timestamptz':
      return 13 + 1 + 8 + fraction + 6;
    default:
      return UNKNOWN_LENGTH;
  }
}

function scaleOf(type: PgTypeInfo, typmod: number): number {
  switch (type.name) {
    case 'numeric':
      return typmod === -1 ? 0 : (typmod - 4) & 0xffff;
    case 'float4':
      return 8;
    case 'float8':
      return 17;
    case 'time':
    case 'timetz':
    case 'timestamp':
    case 'timestamptz':
      return secondsDigits(typmod);
    default:
      return 0;
  }
}

/** Reads the table columns behind result fields (names, NOT NULL, serial/identity) in one query. */
export async function loadTableColumns(session: SqlSession, fields: readonly FieldDef[]): Promise<Map<string, TableColumn>> {
  const tables = [...new Set(fields.filter((f) => f.tableID !== 0).map((f) => f.tableID))];
  const columns = new Map<string, TableColumn>();
  if (tables.length === 0) return columns;
  const result = await session.query(
    `SELECT a.attrelid::int8, a.attnum::int8, c.relname, a.attnotnull::text, a.attidentity::text,
            coalesce(pg_catalog.pg_get_expr(d.adbin, d.adrelid), '')
       FROM pg_catalog.pg_attribute a
       JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
       LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = ANY($1) AND a.attnum > 0`,
    [`{${tables.join(',')}}`],
    [1028],
  );
  for (const [table, column, relname, notNull, identity, defaultExpr] of result.rows) {
    columns.set(`${table}:${column}`, {
      tableName: String(relname),
      notNull: notNull === 'true',
      identity: identity !== '' && identity !== null,
      serial: String(defaultExpr).startsWith('nextval('),
    });
  }
  return columns;
}

/** The metadata of one result column. */
export function columnMetadata(field: FieldDef, type: PgTypeInfo, element: PgTypeInfo | undefined, table: TableColumn | undefined): ColumnMetadataOutput {
  const autoIncrement = table !== undefined && (table.serial || table.identity);
  const typmod = field.dataTypeModifier;
  return {
    name: field.name,
    label: field.name,
    type: type.jdbc,
    // PgJDBC reports a serial column (int with a nextval default) by its serial name.
    typeName: table?.serial === true ? (SERIAL_NAMES[type.name] ?? type.name) : type.name,
    schemaName: '',
    tableName: table?.tableName ?? '',
    isAutoIncrement: autoIncrement,
    isSigned: SIGNED.has(type.name),
    isCurrency: type.name === 'money',
    isCaseSensitive: !CASE_INSENSITIVE.has(type.name),
    nullable: table?.notNull === true ? 0 : 1,
    precision: precisionOf(type, typmod),
    scale: scaleOf(type, typmod),
    arrayBaseColumnType: type.jdbc === JDBC.ARRAY && element !== undefined ? element.jdbc : 0,
  };
}
