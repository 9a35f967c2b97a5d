import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, DeleteQueueCommand } from '@aws-sdk/client-sqs';
import { destroyIntegrationClients } from '../../../../local/stepfunctions/integrations/IntegrationClients';
import { invokeTask, type IntegrationDeps } from '../../../../local/stepfunctions/integrations/invokeTask';
import { uniqueName } from '../../../harness/localCloudEnv';
import { invocation } from './integrationTestDeps';
import { requireServices, SERVICE_START_TIMEOUT_MS } from '../../../harness/requireServices';
import { cloudDeps } from './sharedCloud';

/** What a Task state got: its result, or its error and cause. */
type Outcome = { readonly result: unknown } | { readonly error: unknown; readonly cause: unknown };

// Values that differ between two calls by nature: ids, the clock, and the checksum of a body holding the item key.
const VARYING_KEYS = new Set(['RequestId', 'x-amzn-RequestId', 'Date', 'MessageId', 'EventId', 'Id', 'x-amz-crc32']);

/** `value` with ids, dates and the case's own item key replaced by placeholders. */
function normalised(value: unknown, itemKey: string): unknown {
  if (typeof value === 'string') return value.replace(/Request ID: [^;,)]+/, 'Request ID: <id>').replaceAll(itemKey, '<key>');
  if (Array.isArray(value)) return value.map((item) => normalised(item, itemKey));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, VARYING_KEYS.has(key) ? '<varies>' : normalised(item, itemKey)]));
  }
  return value;
}

async function outcomeOf(resource: string, parameters: unknown, deps: IntegrationDeps, itemKey: string): Promise<Outcome> {
  try {
    return { result: normalised(await invokeTask(invocation(resource, parameters), deps), itemKey) };
  } catch (error) {
    return { error: Reflect.get(error as object, 'error'), cause: normalised(Reflect.get(error as object, 'cause'), itemKey) };
  }
}

describe("the engine's wire answers every call exactly as the SDK does", () => {
  const viaWire = cloudDeps();
  const viaSdk = cloudDeps({ wire: false });
  const table = uniqueName('wire-parity');
  let queueUrl = '';
  const database = {
    ResourceArn: `arn:aws:rds:us-east-1:000000000000:cluster:${uniqueName('wire-parity')}`,
    SecretArn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db',
    Database: 'wire_parity',
  };

  beforeAll(async () => {
    await requireServices(['dynamodb', 'sqs', 'events', 'rds-data', 'lambda', 'states'], SERVICE_START_TIMEOUT_MS);
    await viaSdk.clients.dynamodb.send(
      new CreateTableCommand({ TableName: table, AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }),
    );
    queueUrl = (await viaSdk.clients.sqs.send(new CreateQueueCommand({ QueueName: uniqueName('wire-parity') }))).QueueUrl ?? '';
  }, SERVICE_START_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    await viaSdk.clients.dynamodb.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
    await viaSdk.clients.sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => undefined);
    destroyIntegrationClients(viaSdk.clients);
    destroyIntegrationClients(viaWire.clients);
    viaWire.wire?.destroy();
  });

  // Each case runs once per path, each on a fresh item key with an existing item under it.
  const cases: ReadonlyArray<readonly [string, string, (key: string) => unknown]> = [
    ['dynamodb putItem', 'arn:aws:states:::dynamodb:putItem', (key) => ({ TableName: table, Item: { id: { S: `${key}-new` }, n: { N: '1.50' }, tags: { SS: ['a', 'b'] } }, ConditionExpression: 'attribute_not_exists(id)' })],
    ['dynamodb getItem (missing)', 'arn:aws:states:::dynamodb:getItem', (key) => ({ TableName: table, Key: { id: { S: `${key}-none` } }, ConsistentRead: true })],
    ['dynamodb updateItem ALL_NEW', 'arn:aws:states:::dynamodb:updateItem', (key) => ({ TableName: table, Key: { id: { S: key } }, UpdateExpression: 'SET #s = :s ADD c :one', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'ISSUED' }, ':one': { N: '1' } }, ReturnValues: 'ALL_NEW' })],
    ['dynamodb updateItem refused', 'arn:aws:states:::dynamodb:updateItem', (key) => ({ TableName: table, Key: { id: { S: key } }, UpdateExpression: 'SET #s = :s', ConditionExpression: 'attribute_not_exists(id)', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'X' } } })],
    ['dynamodb bad expression', 'arn:aws:states:::dynamodb:updateItem', (key) => ({ TableName: table, Key: { id: { S: key } }, UpdateExpression: 'SET = :s', ExpressionAttributeValues: { ':s': { S: 'X' } } })],
    ['dynamodb missing table', 'arn:aws:states:::dynamodb:deleteItem', (key) => ({ TableName: `${table}-missing`, Key: { id: { S: key } } })],
    ['aws-sdk dynamodb query', 'arn:aws:states:::aws-sdk:dynamodb:query', (key) => ({ TableName: table, KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': { S: key } }, ConsistentRead: true })],
    ['aws-sdk dynamodb query (none)', 'arn:aws:states:::aws-sdk:dynamodb:query', (key) => ({ TableName: table, KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': { S: `${key}-none` } } })],
    ['aws-sdk dynamodb getItem', 'arn:aws:states:::aws-sdk:dynamodb:getItem', (key) => ({ TableName: table, Key: { id: { S: key } }, ConsistentRead: true })],
    ['aws-sdk dynamodb putItem', 'arn:aws:states:::aws-sdk:dynamodb:putItem', (key) => ({ TableName: table, Item: { id: { S: key }, n: { N: '2' }, list: { L: [{ S: 'a' }, { NULL: true }, { BOOL: false }] }, map: { M: { x: { NS: ['1', '2'] } } } }, ReturnValues: 'ALL_OLD' })],
    ['aws-sdk dynamodb updateItem refused', 'arn:aws:states:::aws-sdk:dynamodb:updateItem', (key) => ({ TableName: table, Key: { id: { S: key } }, UpdateExpression: 'SET #s = :s', ConditionExpression: 'attribute_not_exists(id)', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'X' } } })],
    ['aws-sdk dynamodb deleteItem missing table', 'arn:aws:states:::aws-sdk:dynamodb:deleteItem', (key) => ({ TableName: `${table}-missing`, Key: { id: { S: key } } })],
    ['sqs sendMessage', 'arn:aws:states:::sqs:sendMessage', () => ({ QueueUrl: queueUrl, MessageBody: { invoiceId: 'inv-1', total: '10.00' }, MessageAttributes: { kind: { DataType: 'String', StringValue: 'emit' } } })],
    ['sqs missing queue', 'arn:aws:states:::sqs:sendMessage', () => ({ QueueUrl: `${queueUrl}-missing`, MessageBody: 'x' })],
    ['events putEvents', 'arn:aws:states:::events:putEvents', () => ({ Entries: [{ Source: 'nfse.test', DetailType: 'InvoiceIssued', Detail: { invoiceId: 'inv-1' } }] })],
    ['events missing bus', 'arn:aws:states:::events:putEvents', () => ({ Entries: [{ Source: 'nfse.test', DetailType: 'X', Detail: {}, EventBusName: 'no-such-bus' }] })],
    ['rdsdata select', 'arn:aws:states:::aws-sdk:rdsdata:executeStatement', () => ({ ...database, Sql: 'SELECT :id::text AS id, 2 AS n, 1.5::float8 AS f, NULL AS nothing, true AS yes', Parameters: [{ Name: 'id', Value: { StringValue: 'inv-1' } }], IncludeResultMetadata: true })],
    ['lambda invoke unknown function', 'arn:aws:states:::lambda:invoke', (key) => ({ FunctionName: `${key}-fn`, Payload: { n: 1 } })],
    ['lambda invoke unknown qualifier', 'arn:aws:states:::lambda:invoke', (key) => ({ FunctionName: `${key}-fn`, Qualifier: 'prod', InvocationType: 'Event' })],
    ['states startExecution missing machine', 'arn:aws:states:::states:startExecution', (key) => ({ StateMachineArn: `arn:aws:states:us-east-1:000000000000:stateMachine:${key}`, Input: { n: 1 } })],
    ['states startExecution bad ARN', 'arn:aws:states:::states:startExecution', () => ({ StateMachineArn: 'not-an-arn' })],
    ['rdsdata bad sql', 'arn:aws:states:::aws-sdk:rdsdata:executeStatement', () => ({ ...database, Sql: 'SELEC 1' })],
  ];

  it.each(cases)('%s', async (_name, resource, parameters) => {
    // Arrange
    const [wireKey, sdkKey] = [uniqueName('k'), uniqueName('k')];
    for (const key of [wireKey, sdkKey]) await invokeTask(invocation('arn:aws:states:::dynamodb:putItem', { TableName: table, Item: { id: { S: key } } }), viaSdk);

    // Act
    const wireOutcome = await outcomeOf(resource, parameters(wireKey), viaWire, wireKey);
    const sdkOutcome = await outcomeOf(resource, parameters(sdkKey), viaSdk, sdkKey);

    // Assert
    expect(wireOutcome).toEqual(sdkOutcome);
  }, 60_000);

  it('sends binary attribute values through the SDK, which encodes them', async () => {
    // Arrange
    const key = uniqueName('k');

    // Act
    const put = await outcomeOf('arn:aws:states:::dynamodb:putItem', { TableName: table, Item: { id: { S: key }, blob: { B: 'aGVsbG8=' } } }, viaWire, key);
    const got = await invokeTask(invocation('arn:aws:states:::dynamodb:getItem', { TableName: table, Key: { id: { S: key } } }), viaSdk);

    // Assert
    expect(put).toHaveProperty('result');
    expect(got).toMatchObject({ Item: { blob: { B: expect.any(String) } } });
  });
});
