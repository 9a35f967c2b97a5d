import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ExecuteStatementCommand,
  UpdateItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

const client = new DynamoDBClient(testClientConfig());
const documents = DynamoDBDocumentClient.from(client);

async function createInvoicesTable(name: string): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'invoiceId', AttributeType: 'S' },
      { AttributeName: 'companyCnpj', AttributeType: 'S' },
      { AttributeName: 'createdAt', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'invoiceId', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [{
      IndexName: 'byCompany',
      KeySchema: [{ AttributeName: 'companyCnpj', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'ALL' },
    }],
  }));
}

afterAll(() => client.destroy());

describe('local DynamoDB tables', () => {
  it('answers CreateTable with the table and its indexes already ACTIVE', async () => {
    const name = uniqueName('tables');

    const created = await client.send(new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'gk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [{ IndexName: 'byGk', KeySchema: [{ AttributeName: 'gk', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    }));
    const described = await client.send(new DescribeTableCommand({ TableName: name }));

    expect(created.TableDescription?.TableStatus).toBe('ACTIVE');
    expect(created.TableDescription?.GlobalSecondaryIndexes?.map((index) => index.IndexStatus)).toEqual(['ACTIVE']);
    expect(described.Table?.TableStatus).toBe('ACTIVE');
    expect(described.Table?.TableArn).toBe(`arn:aws:dynamodb:us-east-1:000000000000:table/${name}`);
  });

  it('lets the SDK table waiter succeed on its first poll', async () => {
    const name = uniqueName('waiter');
    await createInvoicesTable(name);
    const started = Date.now();

    const result = await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: name });

    expect(result.state).toBe('SUCCESS');
    // The waiter's second poll would come 20 s after the first.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rejects a conditional write whose condition fails with ConditionalCheckFailedException', async () => {
    const name = uniqueName('cond');
    await createInvoicesTable(name);
    const item = { invoiceId: 'inv-1', companyCnpj: '11222333000181', createdAt: '2026-11-23T10:00:00Z', status: 'EMITTED' };
    await documents.send(new PutCommand({ TableName: name, Item: item, ConditionExpression: 'attribute_not_exists(invoiceId)' }));

    const duplicate = documents.send(new PutCommand({ TableName: name, Item: { ...item, status: 'ISSUED' }, ConditionExpression: 'attribute_not_exists(invoiceId)' }));

    await expect(duplicate).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    const stored = await documents.send(new GetCommand({ TableName: name, Key: { invoiceId: 'inv-1' }, ConsistentRead: true }));
    expect(stored.Item).toEqual(item);
  });

  it('returns the stored item with ConditionalCheckFailedException when asked to', async () => {
    const name = uniqueName('old');
    await createInvoicesTable(name);
    await documents.send(new PutCommand({ TableName: name, Item: { invoiceId: 'inv-3', companyCnpj: 'c', createdAt: 't', status: 'ISSUED' } }));

    const error = await client.send(new UpdateItemCommand({
      TableName: name,
      Key: { invoiceId: { S: 'inv-3' } },
      UpdateExpression: 'SET #s = :processing',
      ConditionExpression: '#s = :emitted',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':emitted': { S: 'EMITTED' }, ':processing': { S: 'PROCESSING' } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
    expect((error as ConditionalCheckFailedException).Item).toEqual({ invoiceId: { S: 'inv-3' }, companyCnpj: { S: 'c' }, createdAt: { S: 't' }, status: { S: 'ISSUED' } });
  });

  it('applies an update whose condition accepts the current status', async () => {
    const name = uniqueName('update');
    await createInvoicesTable(name);
    await documents.send(new PutCommand({ TableName: name, Item: { invoiceId: 'inv-2', companyCnpj: 'c', createdAt: 't', status: 'EMITTED' } }));

    const updated = await documents.send(new UpdateCommand({
      TableName: name,
      Key: { invoiceId: 'inv-2' },
      UpdateExpression: 'SET #s = :processing',
      ConditionExpression: '#s IN (:emitted, :failed, :processing)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':emitted': 'EMITTED', ':failed': 'FAILED', ':processing': 'PROCESSING' },
      ReturnValues: 'ALL_NEW',
    }));

    expect(updated.Attributes).toEqual({ invoiceId: 'inv-2', companyCnpj: 'c', createdAt: 't', status: 'PROCESSING' });
  });

  it('queries a global secondary index in sort-key order', async () => {
    const name = uniqueName('gsi');
    await createInvoicesTable(name);
    for (const [id, cnpj, createdAt] of [['a', 'X', '2026-11-02'], ['b', 'Y', '2026-11-01'], ['c', 'X', '2026-11-01']]) {
      await documents.send(new PutCommand({ TableName: name, Item: { invoiceId: id, companyCnpj: cnpj, createdAt } }));
    }

    const result = await documents.send(new QueryCommand({
      TableName: name,
      IndexName: 'byCompany',
      KeyConditionExpression: 'companyCnpj = :c',
      ExpressionAttributeValues: { ':c': 'X' },
    }));

    expect(result.Items?.map((item) => item.invoiceId)).toEqual(['c', 'a']);
  });

  it('answers PartiQL with UnknownOperationException saying it is not supported', async () => {
    const statement = client.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM "nothing"' }));

    await expect(statement).rejects.toMatchObject({ name: 'UnknownOperationException', message: expect.stringMatching(/PartiQL\) is not supported/) });
  });
});
