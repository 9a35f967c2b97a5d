import { Pool, type PoolClient } from 'pg';
import type { Logger } from 'pino';
import { SESSION_SETTINGS, type SessionLease, type SqlBackend } from './SqlBackend';
import { SqlSession } from './SqlSession';

/** Options of {@link PostgresBackend}. */
export interface PostgresBackendOptions {
  /** A libpq URL, e.g. `postgres://user:pass@localhost:5432/db`. */
  readonly url: string;
  readonly logger: Logger;
  /** Connections in the pool (each open transaction holds one). @default 10 */
  readonly maxConnections?: number;
}

/** A real Postgres server (`DATABASE_URL`), through a node-postgres pool. */
export class PostgresBackend implements SqlBackend {
  public readonly kind = 'postgres' as const;
  private readonly sessions = new WeakMap<PoolClient, SqlSession>();

  private constructor(private readonly pool: Pool) {}

  /** Opens the pool and checks that the server answers. */
  public static async open(options: PostgresBackendOptions): Promise<PostgresBackend> {
    const settings = Object.entries(SESSION_SETTINGS).map(([name, value]) => `-c ${name}=${value}`).join(' ');
    const pool = new Pool({ connectionString: options.url, max: options.maxConnections ?? 10, options: settings });
    pool.on('error', (error) => options.logger.warn({ err: error }, 'idle Postgres connection failed'));
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresBackend(pool);
  }

  public async acquire(): Promise<SessionLease> {
    const client = await this.pool.connect();
    let session = this.sessions.get(client);
    if (session === undefined) {
      session = new SqlSession(client);
      this.sessions.set(client, session);
    }
    return { session, release: (broken) => client.release(broken === true) };
  }

  public async close(): Promise<void> {
    await this.pool.end();
  }
}
