/** JDBC type codes (java.sql.Types) that the Data API reports in `columnMetadata[].type`. */
export const JDBC = {
  BIT: -7,
  BIGINT: -5,
  BINARY: -2,
  CHAR: 1,
  NUMERIC: 2,
  INTEGER: 4,
  SMALLINT: 5,
  REAL: 7,
  DOUBLE: 8,
  VARCHAR: 12,
  DATE: 91,
  TIME: 92,
  TIMESTAMP: 93,
  OTHER: 1111,
  ARRAY: 2003,
  SQLXML: 2009,
} as const;

/** How a value of a Postgres type travels in a Data API `Field`. */
export type FieldKind = 'boolean' | 'long' | 'double' | 'decimal' | 'blob' | 'timestamptz' | 'string' | 'array' | 'unsupported';

/** What the emulator knows about one built-in Postgres type. */
export interface PgTypeInfo {
  readonly name: string;
  readonly jdbc: number;
  readonly kind: FieldKind;
  /** For array types: the element type's OID. */
  readonly elementOid?: number;
}

const T = (name: string, jdbc: number, kind: FieldKind, elementOid?: number): PgTypeInfo => ({ name, jdbc, kind, elementOid });

/** Built-in type OIDs (pg_type.oid) that results use most. */
export const OID = {
  BOOL: 16,
  BYTEA: 17,
  INT8: 20,
  INT2: 21,
  INT4: 23,
  TEXT: 25,
  JSON: 114,
  FLOAT4: 700,
  FLOAT8: 701,
  UNKNOWN: 0,
  VARCHAR: 1043,
  DATE: 1082,
  TIME: 1083,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
  NUMERIC: 1700,
  UUID: 2950,
} as const;

const SCALARS: ReadonlyArray<readonly [number, PgTypeInfo]> = [
  [16, T('bool', JDBC.BIT, 'boolean')],
  [17, T('bytea', JDBC.BINARY, 'blob')],
  [18, T('char', JDBC.CHAR, 'string')],
  [19, T('name', JDBC.VARCHAR, 'string')],
  [20, T('int8', JDBC.BIGINT, 'long')],
  [21, T('int2', JDBC.SMALLINT, 'long')],
  [23, T('int4', JDBC.INTEGER, 'long')],
  [25, T('text', JDBC.VARCHAR, 'string')],
  [26, T('oid', JDBC.BIGINT, 'long')],
  [114, T('json', JDBC.OTHER, 'string')],
  [142, T('xml', JDBC.SQLXML, 'string')],
  [650, T('cidr', JDBC.OTHER, 'string')],
  [700, T('float4', JDBC.REAL, 'double')],
  [701, T('float8', JDBC.DOUBLE, 'double')],
  [790, T('money', JDBC.DOUBLE, 'string')],
  [829, T('macaddr', JDBC.OTHER, 'string')],
  [869, T('inet', JDBC.OTHER, 'string')],
  [1042, T('bpchar', JDBC.CHAR, 'string')],
  [1043, T('varchar', JDBC.VARCHAR, 'string')],
  [1082, T('date', JDBC.DATE, 'string')],
  [1083, T('time', JDBC.TIME, 'string')],
  [1114, T('timestamp', JDBC.TIMESTAMP, 'string')],
  [1184, T('timestamptz', JDBC.TIMESTAMP, 'timestamptz')],
  [1186, T('interval', JDBC.OTHER, 'string')],
  [1266, T('timetz', JDBC.TIME, 'string')],
  [1560, T('bit', JDBC.BIT, 'string')],
  [1562, T('varbit', JDBC.OTHER, 'string')],
  [1700, T('numeric', JDBC.NUMERIC, 'decimal')],
  [2950, T('uuid', JDBC.OTHER, 'string')],
  [3802, T('jsonb', JDBC.OTHER, 'string')],
  // The reg* types: Aurora answers UnsupportedResultException for them.
  [24, T('regproc', JDBC.OTHER, 'unsupported')],
  [2202, T('regprocedure', JDBC.OTHER, 'unsupported')],
  [2203, T('regoper', JDBC.OTHER, 'unsupported')],
  [2204, T('regoperator', JDBC.OTHER, 'unsupported')],
  [2205, T('regclass', JDBC.OTHER, 'unsupported')],
  [2206, T('regtype', JDBC.OTHER, 'unsupported')],
  [3734, T('regconfig', JDBC.OTHER, 'unsupported')],
  [3769, T('regdictionary', JDBC.OTHER, 'unsupported')],
  [4089, T('regnamespace', JDBC.OTHER, 'unsupported')],
  [4096, T('regrole', JDBC.OTHER, 'unsupported')],
];

const ARRAYS: ReadonlyArray<readonly [number, number]> = [
  [1000, 16], [1001, 17], [1002, 18], [1003, 19], [1005, 21], [1007, 23], [1009, 25], [1028, 26],
  [199, 114], [651, 650], [1021, 700], [1022, 701], [791, 790], [1041, 869], [1014, 1042], [1015, 1043],
  [1016, 20], [1182, 1082], [1183, 1083], [1115, 1114], [1185, 1184], [1187, 1186], [1270, 1266],
  [1561, 1560], [1563, 1562], [1231, 1700], [2951, 2950], [3807, 3802],
];

const BUILT_IN = new Map<number, PgTypeInfo>(SCALARS);
for (const [arrayOid, elementOid] of ARRAYS) {
  const element = BUILT_IN.get(elementOid);
  if (element !== undefined) BUILT_IN.set(arrayOid, T(`_${element.name}`, JDBC.ARRAY, 'array', elementOid));
}

/** The built-in type with this OID, if the emulator knows it. */
export function builtInType(oid: number): PgTypeInfo | undefined {
  return BUILT_IN.get(oid);
}

/** A row of pg_type, for types that are not built in (enums, domains, arrays of them). */
export interface PgTypeRow {
  readonly oid: number;
  readonly typname: string;
  readonly typtype: string;
  readonly typelem: number;
  readonly typbasetype: number;
}

/** Type information for a user-defined type, from its pg_type row. */
export function userType(row: PgTypeRow, lookup: (oid: number) => PgTypeInfo | undefined): PgTypeInfo {
  if (row.typelem !== 0 && row.typname.startsWith('_')) return T(row.typname, JDBC.ARRAY, 'array', row.typelem);
  if (row.typtype === 'd') {
    const base = lookup(row.typbasetype);
    if (base !== undefined) return { ...base, name: row.typname };
  }
  if (row.typtype === 'e') return T(row.typname, JDBC.VARCHAR, 'string');
  return T(row.typname, JDBC.OTHER, 'string');
}
