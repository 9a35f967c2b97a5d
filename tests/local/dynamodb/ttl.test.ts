import { CreateTableCommand, DeleteTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { eventually } from '../../harness/eventually';
import { testClientConfig, timeScale, uniqueName } from '../../harness/localCloudEnv';

const client = new DynamoDBClient(testClientConfig());
const documents = DynamoDBDocumentClient.from(client);

async function createTable(): Promise<string> {
  const name = uniqueName('ttl');
  await client.send(new CreateTableCommand({
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  }));
  return name;
}

async function keys(table: string): Promise<string[]> {
  const result = await documents.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
  return (result.Items ?? []).map((item) => String(item.pk)).sort();
}

afterAll(() => client.destroy());

describe('local DynamoDB Time to Live', () => {
  it('describes TTL as DISABLED until UpdateTimeToLive enables it on an attribute', async () => {
    const table = await createTable();

    const before = await client.send(new DescribeTimeToLiveCommand({ TableName: table }));
    const updated = await client.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } }));
    const after = await client.send(new DescribeTimeToLiveCommand({ TableName: table }));

    expect(before.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
    expect(updated.TimeToLiveSpecification).toEqual({ Enabled: true, AttributeName: 'expiresAt' });
    expect(after.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  });

  it('refuses to enable TTL twice and disables it again', async () => {
    const table = await createTable();
    await client.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } }));

    const again = client.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } }));
    await expect(again).rejects.toMatchObject({ name: 'ValidationException', message: 'TimeToLive is already enabled' });
    await client.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: false, AttributeName: 'expiresAt' } }));

    expect((await client.send(new DescribeTimeToLiveCommand({ TableName: table }))).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
  });

  it('forgets the TTL setting of a deleted table when one of the same name is created', async () => {
    const table = await createTable();
    await client.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } }));

    await client.send(new DeleteTableCommand({ TableName: table }));
    await client.send(new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }));

    expect((await client.send(new DescribeTimeToLiveCommand({ TableName: table }))).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
  });

  it('answers TTL calls on a missing table with ResourceNotFoundException', async () => {
    const attempt = client.send(new DescribeTimeToLiveCommand({ TableName: uniqueName('none') }));

    await expect(attempt).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('deletes expired items on its next sweep and keeps the others', async () => {
    const table = await createTable();
    const nowSeconds = Math.floor(Date.now() / 1000);
    await client.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } }));
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'expired', expiresAt: nowSeconds - 60 } }));
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'future', expiresAt: nowSeconds + 3600 } }));
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'not-a-number', expiresAt: String(nowSeconds - 60) } }));
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'ancient', expiresAt: nowSeconds - 6 * 365 * 24 * 3600 } }));
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'no-ttl' } }));

    // The sweeper runs every 10 s of AWS time: allow a few intervals at the cloud's time scale.
    const remaining = await eventually('the expired item swept', () => keys(table), (found) => !found.includes('expired'), { timeoutMs: 3 * 10_000 * timeScale() + 2000, intervalMs: 100 });

    expect(remaining).toEqual(['ancient', 'future', 'no-ttl', 'not-a-number']);
  });
});
