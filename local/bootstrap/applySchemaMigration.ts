import { BeginTransactionCommand, CommitTransactionCommand, ExecuteStatementCommand, RollbackTransactionCommand, type RDSDataClient } from '@aws-sdk/client-rds-data';

/** Where a migration runs: a Data API cluster, its secret and database. */
export interface MigrationTarget {
  readonly rds: RDSDataClient;
  readonly clusterArn: string;
  readonly secretArn: string;
  readonly database: string;
}

/**
 * Taken first by every app's migration, until it commits. A constant of our own (the outbox
 * relay's claim lock is another).
 */
export const MIGRATION_LOCK_SQL = 'SELECT pg_advisory_xact_lock(4820017332) AS locked';

/**
 * Applies `statements` in one Data API transaction that first takes {@link MIGRATION_LOCK_SQL}, so
 * apps bootstrapping at once on one database (jest's suites on the shared cloud) apply them one
 * after another. Each statement is idempotent alone, not against another app running the same ones
 * in between: `CREATE ... IF NOT EXISTS` is no atomic check against a concurrent creator, and two
 * interleaved `DROP CONSTRAINT IF EXISTS` + `ADD CONSTRAINT` pairs fail with "already exists".
 * Under the lock the second app finds the first one's work committed, and its statements change nothing.
 * @see https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS
 */
export async function applySchemaMigration(target: MigrationTarget, statements: readonly string[]): Promise<void> {
  const scope = { resourceArn: target.clusterArn, secretArn: target.secretArn };
  const { transactionId } = await target.rds.send(new BeginTransactionCommand({ ...scope, database: target.database }));
  if (transactionId === undefined) throw new Error('BeginTransaction answered no transactionId');
  try {
    await target.rds.send(new ExecuteStatementCommand({ ...scope, database: target.database, transactionId, sql: MIGRATION_LOCK_SQL }));
    for (const sql of statements) await target.rds.send(new ExecuteStatementCommand({ ...scope, database: target.database, transactionId, sql }));
    await target.rds.send(new CommitTransactionCommand({ ...scope, transactionId }));
  } catch (error) {
    await target.rds.send(new RollbackTransactionCommand({ ...scope, transactionId })).catch(() => undefined);
    throw error;
  }
}
