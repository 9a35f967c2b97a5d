import {
  CreateTableCommand,
  DynamoDBClient,
  IdempotentParameterMismatchException,
  ResourceNotFoundException,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

const client = new DynamoDBClient(testClientConfig());
const documents = DynamoDBDocumentClient.from(client);

async function createTable(): Promise<string> {
  const name = uniqueName('tx');
  await client.send(new CreateTableCommand({
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  }));
  return name;
}

async function read(table: string, pk: string): Promise<Record<string, unknown> | undefined> {
  return (await documents.send(new GetCommand({ TableName: table, Key: { pk }, ConsistentRead: true }))).Item;
}

afterAll(() => client.destroy());

describe('local DynamoDB TransactWriteItems', () => {
  it('applies every write of a transaction whose conditions hold', async () => {
    const table = await createTable();
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'counter', n: 1 } }));
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'old' } }));
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'guard', open: true } }));

    await documents.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: table, Item: { pk: 'new', v: 'x' }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Update: { TableName: table, Key: { pk: 'counter' }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } } },
        { Delete: { TableName: table, Key: { pk: 'old' }, ConditionExpression: 'attribute_exists(pk)' } },
        { ConditionCheck: { TableName: table, Key: { pk: 'guard' }, ConditionExpression: '#o = :t', ExpressionAttributeNames: { '#o': 'open' }, ExpressionAttributeValues: { ':t': true } } },
      ],
    }));

    expect(await read(table, 'new')).toEqual({ pk: 'new', v: 'x' });
    expect(await read(table, 'counter')).toEqual({ pk: 'counter', n: 2 });
    expect(await read(table, 'old')).toBeUndefined();
    expect(await read(table, 'guard')).toEqual({ pk: 'guard', open: true });
  });

  it('cancels the whole transaction with one reason per item, in order, when a condition fails', async () => {
    const table = await createTable();
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'taken', owner: 'someone' } }));

    const error = await documents.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: table, Item: { pk: 'fresh' } } },
        { Put: { TableName: table, Item: { pk: 'taken', owner: 'me' }, ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
        { Update: { TableName: table, Key: { pk: 'missing' }, UpdateExpression: 'SET a = :a', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':a': 1 } } },
      ],
    })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransactionCanceledException);
    const cancelled = error as TransactionCanceledException;
    expect(cancelled.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, ConditionalCheckFailed]');
    expect(cancelled.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { pk: { S: 'taken' }, owner: { S: 'someone' } } },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);
    expect(await read(table, 'fresh')).toBeUndefined();
    expect(await read(table, 'taken')).toEqual({ pk: 'taken', owner: 'someone' });
    expect(await read(table, 'missing')).toBeUndefined();
  });

  it('undoes earlier writes when a later write fails validation', async () => {
    const table = await createTable();
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'first', v: 'before' } }));

    const error = await documents.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: table, Item: { pk: 'first', v: 'after' } } },
        { Update: { TableName: table, Key: { pk: 'second' }, UpdateExpression: 'SET nested.deep = :v', ExpressionAttributeValues: { ':v': 1 } } },
      ],
    })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons?.map((reason) => reason.Code)).toEqual(['None', 'ValidationError']);
    expect(await read(table, 'first')).toEqual({ pk: 'first', v: 'before' });
    expect(await read(table, 'second')).toBeUndefined();
  });

  it('rejects two operations on the same item with ValidationException', async () => {
    const table = await createTable();

    const attempt = documents.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: table, Item: { pk: 'same', v: 1 } } },
        { Delete: { TableName: table, Key: { pk: 'same' } } },
      ],
    }));

    await expect(attempt).rejects.toMatchObject({ name: 'ValidationException', message: 'Transaction request cannot include multiple operations on one item' });
    expect(await read(table, 'same')).toBeUndefined();
  });

  it('answers a transaction on a missing table with ResourceNotFoundException', async () => {
    const attempt = documents.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: uniqueName('nope'), Item: { pk: 'a' } } }] }));

    await expect(attempt).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('applies a transaction once per ClientRequestToken and refuses the token for another request', async () => {
    const table = await createTable();
    const token = uniqueName('token');
    const increment = (): TransactWriteItemsCommand => new TransactWriteItemsCommand({
      ClientRequestToken: token,
      TransactItems: [{ Update: { TableName: table, Key: { pk: { S: 'c' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } }],
    });

    await client.send(increment());
    await client.send(increment());
    const other = client.send(new TransactWriteItemsCommand({
      ClientRequestToken: token,
      TransactItems: [{ Delete: { TableName: table, Key: { pk: { S: 'c' } } } }],
    }));

    await expect(other).rejects.toBeInstanceOf(IdempotentParameterMismatchException);
    expect(await read(table, 'c')).toEqual({ pk: 'c', n: 1 });
  });

  it('keeps concurrent transfers atomic: the total never changes', async () => {
    const table = await createTable();
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'alice', balance: 100 } }));
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'bob', balance: 100 } }));
    const transfer = (from: string, to: string): Promise<unknown> => documents.send(new TransactWriteCommand({
      TransactItems: [
        { Update: { TableName: table, Key: { pk: from }, UpdateExpression: 'SET balance = balance - :x', ConditionExpression: 'balance >= :x', ExpressionAttributeValues: { ':x': 30 } } },
        { Update: { TableName: table, Key: { pk: to }, UpdateExpression: 'SET balance = balance + :x', ExpressionAttributeValues: { ':x': 30 } } },
      ],
    })).then(() => 'ok', (e: { name: string }) => e.name);

    const outcomes = await Promise.all(Array.from({ length: 10 }, () => transfer('alice', 'bob')));

    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'TransactionCanceledException')).toHaveLength(7);
    expect(await read(table, 'alice')).toEqual({ pk: 'alice', balance: 10 });
    expect(await read(table, 'bob')).toEqual({ pk: 'bob', balance: 190 });
  });
});

describe('local DynamoDB TransactGetItems', () => {
  it('returns each requested item in order, an empty response for a missing one, projections applied', async () => {
    const table = await createTable();
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'a', name: 'A', secret: 's' } }));
    await documents.send(new PutCommand({ TableName: table, Item: { pk: 'b', name: 'B' } }));

    const result = await documents.send(new TransactGetCommand({
      TransactItems: [
        { Get: { TableName: table, Key: { pk: 'b' } } },
        { Get: { TableName: table, Key: { pk: 'missing' } } },
        { Get: { TableName: table, Key: { pk: 'a' }, ProjectionExpression: '#n', ExpressionAttributeNames: { '#n': 'name' } } },
      ],
    }));

    expect(result.Responses).toEqual([{ Item: { pk: 'b', name: 'B' } }, {}, { Item: { name: 'A' } }]);
  });
});
