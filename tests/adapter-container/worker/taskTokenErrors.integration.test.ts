import { SendTaskHeartbeatCommand, SFNClient } from '@aws-sdk/client-sfn';
import { isStaleTokenError } from '../../../adapter-container/worker/taskTokenErrors';
import { testClientConfig } from '../../harness/localCloudEnv';

const sfn = new SFNClient({ ...testClientConfig(), maxAttempts: 1 });

afterAll(() => sfn.destroy());

async function heartbeatError(taskToken: string): Promise<unknown> {
  return sfn.send(new SendTaskHeartbeatCommand({ taskToken })).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('isStaleTokenError', () => {
  it('takes the InvalidToken Step Functions answers for a token it does not know as a stale message', async () => {
    const error = await heartbeatError('dG9rZW4tb2YtYS1wdXJnZWQtZXhlY3V0aW9u');

    expect([(error as Error).name, (error as Error).message]).toEqual(['InvalidToken', "Invalid Token: 'Invalid token'"]);
    expect(isStaleTokenError(error)).toBe(true);
  });

  it('does not take a network failure or a throttle as a stale message', () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

    expect([isStaleTokenError(new Error('socket hang up')), isStaleTokenError(throttled), isStaleTokenError('InvalidToken')]).toEqual([false, false, false]);
  });
});
