import type { TaskInvocation } from '../../../../local/stepfunctions/engine/TaskInvoker';
import { engineHarness, eventTypes, settle, type ScriptedAnswer } from './engineHarness';

const LAMBDA = 'arn:aws:lambda:us-east-1:000000000000:function:f';

/** Answers each Task call with its parameters, failing while `failing(parameters)` says so. */
function echoUnless(failing: (parameters: unknown) => boolean): ScriptedAnswer {
  return (invocation: TaskInvocation) => (failing(invocation.parameters) ? Promise.reject(new Error('not yet')) : Promise.resolve(invocation.parameters));
}

/** The event types recorded after the (last) ExecutionRedriven event. */
function afterRedrive(types: readonly string[]): string[] {
  return types.slice(types.lastIndexOf('ExecutionRedriven'));
}

// Where the engine picks each flow up (RedrivePoint), with scripted task answers and a fake clock.
// RedriveExecution through the API, against a real service failure, is redriveExecution.integration.test.ts.
describe('redrive of Parallel and Map states', () => {
  it('runs again only the Parallel branch that failed, from the state it failed in', async () => {
    // Arrange
    let ready = false;
    const harness = engineHarness([echoUnless(() => !ready)]);
    const execution = harness.start({
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A1', States: { A1: { Type: 'Pass', Result: 'a', Next: 'A2' }, A2: { Type: 'Pass', End: true } } },
            { StartAt: 'B1', States: { B1: { Type: 'Pass', Result: { b: 1 }, Next: 'B2' }, B2: { Type: 'Task', Resource: LAMBDA, End: true } } },
          ],
          Next: 'After',
        },
        After: { Type: 'Pass', End: true },
      },
    });
    await settle(harness.clock);
    const firstStatus = execution.status;
    ready = true;

    // Act
    execution.redrive();
    await settle(harness.clock);

    // Assert
    expect(firstStatus).toBe('FAILED');
    expect(execution.outcome).toEqual({ status: 'SUCCEEDED', output: '["a",{"b":1}]' });
    expect(afterRedrive(eventTypes(execution))).toEqual([
      'ExecutionRedriven', 'ParallelStateEntered', 'ParallelStateStarted',
      'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited',
      'ParallelStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded',
    ]);
    expect(harness.calls.map((c) => c.parameters)).toEqual([{ b: 1 }, { b: 1 }]);
  });

  it('runs again only the Map iterations that failed and records MapIterationStarted for them alone', async () => {
    // Arrange
    const ready = new Set<number>([1, 2, 4]);
    // A call that fails does so a second later, once the others have succeeded.
    const answer: ScriptedAnswer = (invocation) => {
      const n = (invocation.parameters as { n: number }).n;
      if (ready.has(n)) return Promise.resolve(invocation.parameters);
      return new Promise((_, reject) => harness.clock.setTimeout(() => reject(new Error('not yet')), 1000));
    };
    const harness = engineHarness([answer]);
    const execution = harness.start(
      {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemProcessor: {
              StartAt: 'Look',
              States: {
                Look: { Type: 'Choice', Choices: [{ Variable: '$.lookup', BooleanEquals: true, Next: 'Call' }], Default: 'Echo' },
                Echo: { Type: 'Pass', End: true },
                Call: { Type: 'Task', Resource: LAMBDA, Parameters: { 'n.$': '$.n' }, End: true },
              },
            },
            End: true,
          },
        },
      },
      { items: [{ n: 1 }, { n: 2, lookup: true }, { n: 3, lookup: true }, { n: 4 }, { n: 5, lookup: true }] },
    );
    await harness.clock.advance(1000);
    const firstStatus = execution.status;
    ready.add(3).add(5);

    // Act
    execution.redrive();
    await settle(harness.clock);

    // Assert
    const redriven = afterRedrive(eventTypes(execution));
    const started = execution.history.all().filter((e) => e.type === 'MapIterationStarted').filter((e) => e.id > (execution.history.all().find((x) => x.type === 'ExecutionRedriven')?.id ?? 0));
    expect(firstStatus).toBe('FAILED');
    expect(execution.outcome).toEqual({ status: 'SUCCEEDED', output: '[{"n":1},{"n":2},{"n":3},{"n":4},{"n":5}]' });
    expect(started.map((e) => e.details?.index)).toEqual([2, 4]);
    expect(redriven.filter((t) => t === 'TaskStateEntered')).toHaveLength(2);
    expect(redriven.filter((t) => t === 'ChoiceStateEntered' || t === 'PassStateEntered')).toEqual([]);
    expect(redriven.slice(0, 3)).toEqual(['ExecutionRedriven', 'MapStateEntered', 'MapStateStarted']);
    expect(redriven.slice(-3)).toEqual(['MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
  });

  it('keeps what a nested Parallel branch assigned when it picks it up again', async () => {
    // Arrange
    let ready = false;
    const harness = engineHarness([echoUnless(() => !ready)]);
    const execution = harness.start({
      QueryLanguage: 'JSONata',
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Quick', States: { Quick: { Type: 'Pass', Output: 'quick', End: true } } },
            {
              StartAt: 'Remember',
              States: {
                Remember: { Type: 'Pass', Assign: { seen: '{% $states.input.id %}' }, Next: 'Call' },
                Call: { Type: 'Task', Resource: LAMBDA, Arguments: { seen: '{% $seen %}' }, End: true },
              },
            },
          ],
          End: true,
        },
      },
    }, { id: 'INV-7' });
    await settle(harness.clock);
    ready = true;

    // Act
    execution.redrive();
    await settle(harness.clock);

    // Assert
    expect(execution.outcome).toEqual({ status: 'SUCCEEDED', output: '["quick",{"seen":"INV-7"}]' });
    expect(harness.calls.map((c) => c.parameters)).toEqual([{ seen: 'INV-7' }, { seen: 'INV-7' }]);
  });

  it('runs again the branch a StopExecution aborted, and not the one that had finished', async () => {
    // Arrange
    const harness = engineHarness();
    const execution = harness.start({
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Done', States: { Done: { Type: 'Pass', Result: 1, End: true } } },
            { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 10, End: true } } },
          ],
          End: true,
        },
      },
    }, { x: 1 });
    await settle(harness.clock);
    execution.stop('Stopped', 'by test');
    await settle(harness.clock);
    const stoppedStatus = execution.status;

    // Act
    execution.redrive();
    await harness.clock.advance(10_000);

    // Assert
    expect(stoppedStatus).toBe('ABORTED');
    expect(execution.outcome).toEqual({ status: 'SUCCEEDED', output: '[1,{"x":1}]' });
    expect(afterRedrive(eventTypes(execution))).toEqual([
      'ExecutionRedriven', 'ParallelStateEntered', 'ParallelStateStarted', 'WaitStateEntered', 'WaitStateExited',
      'ParallelStateExited', 'ExecutionSucceeded',
    ]);
  });

  it('redrives the Map Run of a Distributed Map: MapRunRedriven with the same ARN, failed items only', async () => {
    // Arrange
    let ready = false;
    const harness = engineHarness([echoUnless((p) => !ready && (p as { n: number }).n === 2)]);
    const execution = harness.start(
      {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Call', States: { Call: { Type: 'Task', Resource: LAMBDA, End: true } } },
            End: true,
          },
        },
      },
      [{ n: 1 }, { n: 2 }, { n: 3 }],
    );
    await settle(harness.clock);
    ready = true;

    // Act
    execution.redrive();
    await settle(harness.clock);

    // Assert
    const events = execution.history.all();
    const started = events.find((e) => e.type === 'MapRunStarted');
    const redriven = events.find((e) => e.type === 'MapRunRedriven');
    expect(execution.outcome).toEqual({ status: 'SUCCEEDED', output: '[{"n":1},{"n":2},{"n":3}]' });
    expect(redriven?.details).toEqual({ mapRunArn: started?.details?.mapRunArn, redriveCount: 1 });
    expect(harness.calls.map((c) => (c.parameters as { n: number }).n).sort()).toEqual([1, 2, 2, 3]);
    expect(afterRedrive(eventTypes(execution))).toEqual([
      'ExecutionRedriven', 'MapStateEntered', 'MapStateStarted', 'MapRunRedriven', 'MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded',
    ]);
  });

  it('counts the state machine timeout from the redrive, not from the start', async () => {
    // Arrange
    const harness = engineHarness([() => new Promise(() => undefined), (invocation) => Promise.resolve(invocation.parameters)]);
    const execution = harness.start({
      TimeoutSeconds: 5,
      StartAt: 'Pause',
      States: {
        Pause: { Type: 'Wait', Seconds: 3, Next: 'Call' },
        Call: { Type: 'Task', Resource: LAMBDA, Parameters: { ok: true }, End: true },
      },
    });
    await harness.clock.advance(6_000);
    const firstStatus = execution.status;

    // Act
    execution.redrive();
    await harness.clock.advance(1_000);

    // Assert
    expect(firstStatus).toBe('TIMED_OUT');
    expect(execution.outcome).toEqual({ status: 'SUCCEEDED', output: '{"ok":true}' });
    expect(afterRedrive(eventTypes(execution))).toEqual([
      'ExecutionRedriven', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
  });
});
