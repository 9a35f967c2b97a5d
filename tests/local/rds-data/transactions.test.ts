import { BatchExecuteStatementCommand, BeginTransactionCommand, CommitTransactionCommand, RollbackTransactionCommand, type RDSDataClient } from '@aws-sdk/client-rds-data';
import { clusterArn, dataApiClient, execute, rejection, SECRET_ARN, tableName } from './dataApiTestKit';

const CLUSTER = clusterArn('tx');
const DATABASE = 'rds_data_tx_tests';

describe('Data API transactions', () => {
  let client: RDSDataClient;
  const ledger = tableName('ledger');
  const begin = async (): Promise<string> => {
    const output = await client.send(new BeginTransactionCommand({ resourceArn: CLUSTER, secretArn: SECRET_ARN, database: DATABASE }));
    return output.transactionId ?? '';
  };
  const count = async (): Promise<number | undefined> => {
    const output = await execute(client, CLUSTER, `SELECT count(*) AS n FROM ${ledger}`, [], { database: DATABASE });
    return output.records?.[0]?.[0]?.longValue;
  };
  const insert = (id: number, transactionId?: string): ReturnType<typeof execute> =>
    execute(client, CLUSTER, `INSERT INTO ${ledger} (id) VALUES (:id)`, [{ name: 'id', value: { longValue: id } }], { database: DATABASE, transactionId });

  beforeAll(async () => {
    client = dataApiClient();
    await execute(client, CLUSTER, `CREATE TABLE ${ledger} (id int PRIMARY KEY)`, [], { database: DATABASE });
  }, 60_000);

  beforeEach(async () => {
    await execute(client, CLUSTER, `DELETE FROM ${ledger}`, [], { database: DATABASE });
  });

  afterAll(() => client.destroy());

  it('commits the statements run in a transaction', async () => {
    const transactionId = await begin();
    await insert(1, transactionId);
    await insert(2, transactionId);

    const commit = await client.send(new CommitTransactionCommand({ resourceArn: CLUSTER, secretArn: SECRET_ARN, transactionId }));

    expect(commit.transactionStatus).toBe('Transaction Committed');
    expect(await count()).toBe(2);
  });

  it('rolls back the statements run in a transaction', async () => {
    const transactionId = await begin();
    await insert(1, transactionId);

    const rollback = await client.send(new RollbackTransactionCommand({ resourceArn: CLUSTER, secretArn: SECRET_ARN, transactionId }));

    expect(rollback.transactionStatus).toBe('Rollback Complete');
    expect(await count()).toBe(0);
  });

  it('keeps uncommitted rows from statements outside the transaction', async () => {
    const transactionId = await begin();
    await insert(1, transactionId);
    const inside = await execute(client, CLUSTER, `SELECT count(*) FROM ${ledger}`, [], { transactionId });

    // On PGlite the outside read waits for the transaction to end; on Postgres it runs at once.
    const outside = count();
    await client.send(new RollbackTransactionCommand({ resourceArn: CLUSTER, secretArn: SECRET_ARN, transactionId }));

    expect(inside.records).toEqual([[{ longValue: 1 }]]);
    expect(await outside).toBe(0);
  });

  it('uses the database the transaction began in', async () => {
    const transactionId = await begin();

    const output = await execute(client, CLUSTER, `SELECT count(*) FROM ${ledger}`, [], { transactionId });
    await client.send(new CommitTransactionCommand({ resourceArn: CLUSTER, secretArn: SECRET_ARN, transactionId }));

    expect(output.records).toEqual([[{ longValue: 0 }]]);
  });

  it('runs a batch inside a transaction', async () => {
    const transactionId = await begin();
    await client.send(
      new BatchExecuteStatementCommand({
        resourceArn: CLUSTER,
        secretArn: SECRET_ARN,
        transactionId,
        sql: `INSERT INTO ${ledger} (id) VALUES (:id)`,
        parameterSets: [[{ name: 'id', value: { longValue: 7 } }], [{ name: 'id', value: { longValue: 8 } }]],
      }),
    );

    await client.send(new RollbackTransactionCommand({ resourceArn: CLUSTER, secretArn: SECRET_ARN, transactionId }));

    expect(await count()).toBe(0);
  });

  it('keeps a failed statement inside the transaction aborted, as Postgres does', async () => {
    const transactionId = await begin();
    await insert(1, transactionId);
    await rejection(insert(1, transactionId));

    const error = await rejection(insert(2, transactionId));
    await client.send(new RollbackTransactionCommand({ resourceArn: CLUSTER, secretArn: SECRET_ARN, transactionId }));

    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe('ERROR: current transaction is aborted, commands ignored until end of transaction block');
  });

  it('answers an unknown transaction id with BadRequestException', async () => {
    const error = await rejection(insert(1, 'not-a-transaction'));

    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe('Transaction not-a-transaction is not found');
  });

  it('forgets a transaction once it is committed', async () => {
    const transactionId = await begin();
    await client.send(new CommitTransactionCommand({ resourceArn: CLUSTER, secretArn: SECRET_ARN, transactionId }));

    const error = await rejection(client.send(new CommitTransactionCommand({ resourceArn: CLUSTER, secretArn: SECRET_ARN, transactionId })));

    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe(`Transaction ${transactionId} is not found`);
  });
});
