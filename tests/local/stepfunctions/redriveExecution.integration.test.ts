import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  RedriveExecutionCommand,
  SFNClient,
  StartExecutionCommand,
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { executionEnded } from '../../harness/executionEnded';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { requireServices, SERVICE_START_TIMEOUT_MS } from '../../harness/requireServices';

const ROLE = 'arn:aws:iam::000000000000:role/sfn';

// RedriveExecution through the SDK against the shared cloud: a Task fails on a real DynamoDB table
// that does not exist yet, and the history is read back through the API. Which states the engine
// runs again in every case (stops, Distributed Map, timeouts) is engine/redrivePoint.test.ts.

const sfn = new SFNClient({ ...testClientConfig(), maxAttempts: 1 });
const dynamodb = new DynamoDBClient({ ...testClientConfig(), maxAttempts: 1 });
const tables: string[] = [];

beforeAll(() => requireServices(['states', 'dynamodb'], SERVICE_START_TIMEOUT_MS), SERVICE_START_TIMEOUT_MS + 5_000);

afterAll(async () => {
  for (const table of tables) await dynamodb.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
  sfn.destroy();
  dynamodb.destroy();
});

/** A table name no table has yet: a putItem into it fails until {@link createTable}. */
function missingTable(): string {
  const table = uniqueName('redrive');
  tables.push(table);
  return table;
}

async function createTable(table: string): Promise<void> {
  await dynamodb.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}

/** A Task writing `{id: $.id}` into `table`, handing its input on unchanged. */
function putItem(table: string, next?: string): Record<string, unknown> {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::dynamodb:putItem',
    Parameters: { TableName: table, Item: { id: { 'S.$': '$.id' } } },
    ResultPath: null,
    ...(next === undefined ? { End: true } : { Next: next }),
  };
}

async function start(definition: object, input: object): Promise<string> {
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: uniqueName('redrive'), definition: JSON.stringify(definition), roleArn: ROLE }));
  const { executionArn = '' } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  return executionArn;
}

function finished(executionArn: string): Promise<DescribeExecutionCommandOutput> {
  return executionEnded(sfn, executionArn);
}

async function historyOf(executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
}

/** The events recorded since the execution was redriven (the ExecutionRedriven event first). */
function sinceRedrive(events: readonly HistoryEvent[]): HistoryEvent[] {
  return events.slice(events.findIndex((e) => e.type === 'ExecutionRedriven'));
}

function enteredNames(events: readonly HistoryEvent[]): string[] {
  return events.filter((e) => e.type?.endsWith('StateEntered')).map((e) => e.stateEnteredEventDetails?.name ?? '');
}

describe('RedriveExecution of a Parallel state', () => {
  it('runs again only the branch that failed and combines its output with the kept one', async () => {
    // Arrange
    const table = missingTable();
    const executionArn = await start(
      {
        StartAt: 'Both',
        States: {
          Both: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'Price', States: { Price: { Type: 'Pass', Result: { cents: 1000 }, Next: 'Tax' }, Tax: { Type: 'Pass', Parameters: { 'cents.$': '$.cents', tax: 50 }, End: true } } },
              { StartAt: 'Label', States: { Label: { Type: 'Pass', Parameters: { 'id.$': '$.invoiceId' }, Next: 'Save' }, Save: putItem(table) } },
            ],
            Next: 'Done',
          },
          Done: { Type: 'Pass', End: true },
        },
      },
      { invoiceId: 'INV-1' },
    );
    const failed = await finished(executionArn);
    await createTable(table);

    // Act
    const redriven = await sfn.send(new RedriveExecutionCommand({ executionArn }));
    const done = await finished(executionArn);
    const events = await historyOf(executionArn);

    // Assert
    const after = sinceRedrive(events);
    expect(failed).toMatchObject({ status: 'FAILED', error: 'DynamoDB.ResourceNotFoundException' });
    expect(redriven.redriveDate).toBeInstanceOf(Date);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '[{"cents":1000,"tax":50},{"id":"INV-1"}]', redriveCount: 1 });
    expect(enteredNames(after)).toEqual(['Both', 'Save', 'Done']);
    expect(after.map((e) => e.type)).toEqual([
      'ExecutionRedriven', 'ParallelStateEntered', 'ParallelStateStarted',
      'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited',
      'ParallelStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded',
    ]);
    expect(after[0]).toMatchObject({ id: events.findIndex((e) => e.type === 'ExecutionRedriven') + 1, executionRedrivenEventDetails: { redriveCount: 1 } });
    expect(enteredNames(events).filter((name) => name === 'Price' || name === 'Tax')).toEqual(['Price', 'Tax']);
  });
});

describe('RedriveExecution of a Map state', () => {
  it('runs again only the 2 iterations of 5 that failed and keeps the results of the others', async () => {
    // Arrange
    const table = missingTable();
    const items = [{ id: 'a' }, { id: 'b', save: true }, { id: 'c' }, { id: 'd', save: true }, { id: 'e' }];
    const executionArn = await start(
      {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemProcessor: {
              StartAt: 'Route',
              States: {
                Route: { Type: 'Choice', Choices: [{ Variable: '$.save', IsPresent: true, Next: 'Save' }], Default: 'Keep' },
                Keep: { Type: 'Pass', End: true },
                Save: putItem(table),
              },
            },
            End: true,
          },
        },
      },
      { items },
    );
    const failed = await finished(executionArn);
    const firstRun = await historyOf(executionArn);
    await createTable(table);

    // Act
    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    const done = await finished(executionArn);
    const events = await historyOf(executionArn);

    // Assert
    const after = sinceRedrive(events);
    const startedIndexes = (from: readonly HistoryEvent[]): number[] =>
      from.filter((e) => e.type === 'MapIterationStarted').map((e) => e.mapIterationStartedEventDetails?.index ?? -1).sort();
    expect(failed).toMatchObject({ status: 'FAILED', error: 'DynamoDB.ResourceNotFoundException' });
    expect(startedIndexes(firstRun)).toEqual([0, 1, 2, 3, 4]);
    expect(JSON.parse(done.output ?? 'null')).toEqual(items);
    expect(done).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    expect(startedIndexes(after)).toEqual([1, 3]);
    expect(enteredNames(after)).toEqual(['Each', 'Save', 'Save']);
    expect(after.filter((e) => e.type === 'MapIterationSucceeded')).toHaveLength(2);
    expect(after.slice(0, 3).map((e) => [e.type, e.mapStateStartedEventDetails?.length])).toEqual([['ExecutionRedriven', undefined], ['MapStateEntered', undefined], ['MapStateStarted', 5]]);
    expect(after.slice(-3).map((e) => e.type)).toEqual(['MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
  });
});
