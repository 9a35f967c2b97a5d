import { BeginTransactionCommand, CommitTransactionCommand, ExecuteStatementCommand, RollbackTransactionCommand, type RDSDataClient } from '@aws-sdk/client-rds-data';
import type { DataApiProcess } from '../../local/rds-data/dataApiProcess';

/** Where the role tests run: the Data API process and the master secret of its cluster. */
export interface RoleDatabase {
  readonly db: DataApiProcess;
  readonly cluster: string;
  readonly masterSecret: string;
  readonly database: string;
}

/**
 * Runs `work` with a client whose statements go into one transaction as `role` (SET LOCAL ROLE:
 * Postgres checks that role's privileges), rolled back unless `commit`. Answers what the work
 * returned, or the error message Postgres gave.
 */
export async function asDatabaseRole<T>(target: RoleDatabase, role: string, work: (client: RDSDataClient) => Promise<T>, commit = false): Promise<T | string> {
  const { db, cluster, masterSecret, database } = target;
  const { transactionId } = await db.client.send(new BeginTransactionCommand({ resourceArn: cluster, secretArn: masterSecret, database }));
  const inTransaction = db.newClient();
  inTransaction.middlewareStack.add((next) => (args) => next({ ...args, input: Object.assign({}, args.input, { transactionId }) }), { step: 'initialize', name: 'inTransaction' });
  let outcome: T | string;
  try {
    await inTransaction.send(new ExecuteStatementCommand({ resourceArn: cluster, secretArn: masterSecret, database, sql: `SET LOCAL ROLE ${role}` }));
    outcome = await work(inTransaction);
  } catch (error) {
    outcome = error instanceof Error ? error.message : String(error);
    commit = false;
  } finally {
    inTransaction.destroy();
  }
  const end = commit ? new CommitTransactionCommand({ resourceArn: cluster, secretArn: masterSecret, transactionId }) : new RollbackTransactionCommand({ resourceArn: cluster, secretArn: masterSecret, transactionId });
  await db.client.send(end);
  return outcome;
}
