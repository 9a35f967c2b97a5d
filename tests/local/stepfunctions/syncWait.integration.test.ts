import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  type ExecutionListItem,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { ScaledClock } from '../../../lib/clock/ScaledClock';
import { createLogger } from '../../../local/createLogger';
import { StatesError } from '../../../local/stepfunctions/errors/StatesError';
import { createIntegrationClients, destroyIntegrationClients } from '../../../local/stepfunctions/integrations/IntegrationClients';
import type { IntegrationDeps } from '../../../local/stepfunctions/integrations/invokeTask';
import { waitForExecution } from '../../../local/stepfunctions/integrations/optimized/waitForExecution';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';
import { eventually } from '../../harness/eventually';
import { restartableCloud, type RestartableCloud } from '../../harness/restartableCloud';

const ROLE = 'arn:aws:iam::000000000000:role/sfn';
const TIME_SCALE = 0.01;
const TERMINAL = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']);

/** A child that waits `seconds` (AWS time), then answers `{ issued: true }`. */
const waitingChild = (seconds: number): object => ({
  StartAt: 'Wait',
  States: { Wait: { Type: 'Wait', Seconds: seconds, Next: 'Done' }, Done: { Type: 'Pass', Result: { issued: true }, End: true } },
});

/** A parent whose one Task starts `child` as `resource` (`.sync` or `.sync:2`) under `name`, with `{ n: 1 }`. */
const parentOf = (resource: string, child: string, name: string): object => ({
  StartAt: 'Child',
  States: { Child: { Type: 'Task', Resource: resource, Parameters: { StateMachineArn: child, Name: name, Input: { n: 1 } }, End: true } },
});

async function historyOf(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
}

/** Waits for the end through GetExecutionHistory, so the edge's DescribeExecution count is the engine's alone. */
async function endedHistory(sfn: SFNClient, executionArn: string, after = 0): Promise<HistoryEvent[]> {
  return eventually(`${executionArn} to end`, () => historyOf(sfn, executionArn), (events) => events.some((e) => (e.id ?? 0) > after && TERMINAL.has(e.type ?? '')));
}

/** DescribeExecution requests the edge answered. */
function describeCalls(cloud: LocalCloud): number {
  return cloud.counters.snapshot().find((c) => c.service === 'states' && c.operation === 'DescribeExecution')?.requests ?? 0;
}

/** What the `.sync` wait answers for `executionArn` when it polls DescribeExecution (the child on another endpoint): the reference. */
async function polledAnswer(cloud: LocalCloud, executionArn: string, style: 'string' | 'json'): Promise<{ readonly output?: unknown; readonly cause?: string }> {
  const deps: IntegrationDeps = { clients: createIntegrationClients({ endpoint: cloud.endpoint, region: 'us-east-1' }), clock: new ScaledClock({ timeScale: TIME_SCALE }) };
  try {
    return { output: await waitForExecution(executionArn, style, new AbortController().signal, deps) };
  } catch (error) {
    if (error instanceof StatesError) return { cause: error.cause };
    throw error;
  } finally {
    destroyIntegrationClients(deps.clients);
  }
}

describe('.sync tasks on children of the same engine', () => {
  let cloud: LocalCloud;
  let sfn: SFNClient;

  async function createMachine(name: string, definition: object): Promise<string> {
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }));
    return stateMachineArn ?? '';
  }

  async function start(stateMachineArn: string, name: string): Promise<string> {
    return (await sfn.send(new StartExecutionCommand({ stateMachineArn, name }))).executionArn ?? '';
  }

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, services: ['states'], timeScale: TIME_SCALE, logger: createLogger('warn') });
    sfn = new SFNClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  });

  afterAll(async () => {
    sfn.destroy();
    await cloud.stop();
  });

  it('answers .sync:2 when the child closes, without a DescribeExecution, exactly as the poll answers', async () => {
    // Arrange: the child waits 2 s of AWS time, two polls' worth
    const child = await createMachine('sync2-child', waitingChild(2));
    const parent = await createMachine('sync2-parent', parentOf('arn:aws:states:::states:startExecution.sync:2', child, 'c-1'));
    const before = describeCalls(cloud);

    // Act
    const parentArn = await start(parent, 'p-1');
    const events = await endedHistory(sfn, parentArn);
    const describedByEngine = describeCalls(cloud) - before;
    const childArn = child.replace(':stateMachine:', ':execution:') + ':c-1';
    const reference = await polledAnswer(cloud, childArn, 'json');

    // Assert
    expect(describedByEngine).toBe(0);
    expect(events.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    // As AWS records it: the StartExecution answer, before the wait for the child.
    expect(JSON.parse(events.find((e) => e.type === 'TaskSubmitted')?.taskSubmittedEventDetails?.output ?? 'null')).toEqual({
      ExecutionArn: childArn,
      StartDate: expect.any(Number),
      SdkHttpMetadata: expect.objectContaining({ HttpStatusCode: 200 }),
      SdkResponseMetadata: { RequestId: expect.any(String) },
    });
    const answered: unknown = JSON.parse(events.find((e) => e.type === 'TaskSucceeded')?.taskSucceededEventDetails?.output ?? 'null');
    expect(answered).toEqual(reference.output);
    expect(answered).toMatchObject({ Status: 'SUCCEEDED', Input: { n: 1 }, Output: { issued: true }, ExecutionArn: childArn, StopDate: expect.any(Number) });
  });

  it.each([
    ['FAILED', { StartAt: 'Fail', States: { Fail: { Type: 'Fail', Error: 'Invoice.Failed', Cause: 'rejected by the city' } } }],
    ['TIMED_OUT', { TimeoutSeconds: 1, ...waitingChild(100) }],
    ['ABORTED', waitingChild(100_000)],
  ])('fails .sync with States.TaskFailed and the %s child’s description as cause, as the poll words it', async (status, definition) => {
    // Arrange
    const child = await createMachine(`sync-${status}-child`, definition);
    const parent = await createMachine(`sync-${status}-parent`, parentOf('arn:aws:states:::states:startExecution.sync', child, 'c-1'));
    const childArn = child.replace(':stateMachine:', ':execution:') + ':c-1';
    const before = describeCalls(cloud);

    // Act
    const parentArn = await start(parent, 'p-1');
    if (status === 'ABORTED') {
      await eventually('the child waiting', () => historyOf(sfn, childArn).catch(() => []), (events) => events.some((e) => e.type === 'WaitStateEntered'));
      await sfn.send(new StopExecutionCommand({ executionArn: childArn, error: 'Ops.Stopped', cause: 'by hand' }));
    }
    const events = await endedHistory(sfn, parentArn);
    const describedByEngine = describeCalls(cloud) - before;
    const reference = await polledAnswer(cloud, childArn, 'string');

    // Assert
    expect(describedByEngine).toBe(0);
    const failed = events.find((e) => e.type === 'TaskFailed')?.taskFailedEventDetails;
    expect(failed).toEqual({ resourceType: 'states', resource: 'startExecution.sync', error: 'States.TaskFailed', cause: reference.cause });
    expect(JSON.parse(failed?.cause ?? '{}')).toMatchObject({ Status: status, Input: '{"n":1}' });
    expect(events.at(-1)?.type).toBe('ExecutionFailed');
  });

  it('stops waiting when the parent is stopped, and the child’s later close changes nothing', async () => {
    // Arrange
    const child = await createMachine('stopped-child', waitingChild(100_000));
    const parent = await createMachine('stopped-parent', parentOf('arn:aws:states:::states:startExecution.sync:2', child, 'c-1'));
    const childArn = child.replace(':stateMachine:', ':execution:') + ':c-1';
    const parentArn = await start(parent, 'p-1');
    await eventually('the child waiting', () => historyOf(sfn, childArn).catch(() => []), (events) => events.some((e) => e.type === 'WaitStateEntered'));

    // Act
    await sfn.send(new StopExecutionCommand({ executionArn: parentArn }));
    const stopped = await endedHistory(sfn, parentArn);
    await sfn.send(new StopExecutionCommand({ executionArn: childArn }));
    await endedHistory(sfn, childArn);
    const after = await historyOf(sfn, parentArn);

    // Assert
    expect(stopped.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'ExecutionAborted']);
    expect(after).toEqual(stopped);
  });

  it('waits, once redriven, for the redriven run of a child that had failed', async () => {
    // Arrange: the child fails until the machine `later` exists, then waits 2 s and succeeds
    const laterArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:redriven-later';
    const child = await createMachine('redriven-child', {
      StartAt: 'Look',
      States: {
        Look: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:describeStateMachine', Parameters: { StateMachineArn: laterArn }, ResultPath: null, Next: 'Wait' },
        Wait: { Type: 'Wait', Seconds: 2, Next: 'Done' },
        Done: { Type: 'Pass', Result: { issued: true }, End: true },
      },
    });
    const parent = await createMachine('redriven-parent', parentOf('arn:aws:states:::states:startExecution.sync:2', child, 'c-1'));
    const childArn = child.replace(':stateMachine:', ':execution:') + ':c-1';
    const parentArn = await start(parent, 'p-1');
    const failed = await endedHistory(sfn, parentArn);
    await createMachine('redriven-later', waitingChild(0));
    const before = describeCalls(cloud);

    // Act: the child runs again, and the parent's redrive starts it by the same name and input while it runs
    await sfn.send(new RedriveExecutionCommand({ executionArn: childArn }));
    await sfn.send(new RedriveExecutionCommand({ executionArn: parentArn }));
    const events = await endedHistory(sfn, parentArn, failed.length);
    const describedByEngine = describeCalls(cloud) - before;

    // Assert
    expect(failed.at(-1)?.type).toBe('ExecutionFailed');
    expect(describedByEngine).toBe(0);
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    const answered: unknown = JSON.parse(events.filter((e) => e.type === 'TaskSucceeded').at(-1)?.taskSucceededEventDetails?.output ?? 'null');
    expect(answered).toMatchObject({ Status: 'SUCCEEDED', Output: { issued: true }, RedriveCount: 1, RedriveDate: expect.any(Number) });
  });
});

describe('.sync tasks across a restart of the engine', () => {
  let clouds: RestartableCloud<SFNClient>;

  beforeEach(async () => {
    clouds = await restartableCloud({ services: ['states'], timeScale: TIME_SCALE, client: (config) => new SFNClient({ ...config, maxAttempts: 1 }) });
  });

  afterEach(async () => {
    await clouds.dispose();
  });

  async function createMachine(sfn: SFNClient, name: string, definition: object): Promise<string> {
    return (await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }))).stateMachineArn ?? '';
  }

  /** The executions of `stateMachineArn`, oldest first. */
  async function executionsOf(sfn: SFNClient, stateMachineArn: string): Promise<ExecutionListItem[]> {
    return ((await sfn.send(new ListExecutionsCommand({ stateMachineArn }))).executions ?? []).reverse();
  }

  /**
   * On the first start of the cloud: a parent whose `resource` task starts `child` as `c-1`,
   * started as `p-1`, once its child is in its Wait state; answers the ARNs and when that Wait ends.
   */
  async function parentWaitingOn(sfn: SFNClient, resource: string, child: { readonly seconds: number; readonly then?: object }): Promise<{ parentArn: string; childArn: string; childMachine: string; waitEnds: number }> {
    const definition = child.then === undefined ? waitingChild(child.seconds) : { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: child.seconds, Next: 'Then' }, Then: child.then } };
    const childMachine = await createMachine(sfn, 'child', definition);
    const parent = await createMachine(sfn, 'parent', parentOf(resource, childMachine, 'c-1'));
    const parentArn = (await sfn.send(new StartExecutionCommand({ stateMachineArn: parent, name: 'p-1' }))).executionArn ?? '';
    const childArn = childMachine.replace(':stateMachine:', ':execution:') + ':c-1';
    const childEvents = await eventually('the child waiting', () => historyOf(sfn, childArn).catch(() => []), (events) => events.some((e) => e.type === 'WaitStateEntered'));
    const entered = childEvents.find((e) => e.type === 'WaitStateEntered')?.timestamp?.getTime() ?? 0;
    // The parent's task has recorded the child it started (the journal keeps it for the restart).
    await eventually('the child submitted', () => historyOf(sfn, parentArn), (events) => events.some((e) => e.type === 'TaskSubmitted'));
    return { parentArn, childArn, childMachine, waitEnds: entered + child.seconds * 1000 * TIME_SCALE };
  }

  /** The types of a parent's history whose one task ran once, and then what ended it. */
  const ONE_ATTEMPT = ['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted'];

  it('waits again for the child it had started, without starting it again, and answers what the child answers', async () => {
    // Arrange: the child waits 300 s of AWS time (3 s here); the engine stops while the parent waits
    const first = await clouds.start();
    const { parentArn, childArn, childMachine } = await parentWaitingOn(first.client, 'arn:aws:states:::states:startExecution.sync:2', { seconds: 300 });
    await first.stop();

    // Act
    const second = await clouds.start();
    const events = await endedHistory(second.client, parentArn);
    const describedByEngine = describeCalls(second.cloud);
    const reference = await polledAnswer(second.cloud, childArn, 'json');
    const children = await executionsOf(second.client, childMachine);

    // Assert
    expect(describedByEngine).toBe(0);
    expect(events.map((e) => e.type)).toEqual([...ONE_ATTEMPT, 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(JSON.parse(events.find((e) => e.type === 'TaskSubmitted')?.taskSubmittedEventDetails?.output ?? 'null')).toMatchObject({ ExecutionArn: childArn, StartDate: expect.any(Number) });
    const answered: unknown = JSON.parse(events.find((e) => e.type === 'TaskSucceeded')?.taskSucceededEventDetails?.output ?? 'null');
    expect(answered).toEqual(reference.output);
    expect(answered).toMatchObject({ Status: 'SUCCEEDED', Output: { issued: true } });
    expect(children.map((c) => [c.executionArn, c.status])).toEqual([[childArn, 'SUCCEEDED']]);
  });

  it('answers the output of a child that ended while the engine was down', async () => {
    // Arrange: the child's Wait (200 s of AWS time, 2 s here) ends while the engine is stopped
    const first = await clouds.start();
    const { parentArn, childArn, childMachine, waitEnds } = await parentWaitingOn(first.client, 'arn:aws:states:::states:startExecution.sync:2', { seconds: 200 });
    await first.stop();
    await eventually('the child’s Wait to be over', () => Date.now(), (now) => now > waitEnds);

    // Act
    const second = await clouds.start();
    const events = await endedHistory(second.client, parentArn);
    const reference = await polledAnswer(second.cloud, childArn, 'json');
    const children = await executionsOf(second.client, childMachine);

    // Assert
    expect(events.map((e) => e.type)).toEqual([...ONE_ATTEMPT, 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    const answered: unknown = JSON.parse(events.find((e) => e.type === 'TaskSucceeded')?.taskSucceededEventDetails?.output ?? 'null');
    expect(answered).toEqual(reference.output);
    expect(answered).toMatchObject({ Status: 'SUCCEEDED', Input: { n: 1 }, Output: { issued: true } });
    expect(children.map((c) => [c.executionArn, c.status])).toEqual([[childArn, 'SUCCEEDED']]);
  });

  it('fails with States.TaskFailed and the failed child’s description, as the poll words it, when the child failed while the engine was down', async () => {
    // Arrange
    const first = await clouds.start();
    const fail = { Type: 'Fail', Error: 'Invoice.Failed', Cause: 'rejected by the city' };
    const { parentArn, childArn, childMachine, waitEnds } = await parentWaitingOn(first.client, 'arn:aws:states:::states:startExecution.sync', { seconds: 200, then: fail });
    await first.stop();
    await eventually('the child’s Wait to be over', () => Date.now(), (now) => now > waitEnds);

    // Act
    const second = await clouds.start();
    const events = await endedHistory(second.client, parentArn);
    const reference = await polledAnswer(second.cloud, childArn, 'string');
    const children = await executionsOf(second.client, childMachine);

    // Assert
    expect(events.map((e) => e.type)).toEqual([...ONE_ATTEMPT, 'TaskFailed', 'ExecutionFailed']);
    const failed = events.find((e) => e.type === 'TaskFailed')?.taskFailedEventDetails;
    expect(failed).toEqual({ resourceType: 'states', resource: 'startExecution.sync', error: 'States.TaskFailed', cause: reference.cause });
    expect(JSON.parse(failed?.cause ?? '{}')).toMatchObject({ Status: 'FAILED', Error: 'Invoice.Failed', Cause: 'rejected by the city' });
    expect(children.map((c) => [c.executionArn, c.status])).toEqual([[childArn, 'FAILED']]);
  });

  it('starts the child anew when the restart finds the task in a Retry backoff after its child failed', async () => {
    // Arrange: the child fails until the machine `later` exists; the parent's retry waits 1000 s (10 s here)
    const first = await clouds.start();
    const laterArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:later';
    const childMachine = await createMachine(first.client, 'child', {
      StartAt: 'Look',
      States: {
        Look: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:describeStateMachine', Parameters: { StateMachineArn: laterArn }, ResultPath: null, Next: 'Done' },
        Done: { Type: 'Pass', Result: { issued: true }, End: true },
      },
    });
    const parent = await createMachine(first.client, 'parent', {
      StartAt: 'Child',
      States: {
        Child: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Parameters: { StateMachineArn: childMachine, Input: { n: 1 } },
          Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1000, MaxAttempts: 1 }],
          End: true,
        },
      },
    });
    const parentArn = (await first.client.send(new StartExecutionCommand({ stateMachineArn: parent, name: 'p-1' }))).executionArn ?? '';
    await eventually('the first attempt failed', () => historyOf(first.client, parentArn), (events) => events.some((e) => e.type === 'TaskFailed'));
    await createMachine(first.client, 'later', waitingChild(0));
    await first.stop();

    // Act
    const second = await clouds.start();
    const events = await endedHistory(second.client, parentArn);
    const children = await executionsOf(second.client, childMachine);

    // Assert
    expect(events.map((e) => e.type)).toEqual([...ONE_ATTEMPT, 'TaskFailed', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    const submitted = events.filter((e) => e.type === 'TaskSubmitted').map((e) => (JSON.parse(e.taskSubmittedEventDetails?.output ?? '{}') as { ExecutionArn?: string }).ExecutionArn);
    expect(submitted).toEqual(children.map((c) => c.executionArn));
    expect(children.map((c) => c.status)).toEqual(['FAILED', 'SUCCEEDED']);
  });

  it('still fails a fresh start whose child name exists with StepFunctions.ExecutionAlreadyExistsException', async () => {
    // Arrange: `c-1` ran and ended before the restart; the parent starts only after it
    const first = await clouds.start();
    const childMachine = await createMachine(first.client, 'child', waitingChild(0));
    const parent = await createMachine(first.client, 'parent', parentOf('arn:aws:states:::states:startExecution.sync:2', childMachine, 'c-1'));
    const childArn = (await first.client.send(new StartExecutionCommand({ stateMachineArn: childMachine, name: 'c-1', input: '{"n":1}' }))).executionArn ?? '';
    await endedHistory(first.client, childArn);
    await first.stop();

    // Act
    const second = await clouds.start();
    const parentArn = (await second.client.send(new StartExecutionCommand({ stateMachineArn: parent, name: 'p-1' }))).executionArn ?? '';
    const events = await endedHistory(second.client, parentArn);
    const children = await executionsOf(second.client, childMachine);

    // Assert
    expect(events.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'ExecutionFailed']);
    expect(events.find((e) => e.type === 'TaskFailed')?.taskFailedEventDetails).toMatchObject({
      error: 'StepFunctions.ExecutionAlreadyExistsException',
      cause: expect.stringContaining(`Execution Already Exists: '${childArn}'`),
    });
    expect(children.map((c) => [c.executionArn, c.status])).toEqual([[childArn, 'SUCCEEDED']]);
  });
  describe('inside a Map iteration, which runs again from its start after a restart', () => {
    /** A child that waits `$.seconds`, then fails (`$.fail`) or answers `{ issued: $.name }`. */
    const outcomeChild = {
      StartAt: 'Wait',
      States: {
        Wait: { Type: 'Wait', SecondsPath: '$.seconds', Next: 'Outcome' },
        Outcome: { Type: 'Choice', Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Fail' }], Default: 'Done' },
        Fail: { Type: 'Fail', Error: 'Invoice.Failed', Cause: 'rejected by the city' },
        Done: { Type: 'Pass', Parameters: { 'issued.$': '$.name' }, End: true },
      },
    };

    /** One child per item, named `$.name`, with the item as input: after `$.before` s; then `$.hold` s before the iteration ends. */
    const iterationOf = (child: string, retry: object[] = []): object => ({
      StartAt: 'Before',
      States: {
        Before: { Type: 'Wait', SecondsPath: '$.before', Next: 'Child' },
        Child: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Parameters: { StateMachineArn: child, 'Name.$': '$.name', 'Input.$': '$' },
          ResultSelector: { 'Status.$': '$.Status', 'Output.$': '$.Output' },
          ResultPath: '$.result',
          Retry: retry,
          Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'Hold' }],
          Next: 'Hold',
        },
        Hold: { Type: 'Wait', SecondsPath: '$.hold', End: true },
      },
    });
    const eachItem = (child: string, retry?: object[]): object => ({ Type: 'Map', ItemsPath: '$.items', ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, ...iterationOf(child, retry) } });
    const mapParentOf = (child: string, retry?: object[]): object => ({ StartAt: 'Each', States: { Each: { ...eachItem(child, retry), End: true } } });

    const item = (name: string, fields: { seconds?: number; fail?: boolean; before?: number; hold?: number }): Record<string, unknown> => ({ name, seconds: 0, fail: false, before: 0, hold: 0, ...fields });
    const childArnOf = (childMachine: string, name: string): string => `${childMachine.replace(':stateMachine:', ':execution:')}:${name}`;
    /** The output of a parent that succeeded, parsed. */
    const outputOf = (events: HistoryEvent[]): unknown => JSON.parse(events.find((e) => e.type === 'ExecutionSucceeded')?.executionSucceededEventDetails?.output ?? 'null');
    const submittedArns = (events: HistoryEvent[]): string[] =>
      events.filter((e) => e.type === 'TaskSubmitted').map((e) => String((JSON.parse(e.taskSubmittedEventDetails?.output ?? '{}') as { ExecutionArn?: string }).ExecutionArn));

    it('ends each iteration with its own child’s outcome, whether that child ran on, had succeeded or had failed before the restart, and starts each child once', async () => {
      // Arrange: c-a still waits (300 s of AWS time, 3 s here) at the restart; c-b succeeded and
      // c-c failed, their iterations holding 300 s after them
      const first = await clouds.start();
      const childMachine = await createMachine(first.client, 'child', outcomeChild);
      const parent = await createMachine(first.client, 'parent', mapParentOf(childMachine));
      const items = [item('c-a', { seconds: 300 }), item('c-b', { hold: 300 }), item('c-c', { fail: true, hold: 300 })];
      const parentArn = (await first.client.send(new StartExecutionCommand({ stateMachineArn: parent, name: 'p-1', input: JSON.stringify({ items }) }))).executionArn ?? '';
      const before = await eventually('c-b and c-c holding, c-a waiting', () => historyOf(first.client, parentArn), (events) => events.filter((e) => e.type === 'WaitStateEntered').length === 5);
      const closedBefore = (await executionsOf(first.client, childMachine)).map((c) => [c.name, c.status]).sort();
      await first.stop();

      // Act
      const second = await clouds.start();
      const events = await endedHistory(second.client, parentArn, before.length);
      const children = await executionsOf(second.client, childMachine);
      const failedReference = await polledAnswer(second.cloud, childArnOf(childMachine, 'c-c'), 'json');

      // Assert
      expect(closedBefore).toEqual([['c-a', 'RUNNING'], ['c-b', 'SUCCEEDED'], ['c-c', 'FAILED']]);
      expect(outputOf(events)).toEqual([
        { ...items[0], result: { Status: 'SUCCEEDED', Output: { issued: 'c-a' } } },
        { ...items[1], result: { Status: 'SUCCEEDED', Output: { issued: 'c-b' } } },
        { ...items[2], error: { Error: 'States.TaskFailed', Cause: failedReference.cause } },
      ]);
      expect(JSON.parse(failedReference.cause ?? '{}')).toMatchObject({ Status: 'FAILED', Error: 'Invoice.Failed', Cause: 'rejected by the city' });
      expect(events.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails?.error)).toEqual(['States.TaskFailed', 'States.TaskFailed']);
      // Every iteration ran again and recorded the child it waited for: the same three.
      const arns = ['c-a', 'c-b', 'c-c'].map((name) => childArnOf(childMachine, name));
      expect(submittedArns(events).slice(0, 3).sort()).toEqual(arns);
      expect(submittedArns(events).slice(3).sort()).toEqual(arns);
      // Started in the same millisecond, they are listed in any order after a restart.
      expect(children.map((c) => [c.name, c.status]).sort()).toEqual([['c-a', 'SUCCEEDED'], ['c-b', 'SUCCEEDED'], ['c-c', 'FAILED']]);
    });

    it('ends a rerun Parallel branch with its own child’s outcome too', async () => {
      // Arrange: the branch's child succeeded, the branch holds 300 s (3 s here) at the restart
      const first = await clouds.start();
      const childMachine = await createMachine(first.client, 'child', outcomeChild);
      const parent = await createMachine(first.client, 'parent', { StartAt: 'Both', States: { Both: { Type: 'Parallel', Branches: [iterationOf(childMachine)], End: true } } });
      const input = item('c-p', { hold: 300 });
      const parentArn = (await first.client.send(new StartExecutionCommand({ stateMachineArn: parent, name: 'p-1', input: JSON.stringify(input) }))).executionArn ?? '';
      const before = await eventually('the branch holding', () => historyOf(first.client, parentArn), (events) => events.filter((e) => e.type === 'WaitStateEntered').length === 2);
      await first.stop();

      // Act
      const second = await clouds.start();
      const events = await endedHistory(second.client, parentArn, before.length);
      const children = await executionsOf(second.client, childMachine);

      // Assert
      expect(outputOf(events)).toEqual([{ ...input, result: { Status: 'SUCCEEDED', Output: { issued: 'c-p' } } }]);
      expect(children.map((c) => [c.name, c.status])).toEqual([['c-p', 'SUCCEEDED']]);
    });

    it('hands a child over only inside the state the restart resumed in: a later task that finds its name taken fails', async () => {
      // Arrange: c-1's iteration finished before the restart, c-2's holds 300 s (3 s here); after
      // the Map, Again starts c-1 by the same name and input
      const first = await clouds.start();
      const childMachine = await createMachine(first.client, 'child', outcomeChild);
      const again = { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: childMachine, Name: 'c-1', 'Input.$': '$.items[0]' }, End: true };
      const parent = await createMachine(first.client, 'parent', { StartAt: 'Each', States: { Each: { ...eachItem(childMachine), ResultPath: '$.results', Next: 'Again' }, Again: again } });
      const items = [item('c-1', {}), item('c-2', { hold: 300 })];
      const parentArn = (await first.client.send(new StartExecutionCommand({ stateMachineArn: parent, name: 'p-1', input: JSON.stringify({ items }) }))).executionArn ?? '';
      const before = await eventually('c-2 holding', () => historyOf(first.client, parentArn), (events) => events.filter((e) => e.type === 'WaitStateEntered').length === 4);
      await first.stop();

      // Act
      const second = await clouds.start();
      const events = await endedHistory(second.client, parentArn, before.length);

      // Assert
      expect(events.at(-1)?.executionFailedEventDetails).toMatchObject({ error: 'StepFunctions.ExecutionAlreadyExistsException', cause: expect.stringContaining(`Execution Already Exists: '${childArnOf(childMachine, 'c-1')}'`) });
    });

    it('re-attaches once: a Retry after the child’s failure finds its name taken, as without the restart', async () => {
      // Arrange: the child fails after 200 s of AWS time (2 s here), while the engine is down
      const first = await clouds.start();
      const childMachine = await createMachine(first.client, 'child', outcomeChild);
      const parent = await createMachine(first.client, 'parent', mapParentOf(childMachine, [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 1 }]));
      const failing = item('c-f', { seconds: 200, fail: true });
      const parentArn = (await first.client.send(new StartExecutionCommand({ stateMachineArn: parent, name: 'p-1', input: JSON.stringify({ items: [failing] }) }))).executionArn ?? '';
      const before = await eventually('the child submitted', () => historyOf(first.client, parentArn), (events) => events.some((e) => e.type === 'TaskSubmitted'));
      const childArn = childArnOf(childMachine, 'c-f');
      await first.stop();
      const stopped = Date.now();
      await eventually('the child’s Wait to be over', () => Date.now(), (now) => now > stopped + 2000);

      // Act
      const second = await clouds.start();
      const events = await endedHistory(second.client, parentArn, before.length);
      const children = await executionsOf(second.client, childMachine);

      // Assert: the rerun attempt answers the child's failure, the retry the taken name
      const after = events.slice(before.length);
      expect(after.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails?.error)).toEqual(['States.TaskFailed', 'StepFunctions.ExecutionAlreadyExistsException']);
      expect(submittedArns(after)).toEqual([childArn]);
      expect(outputOf(events)).toEqual([{ ...failing, error: { Error: 'StepFunctions.ExecutionAlreadyExistsException', Cause: expect.stringContaining(`Execution Already Exists: '${childArn}'`) } }]);
      expect(children.map((c) => [c.executionArn, c.status])).toEqual([[childArn, 'FAILED']]);
    });

    it('still fails a fresh parent whose child name exists with StepFunctions.ExecutionAlreadyExistsException', async () => {
      // Arrange: `c-b` ran, with the very input the iteration sends, and ended before the restart
      const first = await clouds.start();
      const childMachine = await createMachine(first.client, 'child', outcomeChild);
      const parent = await createMachine(first.client, 'parent', mapParentOf(childMachine));
      const taken = item('c-b', {});
      const childArn = (await first.client.send(new StartExecutionCommand({ stateMachineArn: childMachine, name: 'c-b', input: JSON.stringify(taken) }))).executionArn ?? '';
      await endedHistory(first.client, childArn);
      await first.stop();

      // Act
      const second = await clouds.start();
      const parentArn = (await second.client.send(new StartExecutionCommand({ stateMachineArn: parent, name: 'p-1', input: JSON.stringify({ items: [taken] }) }))).executionArn ?? '';
      const events = await endedHistory(second.client, parentArn);
      const children = await executionsOf(second.client, childMachine);

      // Assert
      // States.TaskFailed, the iteration's Catch, matches every task error but States.Timeout.
      expect(outputOf(events)).toEqual([{ ...taken, error: { Error: 'StepFunctions.ExecutionAlreadyExistsException', Cause: expect.stringContaining(`Execution Already Exists: '${childArn}'`) } }]);
      expect(children.map((c) => [c.executionArn, c.status])).toEqual([[childArn, 'SUCCEEDED']]);
    });

    it('still fails a resumed parent whose child name was taken by an execution it did not start', async () => {
      // Arrange: `c-x` ran, with the very input the iteration sends, before the parent; the restart
      // finds the iteration in its Before wait (200 s of AWS time, 2 s here), before its task
      const first = await clouds.start();
      const childMachine = await createMachine(first.client, 'child', outcomeChild);
      const parent = await createMachine(first.client, 'parent', mapParentOf(childMachine));
      const taken = item('c-x', { before: 200 });
      const childArn = (await first.client.send(new StartExecutionCommand({ stateMachineArn: childMachine, name: 'c-x', input: JSON.stringify(taken) }))).executionArn ?? '';
      await endedHistory(first.client, childArn);
      const parentArn = (await first.client.send(new StartExecutionCommand({ stateMachineArn: parent, name: 'p-1', input: JSON.stringify({ items: [taken] }) }))).executionArn ?? '';
      await reachedWait(first.client, parentArn);
      await first.stop();

      // Act
      const second = await clouds.start();
      const events = await endedHistory(second.client, parentArn);
      const children = await executionsOf(second.client, childMachine);

      // Assert
      // States.TaskFailed, the iteration's Catch, matches every task error but States.Timeout.
      expect(outputOf(events)).toEqual([{ ...taken, error: { Error: 'StepFunctions.ExecutionAlreadyExistsException', Cause: expect.stringContaining(`Execution Already Exists: '${childArn}'`) } }]);
      expect(submittedArns(events)).toEqual([]);
      expect(children.map((c) => [c.executionArn, c.status])).toEqual([[childArn, 'SUCCEEDED']]);
    });

    it('does not hand an iteration a child a state before the Map had started under the same name', async () => {
      // Arrange: First starts c-1 with the very input the iteration sends, and it ends; the restart
      // finds the iteration in its Before wait (200 s of AWS time, 2 s here), before its task
      const first = await clouds.start();
      const childMachine = await createMachine(first.client, 'child', outcomeChild);
      const start = { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: childMachine, Name: 'c-1', 'Input.$': '$.items[0]' }, ResultPath: null, Next: 'Each' };
      const parent = await createMachine(first.client, 'parent', { StartAt: 'First', States: { First: start, Each: { ...eachItem(childMachine), End: true } } });
      const taken = item('c-1', { before: 200 });
      const parentArn = (await first.client.send(new StartExecutionCommand({ stateMachineArn: parent, name: 'p-1', input: JSON.stringify({ items: [taken] }) }))).executionArn ?? '';
      await reachedWait(first.client, parentArn);
      await first.stop();

      // Act
      const second = await clouds.start();
      const events = await endedHistory(second.client, parentArn);

      // Assert: the iteration finds the name taken, as it would without the restart
      const childArn = childArnOf(childMachine, 'c-1');
      expect(outputOf(events)).toEqual([{ ...taken, error: { Error: 'StepFunctions.ExecutionAlreadyExistsException', Cause: expect.stringContaining(`Execution Already Exists: '${childArn}'`) } }]);
      expect(submittedArns(events)).toEqual([childArn]);
    });

    it('hands no child to a Retry of the Map the restart resumed in: its iterations find the names taken, as without the restart', async () => {
      // Arrange: two iterations at once; c-b's child succeeded and its iteration holds 300 s (3 s
      // here) at the restart, c-a's child still waits 200 s (2 s) and then fails. An iteration
      // catches only a taken name, so c-a's failure fails the Map's attempt, which is retried once.
      const first = await clouds.start();
      const childMachine = await createMachine(first.client, 'child', outcomeChild);
      const iteration = iterationOf(childMachine) as { StartAt: string; States: Record<string, Record<string, unknown>> };
      iteration.States.Child = { ...iteration.States.Child, Catch: [{ ErrorEquals: ['StepFunctions.ExecutionAlreadyExistsException'], ResultPath: '$.error', Next: 'Hold' }] };
      const each = { Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 2, ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, ...iteration }, Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 1 }], End: true };
      const parent = await createMachine(first.client, 'parent', { StartAt: 'Each', States: { Each: each } });
      const items = [item('c-a', { seconds: 200, fail: true }), item('c-b', { before: 100, hold: 300 })];
      const parentArn = (await first.client.send(new StartExecutionCommand({ stateMachineArn: parent, name: 'p-1', input: JSON.stringify({ items }) }))).executionArn ?? '';
      // Before, c-b's Before and Hold: c-a's child still waits
      const before = await eventually('c-b holding', () => historyOf(first.client, parentArn), (events) => events.filter((e) => e.type === 'WaitStateEntered').length === 3);
      await first.stop();

      // Act
      const second = await clouds.start();
      const events = await endedHistory(second.client, parentArn, before.length);

      // Assert: the resumed attempt failed with c-a's failure; the retried Map's iterations both find their names taken
      expect(before.some((e) => e.type === 'TaskFailed')).toBe(false);
      expect(events.slice(before.length).filter((e) => e.type === 'MapIterationFailed').map((e) => e.mapIterationFailedEventDetails?.index)).toEqual([0]);
      expect(outputOf(events)).toEqual(
        ['c-a', 'c-b'].map((name, index) => ({ ...items[index], error: { Error: 'StepFunctions.ExecutionAlreadyExistsException', Cause: expect.stringContaining(`Execution Already Exists: '${childArnOf(childMachine, name)}'`) } })),
      );
    });

    async function reachedWait(sfn: SFNClient, executionArn: string): Promise<void> {
      await eventually('the iteration waiting', () => historyOf(sfn, executionArn), (events) => events.some((e) => e.type === 'WaitStateEntered'));
    }
  });
});
