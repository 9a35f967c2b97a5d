import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { createLogger } from '../../../../local/createLogger';
import { startLocalCloud, type LocalCloud } from '../../../../local/startLocalCloud';

const ROLE = 'arn:aws:iam::000000000000:role/sfn';
const WAIT = JSON.stringify({ StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 60, End: true } } });

describe('the Step Functions API under a quota', () => {
  let cloud: LocalCloud;
  let sfn: SFNClient;

  beforeAll(async () => {
    // A cloud of its own: the shared one runs unthrottled. The refill is slow enough that no token returns during the test.
    cloud = await startLocalCloud({ port: 0, services: ['states'], logger: createLogger('warn'), sfnQuotas: { StartExecution: { bucketSize: 2, refillPerSecond: 0.01 } } });
    sfn = new SFNClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  });

  afterAll(async () => {
    sfn.destroy();
    await cloud.stop();
  });

  it('answers the call past the bucket 400 ThrottlingException "Rate exceeded" and leaves other operations alone', async () => {
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'throttled', definition: WAIT, roleArn: ROLE }));
    const start = (name: string): Promise<unknown> => sfn.send(new StartExecutionCommand({ stateMachineArn, name }));
    await start('first');
    await start('second');

    const refused = await start('third').then(
      () => undefined,
      (error: unknown) => error,
    );
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: `${stateMachineArn?.replace(':stateMachine:', ':execution:')}:first` }));

    expect(refused).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    expect(described.status).toBe('RUNNING');
    expect(cloud.services.get('states')?.health()).toEqual({ state: 'running', detail: 'quotas on; throttled calls: StartExecution 1' });
  });
});
