import { engineHarness, eventTypes, settle } from './engineHarness';

const RESOURCE = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';

function tokenMachine(task: object, catchers?: object[]): object {
  const call = { Type: 'Task', Resource: RESOURCE, Parameters: { 'token.$': '$$.Task.Token' }, End: true, ...task };
  if (catchers === undefined) return { StartAt: 'Wait', States: { Wait: call } };
  return { StartAt: 'Wait', States: { Wait: { ...call, Catch: catchers }, Caught: { Type: 'Pass', End: true } } };
}

describe('waitForTaskToken tasks', () => {
  it('passes the task token in the parameters and resumes on SendTaskSuccess', async () => {
    const harness = engineHarness([() => Promise.resolve({ MessageId: 'm-1' })]);
    const execution = harness.start(tokenMachine({}));
    await settle(harness.clock);
    const token = harness.calls[0]?.taskToken ?? '';

    const problem = harness.tokens.succeed(token, { approved: true });
    await settle(harness.clock);

    expect(problem).toBeUndefined();
    expect(harness.calls[0]?.parameters).toEqual({ token });
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.outcome.output).toBe('{"approved":true}');
    expect(eventTypes(execution)).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
  });

  it('fails the task with the error and cause of SendTaskFailure', async () => {
    const harness = engineHarness();
    const execution = harness.start(tokenMachine({}));
    await settle(harness.clock);

    harness.tokens.fail(harness.calls[0]?.taskToken ?? '', 'Approval.Rejected', 'no budget');
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'Approval.Rejected', cause: 'no budget' });
  });

  it('times out a missed heartbeat as States.Timeout', async () => {
    const harness = engineHarness();
    const execution = harness.start(tokenMachine({ HeartbeatSeconds: 10, TimeoutSeconds: 100 }));
    await settle(harness.clock);
    const token = harness.calls[0]?.taskToken ?? '';

    await harness.clock.advance(9000);
    harness.tokens.heartbeat(token);
    await harness.clock.advance(9000);
    const stillRunning = execution.status;
    await harness.clock.advance(1000);

    expect(stillRunning).toBe('RUNNING');
    expect(execution.status).toBe('FAILED');
    expect(execution.outcome.error).toBe('States.Timeout');
    expect(eventTypes(execution).slice(-2)).toEqual(['TaskTimedOut', 'ExecutionFailed']);
    expect(harness.tokens.succeed(token, {})).toBe('TaskTimedOut');
  });

  it('lets Catch match a missed heartbeat as States.HeartbeatTimeout', async () => {
    const harness = engineHarness();
    const execution = harness.start(tokenMachine({ HeartbeatSeconds: 5 }, [{ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'Caught' }]));
    await settle(harness.clock);

    await harness.clock.advance(5000);

    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.outcome.output ?? 'null')).toEqual({ Error: 'States.Timeout', Cause: '' });
  });

  it('answers InvalidToken for a token it never handed out, well-formed or not', () => {
    const harness = engineHarness();

    const answers = [harness.tokens.succeed('bm9wZQ', {}), harness.tokens.fail('bm9wZQ', 'E', ''), harness.tokens.heartbeat('bm9wZQ'), harness.tokens.heartbeat('not a token!')];

    expect(answers).toEqual(['InvalidToken', 'InvalidToken', 'InvalidToken', 'InvalidToken']);
  });

  it('answers TaskDoesNotExist for the token of a task that has ended', async () => {
    const harness = engineHarness();
    const execution = harness.start(tokenMachine({}));
    await settle(harness.clock);
    const token = harness.calls[0]?.taskToken ?? '';
    harness.tokens.succeed(token, { done: 1 });
    await settle(harness.clock);

    const late = [harness.tokens.succeed(token, {}), harness.tokens.fail(token, 'E', ''), harness.tokens.heartbeat(token)];

    expect(execution.status).toBe('SUCCEEDED');
    expect(late).toEqual(['TaskDoesNotExist', 'TaskDoesNotExist', 'TaskDoesNotExist']);
  });

  it('answers TaskDoesNotExist for the token of a task whose execution was stopped', async () => {
    const harness = engineHarness();
    const execution = harness.start(tokenMachine({}));
    await settle(harness.clock);
    const token = harness.calls[0]?.taskToken ?? '';

    execution.stop('Ops.Stopped', 'by hand');
    await settle(harness.clock);

    expect(execution.status).toBe('ABORTED');
    expect(harness.tokens.heartbeat(token)).toBe('TaskDoesNotExist');
  });
});
