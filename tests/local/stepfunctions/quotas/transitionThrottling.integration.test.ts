import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { createLogger } from '../../../../local/createLogger';
import { startLocalCloud, type LocalCloud } from '../../../../local/startLocalCloud';
import { eventually } from '../../../harness/eventually';

const ROLE = 'arn:aws:iam::000000000000:role/sfn';
/** Six Pass states: six transitions. */
const CHAIN = JSON.stringify({
  StartAt: 'S1',
  States: Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`S${i}`, i < 6 ? { Type: 'Pass', Next: `S${i + 1}` } : { Type: 'Pass', Result: 'done', End: true }])),
});

describe('state transitions under the StateTransition quota', () => {
  let cloud: LocalCloud;
  let sfn: SFNClient;

  beforeAll(async () => {
    // Two transitions at once, then one every 200 ms.
    cloud = await startLocalCloud({ port: 0, services: ['states'], logger: createLogger('warn'), sfnQuotas: { StateTransition: { bucketSize: 2, refillPerSecond: 5 } } });
    sfn = new SFNClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  });

  afterAll(async () => {
    sfn.destroy();
    await cloud.stop();
  });

  it('delays the transitions past the bucket instead of failing them', async () => {
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'chain', definition: CHAIN, roleArn: ROLE }));
    const started = Date.now();
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'one' }));

    const done = await eventually('the execution ends', () => sfn.send(new DescribeExecutionCommand({ executionArn })), (out) => out.status !== 'RUNNING', { timeoutMs: 10_000 });
    const elapsed = Date.now() - started;

    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '"done"' });
    // Six transitions from a bucket of two refilled at 5/s: the last four needed 800 ms of refill.
    expect(elapsed).toBeGreaterThanOrEqual(700);
    expect(cloud.services.get('states')?.health().detail).toMatch(/^quotas on; throttled calls: none \(no API quota\); delayed state transitions: [1-4]$/);
  });
});
