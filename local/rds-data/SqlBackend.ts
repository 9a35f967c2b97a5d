import type { SqlSession } from './SqlSession';

/** Which database engine serves the Data API. */
export type BackendKind = 'pglite' | 'postgres';

/** A session lent to one request or one transaction; give it back with `release`. */
export interface SessionLease {
  readonly session: SqlSession;
  /** Returns the session; `broken` drops the connection instead of reusing it. */
  release(broken?: boolean): void;
}

/** The Postgres the Data API talks to: embedded PGlite, or a real server at `DATABASE_URL`. */
export interface SqlBackend {
  readonly kind: BackendKind;
  /** A session for one request or transaction (waits while all are busy; PGlite has one). */
  acquire(): Promise<SessionLease>;
  close(): Promise<void>;
}

/**
 * Session settings that make Postgres's text output what the Data API returns: UTC timestamps
 * (Aurora's default time zone), ISO dates, hex bytea.
 */
export const SESSION_SETTINGS: Readonly<Record<string, string>> = {
  TimeZone: 'UTC',
  DateStyle: 'ISO,MDY',
  IntervalStyle: 'postgres',
  bytea_output: 'hex',
};
