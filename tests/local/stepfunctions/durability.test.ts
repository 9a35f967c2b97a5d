import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  RedriveExecutionCommand,
  SFNClient,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { eventually } from '../../harness/eventually';
import { executionEnded } from '../../harness/executionEnded';
import { restartableCloud, type RestartableCloud } from '../../harness/restartableCloud';

const ROLE = 'arn:aws:iam::000000000000:role/sfn';

async function historyOf(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
}

/** Waits until the execution's history holds an event of `type`. */
async function reached(sfn: SFNClient, executionArn: string | undefined, type: string): Promise<void> {
  await eventually(`${type} in the history`, () => historyOf(sfn, executionArn ?? ''), (events) => events.some((e) => e.type === type));
}

/**
 * A Parallel of a Pass branch (Kept → "kept") and a branch that reads the state machine `later`
 * (failing until it exists), then goes to `then` (e.g. a Wait) or ends.
 */
function keptAndLook(later: string, then?: Record<string, Record<string, unknown>>): Record<string, unknown> {
  const look = { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:describeStateMachine', Parameters: { StateMachineArn: later }, ResultSelector: { 'name.$': '$.Name' } };
  const next = then === undefined ? undefined : Object.keys(then)[0];
  return {
    Type: 'Parallel',
    Branches: [
      { StartAt: 'Kept', States: { Kept: { Type: 'Pass', Result: 'kept', End: true } } },
      { StartAt: 'Look', States: { Look: next === undefined ? { ...look, End: true } : { ...look, Next: next }, ...then } },
    ],
  };
}

describe('Step Functions durability', () => {
  let clouds: RestartableCloud<SFNClient>;

  beforeEach(async () => {
    clouds = await restartableCloud({ services: ['states'], timeScale: 0.01, client: (config) => new SFNClient({ ...config, maxAttempts: 1 }) });
  });

  afterEach(async () => {
    await clouds.dispose();
  });

  it('resumes a running execution inside its Wait state after a restart', async () => {
    const first = await clouds.start();
    const definition = JSON.stringify({
      StartAt: 'Before',
      States: {
        Before: { Type: 'Pass', Result: { step: 1 }, Next: 'Pause' },
        Pause: { Type: 'Wait', Seconds: 100, Next: 'After' },
        After: { Type: 'Pass', Result: 'done', End: true },
      },
    });
    const { stateMachineArn } = await first.client.send(new CreateStateMachineCommand({ name: 'waiter', definition, roleArn: ROLE }));
    const { executionArn } = await first.client.send(new StartExecutionCommand({ stateMachineArn, name: 'run-1' }));
    await reached(first.client, executionArn, 'WaitStateEntered');
    await first.stop();

    const second = await clouds.start();
    const resumed = await second.client.send(new DescribeExecutionCommand({ executionArn }));
    const done = await executionEnded(second.client, executionArn);
    const events = await historyOf(second.client, executionArn ?? '');

    expect(resumed.status).toBe('RUNNING');
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '"done"' });
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'WaitStateEntered', 'WaitStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded',
    ]);
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('redrives after a restart only the Parallel branch that failed', async () => {
    const first = await clouds.start();
    // The branch reads a state machine created only after the restart: it fails until then.
    const later = 'arn:aws:states:us-east-1:000000000000:stateMachine:created-later';
    const definition = JSON.stringify({
      StartAt: 'Both',
      States: {
        Both: { ...keptAndLook(later), End: true },
      },
    });
    const { stateMachineArn } = await first.client.send(new CreateStateMachineCommand({ name: 'parallel', definition, roleArn: ROLE }));
    const { executionArn } = await first.client.send(new StartExecutionCommand({ stateMachineArn, name: 'run-1' }));
    const failed = await executionEnded(first.client, executionArn);
    await first.stop();

    const second = await clouds.start();
    const passDefinition = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    await second.client.send(new CreateStateMachineCommand({ name: 'created-later', definition: passDefinition, roleArn: ROLE }));
    const restored = await second.client.send(new DescribeExecutionCommand({ executionArn }));
    await second.client.send(new RedriveExecutionCommand({ executionArn }));
    const done = await executionEnded(second.client, executionArn);
    const events = await historyOf(second.client, executionArn ?? '');
    const after = events.slice(events.findIndex((e) => e.type === 'ExecutionRedriven'));

    expect(failed).toMatchObject({ status: 'FAILED', error: 'Sfn.StateMachineDoesNotExistException' });
    expect(restored).toMatchObject({ status: 'FAILED', redriveStatus: 'REDRIVABLE' });
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '["kept",{"name":"created-later"}]', redriveCount: 1 });
    expect(after.map((e) => e.type)).toEqual([
      'ExecutionRedriven', 'ParallelStateEntered', 'ParallelStateStarted',
      'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited',
      'ParallelStateExited', 'ExecutionSucceeded',
    ]);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
  });

  it('keeps the branches a redrive kept when it restarts in the middle of the redriven Parallel', async () => {
    const first = await clouds.start();
    const later = 'arn:aws:states:us-east-1:000000000000:stateMachine:made-later';
    const definition = JSON.stringify({
      StartAt: 'Both',
      States: {
        Both: { ...keptAndLook(later, { Pause: { Type: 'Wait', Seconds: 100, End: true } }), End: true },
      },
    });
    const { stateMachineArn } = await first.client.send(new CreateStateMachineCommand({ name: 'parallel-wait', definition, roleArn: ROLE }));
    const { executionArn } = await first.client.send(new StartExecutionCommand({ stateMachineArn, name: 'run-2' }));
    await executionEnded(first.client, executionArn);
    await first.client.send(new CreateStateMachineCommand({ name: 'made-later', definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }), roleArn: ROLE }));
    await first.client.send(new RedriveExecutionCommand({ executionArn }));
    await reached(first.client, executionArn, 'WaitStateEntered');
    await first.stop();

    const second = await clouds.start();
    const done = await executionEnded(second.client, executionArn);
    const events = await historyOf(second.client, executionArn ?? '');
    const entered = events.filter((e) => e.type?.endsWith('StateEntered')).map((e) => e.stateEnteredEventDetails?.name);

    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '["kept",{"name":"made-later"}]', redriveCount: 1 });
    expect(entered.filter((name) => name === 'Kept')).toEqual(['Kept']);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
  });

  it('does not run again, after a restart, the Parallel branches and Map iterations that had finished', async () => {
    const first = await clouds.start();
    // Branch 0, then items 1 and 2 of each Map, finish at once; item 3 waits (1 s at this time scale).
    const processor = (suffix: string): Record<string, unknown> => ({
      ProcessorConfig: { Mode: 'INLINE' },
      StartAt: `Which${suffix}`,
      States: {
        [`Which${suffix}`]: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 3, Next: `Slow${suffix}` }], Default: `Done${suffix}` },
        [`Slow${suffix}`]: { Type: 'Wait', Seconds: 100, Next: `Done${suffix}` },
        [`Done${suffix}`]: { Type: 'Pass', End: true },
      },
    });
    const definition = JSON.stringify({
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Quick', States: { Quick: { Type: 'Pass', Result: 'quick', End: true } } },
            { StartAt: 'Inner', States: { Inner: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: processor('Inner'), End: true } } },
          ],
          Next: 'Outer',
        },
        Outer: { Type: 'Map', ItemsPath: '$[1]', ItemProcessor: processor('Outer'), End: true },
      },
    });
    const { stateMachineArn } = await first.client.send(new CreateStateMachineCommand({ name: 'parallel-map', definition, roleArn: ROLE }));
    const { executionArn } = await first.client.send(new StartExecutionCommand({ stateMachineArn, name: 'run-3', input: JSON.stringify({ items: [1, 2, 3] }) }));
    const iterationsDone = (sfn: SFNClient, count: number): Promise<HistoryEvent[]> =>
      eventually(`${count} Map iterations done`, () => historyOf(sfn, executionArn ?? ''), (events) => events.filter((e) => e.type === 'MapIterationSucceeded').length === count);
    // Stopped inside the Parallel: Quick done, the inner Map waiting on item 3.
    await iterationsDone(first.client, 2);
    await first.stop();

    // Stopped inside the top-level Map: items 1 and 2 done, item 3 waiting.
    const second = await clouds.start();
    await iterationsDone(second.client, 7);
    await second.stop();

    const third = await clouds.start();
    const done = await executionEnded(third.client, executionArn);
    const events = await historyOf(third.client, executionArn ?? '');
    const started = events.filter((e) => e.type === 'MapIterationStarted').map((e) => e.mapIterationStartedEventDetails?.index);

    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '[1,2,3]' });
    // Quick ran once; the inner Map's branch ran again whole (it had not finished); the
    // top-level Map ran item 3 again, alone.
    expect(events.filter((e) => e.stateEnteredEventDetails?.name === 'Quick')).toHaveLength(1);
    expect(started).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 2]);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
  });

  it('runs a Parallel again at once when a restart finds it in a Retry backoff, keeping the branch that had finished', async () => {
    const first = await clouds.start();
    const later = 'arn:aws:states:us-east-1:000000000000:stateMachine:made-later';
    const definition = JSON.stringify({
      StartAt: 'Both',
      States: {
        Both: { ...keptAndLook(later), Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1000, MaxAttempts: 1 }], End: true },
      },
    });
    const { stateMachineArn } = await first.client.send(new CreateStateMachineCommand({ name: 'parallel-retry', definition, roleArn: ROLE }));
    const { executionArn } = await first.client.send(new StartExecutionCommand({ stateMachineArn, name: 'run-4' }));
    // In the Retry's backoff (10 s at this time scale) once the branch's task has failed.
    await reached(first.client, executionArn, 'TaskFailed');
    await first.client.send(new CreateStateMachineCommand({ name: 'made-later', definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }), roleArn: ROLE }));
    await first.stop();

    const second = await clouds.start();
    const done = await executionEnded(second.client, executionArn);
    const events = await historyOf(second.client, executionArn ?? '');

    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '["kept",{"name":"made-later"}]' });
    expect(events.filter((e) => e.stateEnteredEventDetails?.name === 'Kept')).toHaveLength(1);
    expect(events.filter((e) => e.stateEnteredEventDetails?.name === 'Look')).toHaveLength(2);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
  });

  it('keeps an outstanding task token across a restart', async () => {
    const first = await clouds.start();
    const { executionArn, token } = await startWaitingForToken(first.client);
    await first.stop();

    const second = await clouds.start();
    await second.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"ok":1}' }));
    const done = await executionEnded(second.client, executionArn);
    const types = (await historyOf(second.client, executionArn)).map((e) => e.type);

    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":1}' });
    expect(types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
  });

  it('waits after a restart for the token of the attempt that was waiting, not of one that had failed before it', async () => {
    const first = await clouds.start();
    const { executionArn, tokens } = await startWaitingForToken(first.client, { failFirstAttempt: true });
    await first.stop();

    const second = await clouds.start();
    await second.client.send(new SendTaskSuccessCommand({ taskToken: tokens[1], output: '{"ok":2}' }));
    const done = await executionEnded(second.client, executionArn);
    const types = (await historyOf(second.client, executionArn)).map((e) => e.type);

    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":2}' });
    expect(types).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskFailed',
      'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
  });

  it('keeps an execution stopped inside a task ABORTED after a restart', async () => {
    const first = await clouds.start();
    const { executionArn } = await startWaitingForToken(first.client);
    await first.client.send(new StopExecutionCommand({ executionArn, error: 'Ops.Stopped', cause: 'by hand' }));
    await first.stop();

    const second = await clouds.start();
    const described = await second.client.send(new DescribeExecutionCommand({ executionArn }));
    const types = (await historyOf(second.client, executionArn)).map((e) => e.type);

    expect(described).toMatchObject({ status: 'ABORTED', error: 'Ops.Stopped', cause: 'by hand' });
    expect(types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'ExecutionAborted']);
  });

  it('answers TaskDoesNotExist after a restart for the token of a task that ended before it', async () => {
    const first = await clouds.start();
    const { executionArn, token } = await startWaitingForToken(first.client);
    await first.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"ok":1}' }));
    await executionEnded(first.client, executionArn);
    await first.stop();

    const second = await clouds.start();
    const late = await second.client.send(new SendTaskHeartbeatCommand({ taskToken: token })).then(
      () => 'accepted',
      (error: Error) => `${error.name}: ${error.message}`,
    );

    expect(late).toBe('TaskDoesNotExist: Task does not exist anymore');
  });
});

/**
 * Starts a parent execution whose task waits for a token it hands to a child execution (which
 * waits forever) and returns the parent's ARN and the token, once the task is submitted. With
 * `failFirstAttempt`, the first token is answered with a failure the task retries: `tokens` holds
 * both attempts' tokens, the second one waiting.
 */
async function startWaitingForToken(sfn: SFNClient, options: { readonly failFirstAttempt?: boolean } = {}): Promise<{ executionArn: string; token: string; tokens: string[] }> {
  const child = await sfn.send(new CreateStateMachineCommand({
    name: 'child',
    definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100000, End: true } } }),
    roleArn: ROLE,
  }));
  const parent = await sfn.send(new CreateStateMachineCommand({
    name: 'parent',
    definition: JSON.stringify({
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken',
          Parameters: { StateMachineArn: child.stateMachineArn, Input: { 'token.$': '$$.Task.Token' } },
          Retry: [{ ErrorEquals: ['Ops.Retry'], IntervalSeconds: 1, MaxAttempts: 1 }],
          End: true,
        },
      },
    }),
    roleArn: ROLE,
  }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: parent.stateMachineArn, name: 'p-1' }));
  const tokenOfAttempt = async (attempt: number): Promise<string> => {
    const history = await eventually('the task submitted', () => historyOf(sfn, executionArn ?? ''), (events) => events.filter((e) => e.type === 'TaskSubmitted').length > attempt);
    const submitted = history.filter((e) => e.type === 'TaskSubmitted')[attempt];
    const childArn = JSON.parse(submitted?.taskSubmittedEventDetails?.output ?? '{}') as { ExecutionArn?: string };
    const childInput = await sfn.send(new DescribeExecutionCommand({ executionArn: childArn.ExecutionArn }));
    return (JSON.parse(childInput.input ?? '{}') as { token: string }).token;
  };
  const tokens = [await tokenOfAttempt(0)];
  if (options.failFirstAttempt === true) {
    await sfn.send(new SendTaskFailureCommand({ taskToken: tokens[0], error: 'Ops.Retry' }));
    tokens.push(await tokenOfAttempt(1));
  }
  return { executionArn: executionArn ?? '', token: tokens[0] ?? '', tokens };
}
