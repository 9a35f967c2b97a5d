import { isPgServerError } from './rdsDataErrors';
import type { SqlSession } from './SqlSession';

/** Database names that mean "the default database": its tables live in `public`. */
const DEFAULT_DATABASES = new Set(['', 'postgres']);

/** A Postgres identifier, quoted. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Maps the Data API's `database` parameter onto the one database the backend has (PGlite has
 * exactly one; a `DATABASE_URL` names one): database `X` becomes schema `X`, created on first use,
 * first on the `search_path`, so unqualified names land in it and `X.table` still resolves.
 * No `database` (or `postgres`) means `public`.
 */
export class DatabaseSchemas {
  private readonly ensured = new Set<string>();

  /** Points the session at `database` before a statement or a BEGIN. */
  public async use(session: SqlSession, database: string | undefined): Promise<void> {
    const name = database ?? '';
    if (DEFAULT_DATABASES.has(name)) {
      await session.useSearchPath('public');
      return;
    }
    if (!this.ensured.has(name)) {
      await this.createSchema(session, name);
      this.ensured.add(name);
    }
    await session.useSearchPath(`${quoteIdentifier(name)}, public`);
  }

  private async createSchema(session: SqlSession, name: string): Promise<void> {
    try {
      await session.script(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(name)}`);
    } catch (error) {
      // Two connections creating it at once: the loser sees a unique violation; the schema exists.
      if (!(isPgServerError(error) && (error.code === '23505' || error.code === '42P06'))) throw error;
    }
  }
}
