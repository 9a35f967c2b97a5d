import { engineHarness, eventTypes, outputOf, settle } from '../engineHarness';

describe('Succeed', () => {
  it('ends the execution with its input filtered by InputPath and OutputPath', async () => {
    const harness = engineHarness();
    const execution = harness.start({ StartAt: 'S', States: { S: { Type: 'Succeed', InputPath: '$.a', OutputPath: '$.b' } } }, { a: { b: 'done', c: 1 } });
    await settle(harness.clock);

    expect(outputOf(execution)).toBe('done');
    expect(eventTypes(execution)).toEqual(['ExecutionStarted', 'SucceedStateEntered', 'SucceedStateExited', 'ExecutionSucceeded']);
  });

  it('ends a JSONata execution with its Output', async () => {
    const harness = engineHarness();
    const execution = harness.start({ QueryLanguage: 'JSONata', StartAt: 'S', States: { S: { Type: 'Succeed', Output: '{% $states.input.n + 1 %}' } } }, { n: 1 });
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'SUCCEEDED', output: '2' });
  });
});

describe('Fail', () => {
  it('fails the execution with its Error and Cause, and records no exit event', async () => {
    const harness = engineHarness();
    const execution = harness.start({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Order.Invalid', Cause: 'no lines' } } });
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'Order.Invalid', cause: 'no lines' });
    expect(eventTypes(execution)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
  });

  it('fails with no error or cause when it names none', async () => {
    const harness = engineHarness();
    const execution = harness.start({ StartAt: 'F', States: { F: { Type: 'Fail' } } });
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'FAILED', error: undefined, cause: undefined });
    expect(execution.history.all().at(-1)?.details).toEqual({});
  });

  it('reads ErrorPath and CausePath from the input, or from an intrinsic function', async () => {
    const harness = engineHarness();
    const execution = harness.start(
      { StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.error', CausePath: "States.Format('failed for {}', $.id)" } } },
      { error: 'Order.Invalid', id: 9 },
    );
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'Order.Invalid', cause: 'failed for 9' });
  });

  it('fails with States.Runtime when ErrorPath finds nothing', async () => {
    const harness = engineHarness();
    const execution = harness.start({ StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.ErrorX' } } }, { a: 1 });
    await settle(harness.clock);

    expect(execution.outcome).toEqual({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: "An error occurred while executing the state 'F' (entered at the event id #2). The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{\"a\":1}'",
    });
  });

  it('evaluates JSONata Error and Cause', async () => {
    const harness = engineHarness();
    const execution = harness.start({ QueryLanguage: 'JSONata', StartAt: 'F', States: { F: { Type: 'Fail', Error: '{% $states.input.kind %}', Cause: "{% 'bad ' & $string($states.input.n) %}" } } }, { kind: 'Bad.Input', n: 3 });
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'Bad.Input', cause: 'bad 3' });
  });
});
