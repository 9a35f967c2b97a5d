import { PGlite } from '@electric-sql/pglite';
import { Client, type ClientConfig } from 'pg';
import { Mutex } from '../../lib/concurrency/Mutex';
import { SESSION_SETTINGS, type SessionLease, type SqlBackend } from './SqlBackend';
import { SqlSession } from './SqlSession';

type CreatePgConfig = (db: PGlite) => ClientConfig;

/**
 * PGlite's node-postgres adapter. It is published under a package `exports` subpath, which this
 * project's TypeScript resolution (node10) does not read, so it is loaded at run time.
 */
function loadCreatePgConfig(): CreatePgConfig {
  const adapter: unknown = require('@electric-sql/pglite/node-postgres');
  const create = (adapter as { createPgConfig?: unknown }).createPgConfig;
  if (typeof create !== 'function') throw new Error('@electric-sql/pglite/node-postgres has no createPgConfig');
  return create as CreatePgConfig;
}

/**
 * The embedded backend: one PGlite (one Postgres session) per process, used through node-postgres
 * so both backends share one code path. Requests and transactions take turns on the session.
 */
export class PgliteBackend implements SqlBackend {
  public readonly kind = 'pglite' as const;
  private readonly mutex = new Mutex();
  private readonly session: SqlSession;

  private constructor(
    private readonly db: PGlite,
    private readonly client: Client,
  ) {
    this.session = new SqlSession(client);
  }

  /** Starts PGlite in memory, or on `dataDir` (created or reopened). Takes seconds: start it once. */
  public static async open(dataDir?: string): Promise<PgliteBackend> {
    const db = await PGlite.create(dataDir !== undefined ? { dataDir } : {}).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG') {
        throw new Error(
          "PGlite cannot start inside jest's module sandbox (it loads Node modules with dynamic import()): " +
            "use the shared test cloud, start the cloud in a child process (see tests/local/rds-data/cloudProcess.ts), or set DATABASE_URL",
          { cause: error },
        );
      }
      throw error;
    });
    const client = new Client(loadCreatePgConfig()(db));
    try {
      await client.connect();
      for (const [name, value] of Object.entries(SESSION_SETTINGS)) await client.query(`SET ${name} TO '${value}'`);
    } catch (error) {
      await db.close();
      throw error;
    }
    return new PgliteBackend(db, client);
  }

  public async acquire(): Promise<SessionLease> {
    const unlock = await this.mutex.lock();
    return { session: this.session, release: () => unlock() };
  }

  public async close(): Promise<void> {
    await this.client.end();
    await this.db.close();
  }
}
