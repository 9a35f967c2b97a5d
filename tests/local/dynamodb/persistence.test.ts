import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createLogger } from '../../../local/createLogger';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';

async function start(dataDir?: string): Promise<{ cloud: LocalCloud; client: DynamoDBClient }> {
  const cloud = await startLocalCloud({ port: 0, dataDir, services: ['dynamodb'], logger: createLogger('warn') });
  const client = new DynamoDBClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  return { cloud, client };
}

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
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dynamodb-data-'));
  });

  afterEach(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('keeps tables, items and TTL settings across a restart with the same data directory', async () => {
    const first = await start(dataDir);
    await createTableWithItem(first.client);
    await first.client.send(new UpdateTimeToLiveCommand({ TableName: 'invoices', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } }));
    first.client.destroy();
    await first.cloud.stop();

    const second = await start(dataDir);
    try {
      const table = await second.client.send(new DescribeTableCommand({ TableName: 'invoices' }));
      const item = await DynamoDBDocumentClient.from(second.client).send(new GetCommand({ TableName: 'invoices', Key: { invoiceId: 'inv-1' } }));
      const ttl = await second.client.send(new DescribeTimeToLiveCommand({ TableName: 'invoices' }));

      expect(table.Table?.TableStatus).toBe('ACTIVE');
      expect(item.Item).toEqual({ invoiceId: 'inv-1', total: '100.00' });
      expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    } finally {
      second.client.destroy();
      await second.cloud.stop();
    }
  });

  it('keeps nothing across a restart without a data directory', async () => {
    const first = await start();
    await createTableWithItem(first.client);
    first.client.destroy();
    await first.cloud.stop();

    const second = await start();
    try {
      const tables = await second.client.send(new ListTablesCommand({}));

      expect(tables.TableNames).toEqual([]);
    } finally {
      second.client.destroy();
      await second.cloud.stop();
    }
  });
});
