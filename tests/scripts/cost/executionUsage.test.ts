import { CreateStateMachineCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { historyUsage } from '../../../scripts/cost/executionUsage';
import { executionEnded } from '../../harness/executionEnded';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { requireServices, SERVICE_START_TIMEOUT_MS } from '../../harness/requireServices';

const sfn = new SFNClient({ ...testClientConfig(), maxAttempts: 1 });

beforeAll(() => requireServices(['states', 'dynamodb'], SERVICE_START_TIMEOUT_MS), SERVICE_START_TIMEOUT_MS + 5_000);

afterAll(() => sfn.destroy());

describe('historyUsage', () => {
  it('counts the states entered and the retries of a real execution, and logs no execution data', async () => {
    // A putItem into a table that does not exist fails, is retried twice, then caught.
    const definition = {
      StartAt: 'Prepare',
      States: {
        Prepare: { Type: 'Pass', Next: 'Put' },
        Put: {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:putItem',
          Parameters: { TableName: uniqueName('absent'), Item: { id: { 'S.$': '$.id' } } },
          Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    };
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: uniqueName('cost'), definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::000000000000:role/sfn' }));
    const padding = 'p'.repeat(20_000);
    const { executionArn = '' } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ id: 'a', padding }) }));
    await executionEnded(sfn, executionArn);
    const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];

    const usage = await historyUsage(sfn, [executionArn]);

    expect({ statesEntered: usage.statesEntered, retries: usage.retries, events: usage.events }).toEqual({ statesEntered: 3, retries: 2, events: events.length });
    // The 20 KB input rides on several events; with the data left out, the whole log is far smaller.
    expect(usage.logBytes).toBeGreaterThan(events.length * 100);
    expect(usage.logBytes).toBeLessThan(padding.length);
    expect(usage.dynamoDbQueries).toBe(0);
  });

  it('counts the DynamoDB Query tasks scheduled, and bills each execution in whole 100 ms steps', async () => {
    const definition = {
      StartAt: 'Find',
      States: {
        Find: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:dynamodb:query',
          Parameters: { TableName: uniqueName('absent'), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'a' } } },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    };
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: uniqueName('cost'), definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::000000000000:role/sfn' }));
    const arns: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { executionArn = '' } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
      await executionEnded(sfn, executionArn);
      arns.push(executionArn);
    }

    const usage = await historyUsage(sfn, arns);

    expect({ statesEntered: usage.statesEntered, dynamoDbQueries: usage.dynamoDbQueries }).toEqual({ statesEntered: 4, dynamoDbQueries: 2 });
    expect(usage.billedMs % 100).toBe(0);
    expect(usage.billedMs).toBeGreaterThanOrEqual(200);
  });
});
