import { ConditionalCheckFailedException, CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

// The local DynamoDB parses each expression once and reuses the parse for later requests with the
// same text, names and value types: these requests repeat expression texts with other names and
// values, and must be answered as if each were parsed alone.

const client = new DynamoDBClient(testClientConfig());
const documents = DynamoDBDocumentClient.from(client);

async function createTable(): Promise<string> {
  const name = uniqueName('expr');
  await client.send(new CreateTableCommand({
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  }));
  return name;
}

async function read(table: string, pk: string, sk = '-'): Promise<Record<string, unknown> | undefined> {
  return (await documents.send(new GetCommand({ TableName: table, Key: { pk, sk }, ConsistentRead: true }))).Item;
}

const MOVE = {
  UpdateExpression: 'SET #status = :target, #at = :now REMOVE #shard',
  ConditionExpression: '#status IN (:from0, :from1)',
  ExpressionAttributeNames: { '#status': 'status', '#at': 'updatedAt', '#shard': 'shard' },
};

function move(table: string, pk: string, from: [string, string], target: string, now: string): UpdateCommand {
  return new UpdateCommand({
    TableName: table,
    Key: { pk, sk: '-' },
    ...MOVE,
    ExpressionAttributeValues: { ':target': target, ':now': now, ':from0': from[0], ':from1': from[1] },
  });
}

afterAll(() => client.destroy());

describe('local DynamoDB expressions repeated with other names and values', () => {
  it('checks each condition against its own values: passing, failing, then passing again', async () => {
    const table = await createTable();
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'a', sk: '-', status: 'EMITTED', shard: 3 } }));

    await documents.send(move(table, 'a', ['EMITTED', 'FAILED'], 'PROCESSING', 't1'));
    const refused = documents.send(move(table, 'a', ['EMITTED', 'FAILED'], 'ISSUED', 't2'));
    await expect(refused).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    await documents.send(move(table, 'a', ['PROCESSING', 'ISSUED'], 'ISSUED', 't3'));

    expect(await read(table, 'a')).toEqual({ pk: 'a', sk: '-', status: 'ISSUED', updatedAt: 't3' });
  });

  it('writes the attributes each request names, for the same expression text', async () => {
    const table = await createTable();
    const update = (pk: string, attribute: string, value: string): UpdateCommand => new UpdateCommand({
      TableName: table,
      Key: { pk, sk: '-' },
      UpdateExpression: 'SET #a = :v, #copy = :v',
      ExpressionAttributeNames: { '#a': attribute, '#copy': `${attribute}Copy` },
      ExpressionAttributeValues: { ':v': value },
    });

    await documents.send(update('x', 'colour', 'red'));
    await documents.send(update('y', 'size', 'large'));

    expect(await read(table, 'x')).toEqual({ pk: 'x', sk: '-', colour: 'red', colourCopy: 'red' });
    expect(await read(table, 'y')).toEqual({ pk: 'y', sk: '-', size: 'large', sizeCopy: 'large' });
  });

  it('adds each request its own increment to a counter', async () => {
    const table = await createTable();
    const add = (n: number): UpdateCommand => new UpdateCommand({
      TableName: table,
      Key: { pk: 'counter', sk: '-' },
      UpdateExpression: 'SET #n = if_not_exists(#n, :zero) + :inc',
      ExpressionAttributeNames: { '#n': 'n' },
      ExpressionAttributeValues: { ':zero': 0, ':inc': n },
      ReturnValues: 'UPDATED_NEW',
    });

    const first = await documents.send(add(1));
    const second = await documents.send(add(5));

    expect([first.Attributes, second.Attributes]).toEqual([{ n: 1 }, { n: 6 }]);
  });

  it('refuses a value of another type in an expression it has parsed before', async () => {
    const table = await createTable();
    const add = (value: unknown): UpdateCommand => new UpdateCommand({
      TableName: table,
      Key: { pk: 'c', sk: '-' },
      UpdateExpression: 'SET #n = if_not_exists(#n, :zero) + :inc',
      ExpressionAttributeNames: { '#n': 'n' },
      ExpressionAttributeValues: { ':zero': 0, ':inc': value },
    });
    await documents.send(add(2));

    await expect(documents.send(add('two'))).rejects.toThrow('Incorrect operand type for operator or function; operator or function: +, operand type: S');
  });

  it('reports names and values no expression of the request uses, as a fresh parse would', async () => {
    const table = await createTable();
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'u', sk: '-', status: 'EMITTED' } }));
    // `#status` in both expressions first, then in the condition alone: the condition still uses it.
    await documents.send(move(table, 'u', ['EMITTED', 'FAILED'], 'PROCESSING', 't1'));
    await documents.send(new UpdateCommand({
      TableName: table,
      Key: { pk: 'u', sk: '-' },
      UpdateExpression: 'SET #at = :now REMOVE #shard',
      ConditionExpression: MOVE.ConditionExpression,
      ExpressionAttributeNames: MOVE.ExpressionAttributeNames,
      ExpressionAttributeValues: { ':now': 't2', ':from0': 'PROCESSING', ':from1': 'ISSUED' },
    }));

    const unused = documents.send(new UpdateCommand({
      TableName: table,
      Key: { pk: 'u', sk: '-' },
      ...MOVE,
      ExpressionAttributeValues: { ':target': 'ISSUED', ':now': 't3', ':from0': 'PROCESSING', ':from1': 'ISSUED', ':spare': 'x' },
    }));

    await expect(unused).rejects.toThrow('Value provided in ExpressionAttributeValues unused in expressions: keys: {:spare}');
    expect(await read(table, 'u')).toEqual({ pk: 'u', sk: '-', status: 'PROCESSING', updatedAt: 't2' });
  });

  it('queries with each request its own key condition, filter and projection', async () => {
    const table = await createTable();
    for (const [sk, colour] of [['2026-01', 'red'], ['2026-02', 'blue'], ['2027-01', 'red']]) {
      await documents.send(new PutCommand({ TableName: table, Item: { pk: 'q', sk, colour, size: sk.length } }));
    }
    const query = (prefix: string, colour: string, attribute: string): QueryCommand => new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: '#c = :colour',
      ProjectionExpression: 'sk, #p',
      ExpressionAttributeNames: { '#c': 'colour', '#p': attribute },
      ExpressionAttributeValues: { ':pk': 'q', ':prefix': prefix, ':colour': colour },
    });

    const first = await documents.send(query('2026', 'red', 'colour'));
    const second = await documents.send(query('2026', 'blue', 'size'));
    const third = await documents.send(query('2027', 'red', 'colour'));

    expect([first.Items, second.Items, third.Items]).toEqual([
      [{ sk: '2026-01', colour: 'red' }],
      [{ sk: '2026-02', size: 7 }],
      [{ sk: '2027-01', colour: 'red' }],
    ]);
  });

  it('checks BETWEEN bounds and attribute_type names on every request', async () => {
    const table = await createTable();
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'b', sk: '2026-05', kind: 'x' } }));
    const between = (low: string, high: string): QueryCommand => new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :low AND :high',
      ExpressionAttributeValues: { ':pk': 'b', ':low': low, ':high': high },
    });
    const typed = (type: string): UpdateCommand => new UpdateCommand({
      TableName: table,
      Key: { pk: 'b', sk: '2026-05' },
      UpdateExpression: 'SET seen = :yes',
      ConditionExpression: 'attribute_type(kind, :type)',
      ExpressionAttributeValues: { ':yes': true, ':type': type },
    });

    expect((await documents.send(between('2026-01', '2026-12'))).Items).toEqual([{ pk: 'b', sk: '2026-05', kind: 'x' }]);
    await expect(documents.send(between('2026-12', '2026-01'))).rejects.toThrow('The BETWEEN operator requires upper bound to be greater than or equal to lower bound');
    await documents.send(typed('S'));
    await expect(documents.send(typed('Q'))).rejects.toThrow('Invalid attribute type name found; type: Q');
    await expect(documents.send(typed('N'))).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });
});
