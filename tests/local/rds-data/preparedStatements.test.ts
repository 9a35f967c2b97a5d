import { BeginTransactionCommand, CommitTransactionCommand, type RDSDataClient, type SqlParameter } from '@aws-sdk/client-rds-data';
import { clusterArn, dataApiClient, execute, SECRET_ARN, tableName } from './dataApiTestKit';

const CLUSTER = clusterArn('prepared');

/**
 * Outside a transaction the local Data API keeps each statement prepared on PGlite's session and
 * reuses its plan; what a caller sees must not change: DDL, another database, a transaction.
 */
describe('ExecuteStatement reuses the plans of statements it ran before', () => {
  let client: RDSDataClient;
  const table = tableName('plans');
  const byId = (id: number): SqlParameter[] => [{ name: 'id', value: { longValue: id } }];
  /** The session's prepared statements whose text mentions this suite's table. */
  const preparedOfTable = async (): Promise<string[]> => {
    const output = await execute(client, CLUSTER, 'SELECT statement FROM pg_prepared_statements WHERE statement LIKE :pattern ORDER BY statement', [
      { name: 'pattern', value: { stringValue: `%${table}%` } },
    ]);
    return (output.records ?? []).map(([statement]) => statement?.stringValue ?? '');
  };

  beforeAll(async () => {
    client = dataApiClient();
    for (const database of ['prepared_a', 'prepared_b']) {
      await execute(client, CLUSTER, `CREATE TABLE ${table} (id bigint PRIMARY KEY, name text NOT NULL)`, [], { database });
      await execute(client, CLUSTER, `INSERT INTO ${table} (id, name) VALUES (1, :name)`, [{ name: 'name', value: { stringValue: database } }], { database });
    }
  }, 60_000);

  afterAll(() => client.destroy());

  it('keeps a statement with parameters prepared once it has run, under its $n text', async () => {
    await execute(client, CLUSTER, `SELECT name FROM ${table} WHERE id = :id`, byId(1), { database: 'prepared_a' });

    expect(await preparedOfTable()).toContain(`SELECT name FROM ${table} WHERE id = $1`);
  });

  it('answers from each database’s own table when the same text runs in another', async () => {
    const sql = `SELECT name FROM ${table} WHERE id = :id`;

    const names = [];
    for (const database of ['prepared_a', 'prepared_b', 'prepared_a']) {
      const output = await execute(client, CLUSTER, sql, byId(1), { database });
      names.push(output.records?.[0]?.[0]?.stringValue);
    }

    expect(names).toEqual(['prepared_a', 'prepared_b', 'prepared_a']);
  });

  it('answers the new columns of `SELECT *` after the table gained one, where Postgres refuses the old plan', async () => {
    const sql = `SELECT * FROM ${table} WHERE id = :id`;
    await execute(client, CLUSTER, sql, byId(1), { database: 'prepared_b' });
    await execute(client, CLUSTER, `ALTER TABLE ${table} ADD COLUMN note text DEFAULT 'added'`, [], { database: 'prepared_b' });

    const output = await execute(client, CLUSTER, sql, byId(1), { database: 'prepared_b', includeResultMetadata: true });

    expect(output.columnMetadata?.map((column) => column.name)).toEqual(['id', 'name', 'note']);
    expect(output.records?.[0]?.map((field) => field.longValue ?? field.stringValue)).toEqual([1, 'prepared_b', 'added']);
  });

  it('prepares nothing for a statement in a transaction', async () => {
    const { transactionId } = await client.send(new BeginTransactionCommand({ resourceArn: CLUSTER, secretArn: SECRET_ARN, database: 'prepared_a' }));
    await execute(client, CLUSTER, `UPDATE ${table} SET name = name WHERE id = :id`, byId(1), { database: 'prepared_a', transactionId });
    await client.send(new CommitTransactionCommand({ resourceArn: CLUSTER, secretArn: SECRET_ARN, transactionId }));

    expect((await preparedOfTable()).filter((statement) => statement.startsWith('UPDATE'))).toEqual([]);
  });
});
