import { BatchExecuteStatementCommand, BeginTransactionCommand, ExecuteStatementCommand, type RDSDataClient } from '@aws-sdk/client-rds-data';
import { testClientConfig } from '../../harness/localCloudEnv';
import { clusterArn, dataApiClient, execute, rejection, SECRET_ARN, tableName } from './dataApiTestKit';

const CLUSTER = clusterArn('errors');

describe('Data API errors', () => {
  let client: RDSDataClient;

  beforeAll(() => {
    client = dataApiClient();
  });

  afterAll(() => client.destroy());

  it('answers BadRequestException when resourceArn is missing', async () => {
    const error = await rejection(client.send(new ExecuteStatementCommand({ secretArn: SECRET_ARN, sql: 'SELECT 1' } as never)));

    expect(error.name).toBe('BadRequestException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe("1 validation error detected: Value null at 'resourceArn' failed to satisfy constraint: Member must not be null");
  });

  it('answers BadRequestException when secretArn is missing', async () => {
    const error = await rejection(client.send(new BeginTransactionCommand({ resourceArn: CLUSTER } as never)));

    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe("1 validation error detected: Value null at 'secretArn' failed to satisfy constraint: Member must not be null");
  });

  it('answers BadRequestException when sql is missing', async () => {
    const error = await rejection(client.send(new ExecuteStatementCommand({ resourceArn: CLUSTER, secretArn: SECRET_ARN } as never)));

    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe("1 validation error detected: Value null at 'sql' failed to satisfy constraint: Member must not be null");
  });

  it('rejects a resourceArn that is not a DB cluster ARN', async () => {
    const error = await rejection(execute(client, SECRET_ARN, 'SELECT 1'));

    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe(`Invalid resourceArn '${SECRET_ARN}': expected a DB cluster ARN (arn:aws:rds:<region>:<account>:cluster:<name>)`);
  });

  it('rejects array parameters as Aurora PostgreSQL does', async () => {
    const error = await rejection(execute(client, CLUSTER, 'SELECT * FROM unnest(:ids)', [{ name: 'ids', value: { arrayValue: { longValues: [1, 2] } } }]));

    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe('Array parameters are not supported.');
  });

  it('rejects the schema parameter', async () => {
    const error = await rejection(execute(client, CLUSTER, 'SELECT 1', [], { schema: 'public' }));

    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe('The schema parameter is not supported for Aurora PostgreSQL');
  });

  it('rejects the schema parameter on BatchExecuteStatement too', async () => {
    const error = await rejection(client.send(new BatchExecuteStatementCommand({ resourceArn: CLUSTER, secretArn: SECRET_ARN, sql: 'SELECT 1', schema: 'public' })));

    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe('The schema parameter is not supported for Aurora PostgreSQL');
  });

  it("returns Postgres's message for a missing table", async () => {
    const error = await rejection(execute(client, CLUSTER, 'SELECT * FROM no_such_table_here'));

    expect(error.name).toBe('BadRequestException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe('ERROR: relation "no_such_table_here" does not exist\n  Position: 15');
  });

  it("returns Postgres's message for a syntax error", async () => {
    const error = await rejection(execute(client, CLUSTER, 'SELEC 1'));

    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe('ERROR: syntax error at or near "SELEC"\n  Position: 1');
  });

  it('returns the detail of a unique violation', async () => {
    const table = tableName('dupes');
    await execute(client, CLUSTER, `CREATE TABLE ${table} (id int PRIMARY KEY)`);
    await execute(client, CLUSTER, `INSERT INTO ${table} VALUES (1)`);

    const error = await rejection(execute(client, CLUSTER, `INSERT INTO ${table} VALUES (:id)`, [{ name: 'id', value: { longValue: 1 } }]));

    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe(`ERROR: duplicate key value violates unique constraint "${table}_pkey"\n  Detail: Key (id)=(1) already exists.`);
  });

  it('sends a string without a typeHint as varchar, so a uuid column needs the UUID hint', async () => {
    const table = tableName('uuids');
    await execute(client, CLUSTER, `CREATE TABLE ${table} (ref uuid)`);

    const error = await rejection(execute(client, CLUSTER, `INSERT INTO ${table} (ref) VALUES (:ref)`, [{ name: 'ref', value: { stringValue: '0b9f6c84-2f0a-4d55-9a4e-6f1f2c3d4e5f' } }]));

    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe(`ERROR: column "ref" is of type uuid but expression is of type character varying\n  Hint: You will need to rewrite or cast the expression.\n  Position: ${`INSERT INTO ${table} (ref) VALUES (`.length + 1}`);
  });

  it('rejects a TIMESTAMP hint whose value is not yyyy-mm-dd hh:mm:ss', async () => {
    const error = await rejection(execute(client, CLUSTER, 'SELECT :t AS t', [{ name: 't', value: { stringValue: '2026-01-02T03:04:05Z' }, typeHint: 'TIMESTAMP' }]));

    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe('Timestamp format must be yyyy-mm-dd hh:mm:ss[.fffffffff]');
  });

  it('rejects a parameter whose value has no field set', async () => {
    const error = await rejection(execute(client, CLUSTER, 'SELECT :v AS v', [{ name: 'v', value: {} as never }]));

    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe('Parameter "v" has value with no field set');
  });

  it('answers a path that is no Data API operation with BadRequestException', async () => {
    const { endpoint } = testClientConfig();

    const response = await fetch(`${endpoint}/ExecuteSql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/rds-data/aws4_request, SignedHeaders=host, Signature=0' },
      body: '{}',
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    expect(await response.json()).toEqual({ message: 'The local RDS Data API has no operation at POST /ExecuteSql' });
  });
});
