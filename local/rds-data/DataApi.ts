import { DatabaseSchemas } from './DatabaseSchemas';
import { isPgServerError, RdsDataError } from './rdsDataErrors';
import type { BatchExecuteStatementInput, BeginTransactionInput, EndTransactionInput, ExecuteStatementInput } from './rdsDataRequests';
import { runSql, runStatement, type ExecuteStatementOutput } from './runStatement';
import type { SqlBackend } from './SqlBackend';
import type { SqlSession } from './SqlSession';
import type { TransactionRegistry } from './TransactionRegistry';
import { TypeCatalog } from './TypeCatalog';

/** BatchExecuteStatement's answer: one (empty, for PostgreSQL) update result per parameter set. */
export interface BatchExecuteStatementOutput {
  readonly updateResults: Array<Record<string, never>>;
}

/**
 * The five Data API operations over a SQL backend. Statements outside a transaction run in
 * autocommit on a session of their own (on PGlite: after the open transaction, if any, ends).
 */
export class DataApi {
  private readonly schemas = new DatabaseSchemas();
  private readonly catalog = new TypeCatalog();

  public constructor(
    private readonly backend: () => Promise<SqlBackend>,
    private readonly transactions: TransactionRegistry,
  ) {}

  /** @see https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_ExecuteStatement.html */
  public async executeStatement(input: ExecuteStatementInput): Promise<ExecuteStatementOutput> {
    if (input.transactionId !== undefined) {
      return this.transactions.run(input.transactionId, (session) => runStatement(session, input, this.catalog));
    }
    // In autocommit, a statement keeps its plan for the next call with the same text (the saga's,
    // the relay's, the API's statements come back many times a second).
    return this.withSession(input.database, (session) => runStatement(session, input, this.catalog, { reusePlan: true }));
  }

  /**
   * Runs the statement once per parameter set (so not at all without one, as AWS documents);
   * outside a transaction the whole batch commits or fails as one (PgJDBC sends a batch in one
   * implicit transaction).
   * @see https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BatchExecuteStatement.html
   */
  public async batchExecuteStatement(input: BatchExecuteStatementInput): Promise<BatchExecuteStatementOutput> {
    const runAll = async (session: SqlSession): Promise<BatchExecuteStatementOutput> => {
      const updateResults: Array<Record<string, never>> = [];
      for (const parameters of input.parameterSets) {
        await runSql(session, input.sql, parameters);
        updateResults.push({});
      }
      return { updateResults };
    };
    if (input.transactionId !== undefined) return this.transactions.run(input.transactionId, runAll);
    return this.withSession(input.database, async (session) => {
      await session.script('BEGIN');
      try {
        const output = await runAll(session);
        await session.script('COMMIT');
        return output;
      } catch (error) {
        await session.script('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /** @see https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BeginTransaction.html */
  public async beginTransaction(input: BeginTransactionInput): Promise<{ transactionId: string }> {
    const lease = await (await this.backend()).acquire();
    try {
      await this.schemas.use(lease.session, input.database);
      await lease.session.script('BEGIN');
    } catch (error) {
      lease.release(!isPgServerError(error));
      throw error;
    }
    return { transactionId: this.transactions.register(lease) };
  }

  /** @see https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_CommitTransaction.html */
  public async commitTransaction(input: EndTransactionInput): Promise<{ transactionStatus: string }> {
    await this.transactions.end(input.transactionId, 'COMMIT');
    return { transactionStatus: 'Transaction Committed' };
  }

  /** @see https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_RollbackTransaction.html */
  public async rollbackTransaction(input: EndTransactionInput): Promise<{ transactionStatus: string }> {
    await this.transactions.end(input.transactionId, 'ROLLBACK');
    return { transactionStatus: 'Rollback Complete' };
  }

  private async withSession<T>(database: string | undefined, work: (session: SqlSession) => Promise<T>): Promise<T> {
    const lease = await (await this.backend()).acquire();
    let broken = false;
    try {
      await this.schemas.use(lease.session, database);
      return await work(lease.session);
    } catch (error) {
      broken = !isPgServerError(error) && !(error instanceof RdsDataError);
      throw error;
    } finally {
      lease.release(broken);
    }
  }
}
