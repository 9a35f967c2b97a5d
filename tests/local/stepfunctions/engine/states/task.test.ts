import { StatesError } from '../../../../../local/stepfunctions/errors/StatesError';
import { engineHarness, eventTypes, outputOf, servedHistory, settle } from '../engineHarness';

const RESOURCE = 'arn:aws:lambda:us-east-1:000000000000:function:f';

function taskMachine(task: object, queryLanguage: 'JSONPath' | 'JSONata' = 'JSONPath'): object {
  return { QueryLanguage: queryLanguage, StartAt: 'T', States: { T: { Type: 'Task', Resource: RESOURCE, ...task, End: true } } };
}

describe('Task', () => {
  it('calls its integration with Parameters, records the call and outputs the result', async () => {
    const harness = engineHarness([(call) => Promise.resolve({ echoed: call.parameters })]);
    const execution = harness.start(taskMachine({ Parameters: { 'id.$': '$.id' } }), { id: 4 });
    await settle(harness.clock);

    expect(harness.calls.map((c) => [c.resource, c.parameters, c.taskToken])).toEqual([[RESOURCE, { id: 4 }, undefined]]);
    expect(outputOf(execution)).toEqual({ echoed: { id: 4 } });
    expect(servedHistory(execution).slice(2, 5)).toEqual([
      { id: 3, previousEventId: 2, type: 'TaskScheduled', taskScheduledEventDetails: { resourceType: 'lambda', resource: RESOURCE, region: 'us-east-1', parameters: '{"id":4}' } },
      { id: 4, previousEventId: 3, type: 'TaskStarted', taskStartedEventDetails: { resourceType: 'lambda', resource: RESOURCE } },
      { id: 5, previousEventId: 4, type: 'TaskSucceeded', taskSucceededEventDetails: { resourceType: 'lambda', resource: RESOURCE, output: '{"echoed":{"id":4}}', outputDetails: { truncated: false } } },
    ]);
  });

  it('passes its whole input when it has no Parameters, and shapes the result with ResultSelector and ResultPath', async () => {
    const harness = engineHarness([(call) => Promise.resolve({ body: { total: 10 }, meta: 'x', got: call.parameters })]);
    const execution = harness.start(taskMachine({ ResultSelector: { 'total.$': '$.body.total', 'got.$': '$.got' }, ResultPath: '$.result' }), { order: 1 });
    await settle(harness.clock);

    expect(outputOf(execution)).toEqual({ order: 1, result: { total: 10, got: { order: 1 } } });
  });

  it('fails with the error and cause its integration answers, recorded on TaskFailed', async () => {
    const harness = engineHarness([() => Promise.reject(new StatesError('Lambda.Unknown', 'the function crashed'))]);
    const execution = harness.start(taskMachine({}));
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'Lambda.Unknown', cause: 'the function crashed' });
    expect(servedHistory(execution)[4]).toEqual({
      id: 5,
      previousEventId: 4,
      type: 'TaskFailed',
      taskFailedEventDetails: { resourceType: 'lambda', resource: RESOURCE, error: 'Lambda.Unknown', cause: 'the function crashed' },
    });
  });

  it('times out after TimeoutSeconds with States.Timeout and records the timeouts it was scheduled with', async () => {
    const harness = engineHarness([() => new Promise(() => undefined)]);
    const execution = harness.start(taskMachine({ TimeoutSeconds: 30, HeartbeatSeconds: 20 }));
    await settle(harness.clock);

    const scheduled = servedHistory(execution)[2]?.taskScheduledEventDetails;
    await harness.clock.advance(20_000);

    expect(scheduled).toEqual({ resourceType: 'lambda', resource: RESOURCE, region: 'us-east-1', parameters: '{}', timeoutInSeconds: 30, heartbeatInSeconds: 20 });
    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'States.Timeout', cause: '' });
    expect(eventTypes(execution).slice(-2)).toEqual(['TaskTimedOut', 'ExecutionFailed']);
  });

  it('reads TimeoutSecondsPath from the input and fails with States.Runtime when it is not a positive integer', async () => {
    const harness = engineHarness([() => new Promise(() => undefined)]);
    const timed = harness.start(taskMachine({ TimeoutSecondsPath: '$.timeout' }), { timeout: 5 });
    const wrong = harness.start(taskMachine({ TimeoutSecondsPath: '$.timeout' }), { timeout: 0 });
    await settle(harness.clock);

    await harness.clock.advance(5000);

    expect(timed.outcome.error).toBe('States.Timeout');
    expect(wrong.outcome).toEqual({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: "An error occurred while executing the state 'T' (entered at the event id #2). The TimeoutSecondsPath parameter does not reference a valid positive integer: $.timeout == 0",
    });
  });

  it('sends JSONata Arguments and builds its Output from $states.result', async () => {
    const harness = engineHarness([(call) => Promise.resolve({ sum: (call.parameters as { a: number; b: number }).a + (call.parameters as { a: number; b: number }).b })]);
    const execution = harness.start(taskMachine({ Arguments: { a: '{% $states.input.x %}', b: 2 }, Output: { total: '{% $states.result.sum %}', from: '{% $states.input %}' } }, 'JSONata'), { x: 5 });
    await settle(harness.clock);

    expect(outputOf(execution)).toEqual({ total: 7, from: { x: 5 } });
  });

  it('fails with States.DataLimitExceeded when its result passes 256 KiB', async () => {
    const harness = engineHarness([() => Promise.resolve({ blob: 'x'.repeat(256 * 1024) })]);
    const execution = harness.start(taskMachine({}));
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'States.DataLimitExceeded', cause: "The state/task 'T' returned a result with a size exceeding the maximum number of bytes service limit." });
  });
});
