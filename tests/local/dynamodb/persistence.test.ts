import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { restartableCloud, type RestartableCloud } from '../../harness/restartableCloud';

async function createTableWithItem(client: DynamoDBClient): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName: 'invoices',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'invoiceId', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'invoiceId', KeyType: 'HASH' }],
  }));
  await DynamoDBDocumentClient.from(client).send(new PutCommand({ TableName: 'invoices', Item: { invoiceId: 'inv-1', total: '100.00' } }));
}

describe('local DynamoDB persistence', () => {
  let clouds: RestartableCloud<DynamoDBClient>;

  beforeEach(async () => {
    clouds = await restartableCloud({ services: ['dynamodb'], client: (config) => new DynamoDBClient(config) });
  });

  afterEach(async () => {
    await clouds.dispose();
  });

  it('keeps tables, items and TTL settings across a restart with the same data directory', async () => {
    const first = await clouds.start();
    await createTableWithItem(first.client);
    await first.client.send(new UpdateTimeToLiveCommand({ TableName: 'invoices', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } }));
    await first.stop();

    const second = await clouds.start();
    const table = await second.client.send(new DescribeTableCommand({ TableName: 'invoices' }));
    const item = await DynamoDBDocumentClient.from(second.client).send(new GetCommand({ TableName: 'invoices', Key: { invoiceId: 'inv-1' } }));
    const ttl = await second.client.send(new DescribeTimeToLiveCommand({ TableName: 'invoices' }));

    expect(table.Table?.TableStatus).toBe('ACTIVE');
    expect(item.Item).toEqual({ invoiceId: 'inv-1', total: '100.00' });
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  });

  it('keeps nothing across a restart without a data directory', async () => {
    const first = await clouds.start({ persist: false });
    await createTableWithItem(first.client);
    await first.stop();

    const second = await clouds.start({ persist: false });
    const tables = await second.client.send(new ListTablesCommand({}));

    expect(tables.TableNames).toEqual([]);
  });
});
