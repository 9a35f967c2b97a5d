import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beginIdempotentRequest, completeIdempotentRequest } from '../../../tasks/shared/idempotency';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { requireServices } from '../../harness/requireServices';

const FIRST = '01JDQ7Z8X9Y0ABCDEFGHJKMNPQ';
const SECOND = '01JDQ7Z8X9Y0ABCDEFGHJKMNPR';

describe('beginIdempotentRequest against the local DynamoDB', () => {
  const table = uniqueName('requests');
  const sent: string[] = [];
  let ddb: DynamoDBDocumentClient;

  beforeAll(async () => {
    await requireServices(['dynamodb']);
    const client = new DynamoDBClient(testClientConfig());
    await client.send(new CreateTableCommand({ TableName: table, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'requestKey', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'requestKey', KeyType: 'HASH' }] }));
    ddb = DynamoDBDocumentClient.from(client);
    // Every command the client sends, by name: the claim must be one call, never a put then a get.
    ddb.middlewareStack.add((next, context) => async (args) => {
      sent.push(String(context.commandName));
      return next(args);
    }, { step: 'initialize' });
  });

  afterAll(() => ddb.destroy());

  const deps = (): { ddb: DynamoDBDocumentClient; requestsTable: string; now: () => Date } => ({ ddb, requestsTable: table, now: () => new Date('2026-11-23T12:00:00.000Z') });

  it('claims a new key, then resumes, replays and refuses from the record the refused put returns', async () => {
    const claimed = await beginIdempotentRequest(deps(), 'user-1#k1', 'a'.repeat(64), FIRST);
    const resumed = await beginIdempotentRequest(deps(), 'user-1#k1', 'a'.repeat(64), SECOND);
    await completeIdempotentRequest(deps(), 'user-1#k1', { statusCode: 201, body: '{"invoiceId":"x"}' });
    sent.length = 0;
    const replayed = await beginIdempotentRequest(deps(), 'user-1#k1', 'a'.repeat(64), SECOND);
    const reused = beginIdempotentRequest(deps(), 'user-1#k1', 'b'.repeat(64), SECOND);

    expect(claimed).toEqual({ kind: 'new', invoiceId: FIRST });
    expect(resumed).toEqual({ kind: 'resume', invoiceId: FIRST });
    expect(replayed).toEqual({ kind: 'replay', invoiceId: FIRST, response: { statusCode: 201, body: '{"invoiceId":"x"}' } });
    await expect(reused).rejects.toMatchObject({ statusCode: 409, code: 'IdempotencyKeyReused' });
    expect(sent).toEqual(['PutItemCommand', 'PutItemCommand']);
  });
});
