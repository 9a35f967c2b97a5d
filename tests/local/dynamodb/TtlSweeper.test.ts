import { FakeClock } from '../../../lib/clock/FakeClock';
import { createLogger } from '../../../local/createLogger';
import { createDynamoDbService } from '../../../local/dynamodb/createDynamoDbService';
import type { EdgeRequest } from '../../../local/edge/EdgeRequest';
import type { LocalService } from '../../../local/edge/LocalService';
import { eventually } from '../../harness/eventually';

function call(service: LocalService, operation: string, input: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = Buffer.from(JSON.stringify(input));
  const request: EdgeRequest = {
    method: 'POST',
    url: new URL('http://edge.local/'),
    rawUrl: '/',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${operation}`,
      'x-amz-date': '20260101T000000Z',
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body,
    service: 'dynamodb',
    target: operation,
    region: 'us-east-1',
    accountId: '000000000000',
  };
  return service.handle(request).then((response) => ({ status: response.status, body: JSON.parse(String(response.body)) as Record<string, unknown> }));
}

async function itemExists(service: LocalService): Promise<boolean> {
  const result = await call(service, 'GetItem', { TableName: 'sessions', Key: { pk: { S: 'old' } }, ConsistentRead: true });
  return result.body.Item !== undefined;
}

describe('TtlSweeper', () => {
  let clock: FakeClock;
  let service: LocalService;

  beforeEach(async () => {
    clock = new FakeClock(Date.now());
    service = await createDynamoDbService({ endpoint: 'http://127.0.0.1:0', region: 'us-east-1', accountId: '000000000000', clock, logger: createLogger('warn') });
    await call(service, 'CreateTable', {
      TableName: 'sessions',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    });
    await call(service, 'UpdateTimeToLive', { TableName: 'sessions', TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } });
    await call(service, 'PutItem', { TableName: 'sessions', Item: { pk: { S: 'old' }, ttl: { N: String(Math.floor(clock.now() / 1000) - 1) } } });
  });

  afterEach(async () => {
    await service.stop();
  });

  it('sweeps on the clock: nothing is deleted before 10 s of clock time pass', async () => {
    await clock.advance(9_999);
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(await itemExists(service)).toBe(true);
  });

  it('deletes an expired item once the clock reaches the sweep interval', async () => {
    await clock.advance(10_000);
    const exists = await eventually('the expired item deleted', () => itemExists(service), (found) => !found, { timeoutMs: 2_000 });

    expect(exists).toBe(false);
  });
});
