import { engineHarness, eventTypes, settle, type ScriptedAnswer } from './engineHarness';

const RESOURCE = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';

function tokenMachine(task: object, catchers?: object[]): object {
  const call = { Type: 'Task', Resource: RESOURCE, Parameters: { 'token.$': '$$.Task.Token' }, End: true, ...task };
  if (catchers === undefined) return { StartAt: 'Wait', States: { Wait: call } };
  return { StartAt: 'Wait', States: { Wait: { ...call, Catch: catchers }, Caught: { Type: 'Pass', End: true } } };
}

/** An integration call the test answers by hand, after whatever it does meanwhile. */
function heldAnswer(): { readonly answer: ScriptedAnswer; readonly release: (output: unknown) => void } {
  let release: (output: unknown) => void = () => undefined;
  const pending = new Promise<unknown>((resolve) => {
    release = resolve;
  });
  return { answer: () => pending, release: (output) => release(output) };
}

/** The task, then a 100 s Wait: the execution still runs when a late integration answer comes. */
function tokenThenWait(task: object, catchers?: object[]): object {
  const call = { Type: 'Task', Resource: RESOURCE, Parameters: { 'token.$': '$$.Task.Token' }, Next: 'Pause', ...task, ...(catchers === undefined ? {} : { Catch: catchers }) };
  const pause = { Type: 'Wait', Seconds: 100, End: true };
  return { StartAt: 'Wait', States: { Wait: call, Pause: pause, ...(catchers === undefined ? {} : { Caught: pause }) } };
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

  describe('when the integration answers late', () => {
    it('records TaskSubmitted before TaskSucceeded when SendTaskSuccess comes before the integration’s answer', async () => {
      // Arrange: the SendMessage answer is held back until after the callback
      const held = heldAnswer();
      const harness = engineHarness([held.answer]);
      const execution = harness.start(tokenThenWait({}));
      await settle(harness.clock);
      const token = harness.calls[0]?.taskToken ?? '';

      // Act
      const problem = harness.tokens.succeed(token, { approved: true });
      await settle(harness.clock);
      const beforeAnswer = eventTypes(execution);
      held.release({ MessageId: 'm-1' });
      await settle(harness.clock);
      await harness.clock.advance(100_000);

      // Assert
      expect(problem).toBeUndefined();
      expect(beforeAnswer).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted']);
      expect(eventTypes(execution)).toEqual([
        'ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited',
        'WaitStateEntered', 'WaitStateExited', 'ExecutionSucceeded',
      ]);
      const submitted = execution.history.all().find((e) => e.type === 'TaskSubmitted');
      expect(JSON.parse(String(submitted?.details?.output))).toEqual({ MessageId: 'm-1' });
      expect(execution.outcome.output).toBe('{"approved":true}');
      expect(harness.tokens.succeed(token, {})).toBe('TaskDoesNotExist');
    });

    it('records TaskSubmitted before TaskFailed when SendTaskFailure comes before the integration’s answer', async () => {
      // Arrange
      const held = heldAnswer();
      const harness = engineHarness([held.answer]);
      const execution = harness.start(tokenThenWait({}));
      await settle(harness.clock);

      // Act
      harness.tokens.fail(harness.calls[0]?.taskToken ?? '', 'Approval.Rejected', 'no budget');
      await settle(harness.clock);
      held.release({ MessageId: 'm-1' });
      await settle(harness.clock);

      // Assert
      expect(eventTypes(execution)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskFailed', 'ExecutionFailed']);
      expect(execution.outcome).toEqual({ status: 'FAILED', error: 'Approval.Rejected', cause: 'no budget' });
    });

    it('records no TaskSubmitted after TaskTimedOut when the task timed out before the integration answered', async () => {
      // Arrange: the timeout is caught, so the execution goes on while the answer is late
      const held = heldAnswer();
      const harness = engineHarness([held.answer]);
      const execution = harness.start(tokenThenWait({ TimeoutSeconds: 5 }, [{ ErrorEquals: ['States.Timeout'], Next: 'Caught' }]));
      await settle(harness.clock);

      // Act
      await harness.clock.advance(5000);
      held.release({ MessageId: 'm-1' });
      await settle(harness.clock);
      await harness.clock.advance(100_000);

      // Assert
      expect(eventTypes(execution)).toEqual([
        'ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskTimedOut', 'TaskStateExited',
        'WaitStateEntered', 'WaitStateExited', 'ExecutionSucceeded',
      ]);
    });

    it('records no TaskSubmitted in the next attempt when the timed-out attempt’s answer comes during it', async () => {
      // Arrange: the first attempt times out and is retried; its answer comes while the second waits
      const first = heldAnswer();
      const harness = engineHarness([first.answer, () => Promise.resolve({ MessageId: 'm-2' })]);
      const execution = harness.start(tokenThenWait({ TimeoutSeconds: 5, Retry: [{ ErrorEquals: ['States.Timeout'], IntervalSeconds: 1, MaxAttempts: 1 }] }));
      await settle(harness.clock);
      await harness.clock.advance(6000);

      // Act
      first.release({ MessageId: 'm-1' });
      await settle(harness.clock);
      harness.tokens.succeed(harness.calls[1]?.taskToken ?? '', { approved: true });
      await settle(harness.clock);
      await harness.clock.advance(100_000);

      // Assert
      expect(eventTypes(execution)).toEqual([
        'ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskTimedOut',
        'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited',
        'WaitStateEntered', 'WaitStateExited', 'ExecutionSucceeded',
      ]);
      const submitted = execution.history.all().filter((e) => e.type === 'TaskSubmitted').map((e) => JSON.parse(String(e.details?.output)) as unknown);
      expect(submitted).toEqual([{ MessageId: 'm-2' }]);
    });

    it('records no TaskSubmitted once the execution was stopped before the integration answered', async () => {
      // Arrange
      const held = heldAnswer();
      const harness = engineHarness([held.answer]);
      const execution = harness.start(tokenThenWait({}));
      await settle(harness.clock);

      // Act
      execution.stop('Ops.Stopped', 'by hand');
      await settle(harness.clock);
      held.release({ MessageId: 'm-1' });
      await settle(harness.clock);

      // Assert
      expect(eventTypes(execution)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'ExecutionAborted']);
    });
  });
});
