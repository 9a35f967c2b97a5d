import { CreateStateMachineCommand, DeleteStateMachineCommand, SFNClient, StartSyncExecutionCommand, type SFNClientConfig, type ServiceInputTypes, type ServiceOutputTypes } from '@aws-sdk/client-sfn';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

const ROLE = 'arn:aws:iam::000000000000:role/sfn';
const EXPRESS = JSON.stringify({ StartAt: 'Greet', States: { Greet: { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('hello {}', $.name)" }, End: true } } });

/** The host a StartSyncExecution request would be sent to by a client with this configuration (nothing is sent). */
async function hostOfStartSync(config: SFNClientConfig): Promise<string> {
  const client = new SFNClient({ ...testClientConfig(), maxAttempts: 1, ...config });
  let host = '';
  const capture: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = () => async (args) => {
    host = (args.request as { hostname: string }).hostname;
    throw new Error('captured');
  };
  client.middlewareStack.add(capture, { step: 'finalizeRequest', priority: 'low' });
  try {
    await client.send(new StartSyncExecutionCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:x' })).catch(() => undefined);
  } finally {
    client.destroy();
  }
  return host;
}

describe('StartSyncExecution through the SDK', () => {
  it('goes to the operation\'s sync- host unless the client sets disableHostPrefix', async () => {
    const endpointHost = new URL(testClientConfig().endpoint).hostname;

    const hosts = [await hostOfStartSync({}), await hostOfStartSync({ disableHostPrefix: true })];

    expect(hosts).toEqual([`sync-${endpointHost}`, endpointHost]);
  });

  it('runs an EXPRESS machine on the local cloud from a client with disableHostPrefix: true', async () => {
    const sfn = new SFNClient({ ...testClientConfig(), maxAttempts: 1, disableHostPrefix: true });
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: uniqueName('sync'), definition: EXPRESS, roleArn: ROLE, type: 'EXPRESS' }));
    try {
      const out = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn, name: 'hello-1', input: '{"name":"Ana"}' }));

      expect(out).toMatchObject({ status: 'SUCCEEDED', name: 'hello-1', stateMachineArn, input: '{"name":"Ana"}', output: '{"greeting":"hello Ana"}' });
      expect(out.executionArn).toBe(`${stateMachineArn?.replace(':stateMachine:', ':express:')}:hello-1`);
    } finally {
      await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
      sfn.destroy();
    }
  });
});
