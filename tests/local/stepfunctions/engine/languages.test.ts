import { engineHarness, eventTypes, settle } from './engineHarness';

describe('JSONPath input and output processing', () => {
  it('applies InputPath, Parameters, ResultSelector, ResultPath and OutputPath in order', async () => {
    const harness = engineHarness([(call) => Promise.resolve({ echoed: call.parameters, extra: 'x' })]);
    const execution = harness.start(
      {
        StartAt: 'Call',
        States: {
          Call: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f',
            InputPath: '$.order',
            Parameters: { 'id.$': '$.id', 'name.$': '$$.Execution.Name', fixed: 1 },
            ResultSelector: { 'value.$': '$.echoed' },
            ResultPath: '$.result',
            OutputPath: '$.result.value',
            End: true,
          },
        },
      },
      { order: { id: 'o-1' } },
    );

    await settle(harness.clock);

    expect(JSON.parse(execution.outcome.output ?? 'null')).toEqual({ id: 'o-1', name: 'run-1', fixed: 1 });
  });

  it('fails with AWS wording when a Parameters path matches nothing', async () => {
    const harness = engineHarness();
    const execution = harness.start({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'v.$': '$.nope' }, End: true } } }, { a: 1 });

    await settle(harness.clock);

    expect(execution.outcome).toEqual({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: "An error occurred while executing the state 'P' (entered at the event id #2). The JSONPath '$.nope' specified for the field 'v.$' could not be found in the input '{\"a\":1}'",
    });
  });
});

describe('variables', () => {
  it('evaluates every Assign value against the variables from before the state', async () => {
    const harness = engineHarness();
    const execution = harness.start({
      QueryLanguage: 'JSONata',
      StartAt: 'First',
      States: {
        First: { Type: 'Pass', Assign: { a: 1, b: 2 }, Next: 'Second' },
        Second: { Type: 'Pass', Assign: { a: '{% $b %}', b: '{% $a %}' }, Output: '{% [$a, $b] %}', Next: 'Third' },
        Third: { Type: 'Pass', Output: '{% [$a, $b] %}', End: true },
      },
    });

    await settle(harness.clock);

    expect(execution.outcome.output).toBe('[2,1]');
    const secondExit = execution.history.all().filter((e) => e.type === 'PassStateExited').find((e) => e.details?.name === 'Second');
    expect(JSON.parse(JSON.stringify(secondExit?.details)).output).toBe('[1,2]');
    expect(secondExit?.details?.assignedVariables).toEqual({ a: '2', b: '1' });
  });

  it('keeps assignments made inside a Map iteration out of the outer scope', async () => {
    const harness = engineHarness();
    const execution = harness.start({
      QueryLanguage: 'JSONata',
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { seen: 'outer' }, Next: 'Each' },
        Each: {
          Type: 'Map',
          Items: [1, 2],
          ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', Assign: { inner: '{% $states.input %}' }, Output: '{% $seen %}', End: true } } },
          Next: 'After',
        },
        After: { Type: 'Pass', Output: '{% [$seen, $exists($inner)] %}', End: true },
      },
    });

    await settle(harness.clock);

    expect(execution.outcome.output).toBe('["outer",false]');
  });

  it('reads JSONPath variables with $name paths', async () => {
    const harness = engineHarness();
    const execution = harness.start({
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { 'total.$': '$.amount' }, Next: 'Use' },
        Use: { Type: 'Pass', Parameters: { 'total.$': '$total' }, End: true },
      },
    }, { amount: 42 });

    await settle(harness.clock);

    expect(execution.outcome.output).toBe('{"total":42}');
  });
});

describe('JSONata states', () => {
  it('evaluates Arguments, Output and the AWS functions with $states bound', async () => {
    const harness = engineHarness([(call) => Promise.resolve({ got: call.parameters })]);
    const execution = harness.start({
      QueryLanguage: 'JSONata',
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f',
          Arguments: { n: '{% $states.input.n * 2 %}', parts: '{% $partition([1,2,3], 2) %}' },
          Output: '{% $states.result.got %}',
          End: true,
        },
      },
    }, { n: 21 });

    await settle(harness.clock);

    expect(JSON.parse(execution.outcome.output ?? 'null')).toEqual({ n: 42, parts: [[1, 2], [3]] });
  });

  it('records EvaluationFailed before failing on a JSONata error', async () => {
    const harness = engineHarness();
    const execution = harness.start({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $states.input.missing %}', End: true } } });

    await settle(harness.clock);

    expect(execution.outcome.error).toBe('States.QueryEvaluationError');
    expect(eventTypes(execution)).toEqual(['ExecutionStarted', 'PassStateEntered', 'EvaluationFailed', 'ExecutionFailed']);
  });
});

describe('execution control', () => {
  it('times out the execution after the machine TimeoutSeconds', async () => {
    const harness = engineHarness();
    const execution = harness.start({ TimeoutSeconds: 5, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } });

    await harness.clock.advance(5000);

    expect(execution.status).toBe('TIMED_OUT');
    expect(eventTypes(execution)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionTimedOut']);
  });

  it('redrives a failed execution from the state that failed', async () => {
    const harness = engineHarness([() => Promise.reject(new Error('boom')), () => Promise.resolve('done')]);
    const execution = harness.start({
      StartAt: 'Before',
      States: {
        Before: { Type: 'Pass', Next: 'Call' },
        Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f', End: true },
      },
    });
    await settle(harness.clock);
    const firstStatus = execution.status;

    execution.redrive();
    await settle(harness.clock);

    expect(firstStatus).toBe('FAILED');
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.redriveCount).toBe(1);
    expect(eventTypes(execution)).toEqual([
      'ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'ExecutionFailed',
      'ExecutionRedriven', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
  });

  it('keeps the variables assigned before the failed state when it redrives', async () => {
    const harness = engineHarness([() => Promise.reject(new Error('boom')), (invocation) => Promise.resolve(invocation.parameters)]);
    const execution = harness.start({
      QueryLanguage: 'JSONata',
      StartAt: 'Remember',
      States: {
        Remember: { Type: 'Pass', Assign: { invoice: '{% $states.input %}', polls: 2 }, Next: 'Call' },
        Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f', Arguments: { id: '{% $invoice.id %}', polls: '{% $polls %}' }, End: true },
      },
    }, { id: 'INV-1' });
    await settle(harness.clock);

    execution.redrive();
    await settle(harness.clock);

    expect(execution.status).toBe('SUCCEEDED');
    expect(harness.calls.map((call) => call.parameters)).toEqual([{ id: 'INV-1', polls: 2 }, { id: 'INV-1', polls: 2 }]);
  });

  it('stops the other Parallel branches when one fails', async () => {
    const harness = engineHarness();
    const execution = harness.start({
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 10, Next: 'Late' }, Late: { Type: 'Pass', End: true } } },
            { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Broken', Cause: 'on purpose' } } },
          ],
          End: true,
        },
      },
    });

    await harness.clock.advance(20_000);

    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'Broken', cause: 'on purpose' });
    expect(eventTypes(execution)).toEqual(['ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted', 'WaitStateEntered', 'FailStateEntered', 'ParallelStateFailed', 'ExecutionFailed']);
  });
});
