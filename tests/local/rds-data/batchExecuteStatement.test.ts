import { BatchExecuteStatementCommand, type BatchExecuteStatementCommandOutput, type RDSDataClient, type SqlParameter } from '@aws-sdk/client-rds-data';
import { clusterArn, dataApiClient, execute, rejection, SECRET_ARN, tableName } from './dataApiTestKit';

const CLUSTER = clusterArn('batch');

describe('BatchExecuteStatement', () => {
  let client: RDSDataClient;
  const events = tableName('events');
  const batch = (ids: number[]): Promise<BatchExecuteStatementCommandOutput> =>
    client.send(
      new BatchExecuteStatementCommand({
        resourceArn: CLUSTER,
        secretArn: SECRET_ARN,
        sql: `INSERT INTO ${events} (id, kind) VALUES (:id, :kind)`,
        parameterSets: ids.map((id) => [
          { name: 'id', value: { longValue: id } },
          { name: 'kind', value: { stringValue: `kind-${id}` } },
        ]),
      }),
    );

  beforeAll(async () => {
    client = dataApiClient();
    await execute(client, CLUSTER, `CREATE TABLE ${events} (id int PRIMARY KEY, kind text NOT NULL)`);
  }, 60_000);

  afterAll(() => client.destroy());

  it('runs the statement once per parameter set and answers one update result each', async () => {
    const output = await batch([1, 2, 3]);
    const rows = await execute(client, CLUSTER, `SELECT id, kind FROM ${events} ORDER BY id`);

    expect(output.updateResults).toEqual([{}, {}, {}]);
    expect(rows.records).toEqual([
      [{ longValue: 1 }, { stringValue: 'kind-1' }],
      [{ longValue: 2 }, { stringValue: 'kind-2' }],
      [{ longValue: 3 }, { stringValue: 'kind-3' }],
    ]);
  });

  it('applies none of a batch when one parameter set fails', async () => {
    const error = await rejection(batch([10, 11, 1]));
    const rows = await execute(client, CLUSTER, `SELECT count(*) FROM ${events} WHERE id >= 10`);

    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe(`ERROR: duplicate key value violates unique constraint "${events}_pkey"\n  Detail: Key (id)=(1) already exists.`);
    expect(rows.records).toEqual([[{ longValue: 0 }]]);
  });

  it('runs the statement once per empty parameter set, and not at all without parameter sets', async () => {
    const counter = tableName('counter');
    await execute(client, CLUSTER, `CREATE TABLE ${counter} (n int)`);
    const insert = (parameterSets?: SqlParameter[][]): Promise<BatchExecuteStatementCommandOutput> =>
      client.send(new BatchExecuteStatementCommand({ resourceArn: CLUSTER, secretArn: SECRET_ARN, sql: `INSERT INTO ${counter} VALUES (1)`, parameterSets }));

    const none = await insert();
    const twice = await insert([[], []]);
    const rows = await execute(client, CLUSTER, `SELECT count(*) FROM ${counter}`);

    expect(none.updateResults).toEqual([]);
    expect(twice.updateResults).toEqual([{}, {}]);
    expect(rows.records).toEqual([[{ longValue: 2 }]]);
  });

  it('rejects array parameters in a parameter set', async () => {
    const error = await rejection(
      client.send(
        new BatchExecuteStatementCommand({
          resourceArn: CLUSTER,
          secretArn: SECRET_ARN,
          sql: `INSERT INTO ${events} (id, kind) VALUES (:id, 'x')`,
          parameterSets: [[{ name: 'id', value: { arrayValue: { longValues: [1] } } }]],
        }),
      ),
    );

    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe('Array parameters are not supported.');
  });
});
