import { builtInType, JDBC, userType, type PgTypeInfo } from './pgTypes';
import type { SqlSession } from './SqlSession';

const OID_ARRAY = 1028;

/** Type information for every OID a result uses: built-ins from a table, the rest from pg_type. */
export class TypeCatalog {
  private readonly loaded = new Map<number, PgTypeInfo>();

  /** What is known of `oid`; an unknown type travels as a string, like Aurora's `OTHER`. */
  public get(oid: number): PgTypeInfo {
    return builtInType(oid) ?? this.loaded.get(oid) ?? { name: String(oid), jdbc: JDBC.OTHER, kind: 'string' };
  }

  /** Looks up the user-defined types (enums, domains, their arrays) among `oids` once each. */
  public async load(session: SqlSession, oids: Iterable<number>): Promise<void> {
    let wanted = [...new Set(oids)].filter((oid) => builtInType(oid) === undefined && !this.loaded.has(oid));
    // Two rounds: an array of a user type needs its element type too.
    for (let round = 0; round < 2 && wanted.length > 0; round++) {
      const result = await session.query(
        'SELECT oid::int8, typname, typtype::text, typelem::int8, typbasetype::int8 FROM pg_catalog.pg_type WHERE oid = ANY($1)',
        [`{${wanted.join(',')}}`],
        [OID_ARRAY],
      );
      const elements: number[] = [];
      for (const [oid, typname, typtype, typelem, typbasetype] of result.rows) {
        const row = { oid: Number(oid), typname: String(typname), typtype: String(typtype), typelem: Number(typelem), typbasetype: Number(typbasetype) };
        this.loaded.set(row.oid, userType(row, (base) => builtInType(base) ?? this.loaded.get(base)));
        for (const related of [row.typelem, row.typbasetype]) {
          if (related !== 0 && builtInType(related) === undefined && !this.loaded.has(related)) elements.push(related);
        }
      }
      wanted = elements;
    }
  }
}
