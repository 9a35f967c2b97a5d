import { engineHarness, outputOf, settle } from './engineHarness';

const RESOURCE = 'arn:aws:lambda:us-east-1:000000000000:function:f';

async function outcome(definition: object, input: unknown, answer: unknown = { result: 'r' }): Promise<unknown> {
  const harness = engineHarness([() => Promise.resolve(answer)]);
  const execution = harness.start(definition, input);
  await settle(harness.clock);
  return execution.status === 'SUCCEEDED' ? outputOf(execution) : execution.outcome;
}

function task(fields: object): object {
  return { StartAt: 'T', States: { T: { Type: 'Task', Resource: RESOURCE, End: true, ...fields } } };
}

describe('JSONPath input and output processing', () => {
  it('applies InputPath, then Parameters, the call, ResultSelector, ResultPath and OutputPath, in that order', async () => {
    const definition = task({
      InputPath: '$.order',
      Parameters: { 'id.$': '$.id' },
      ResultSelector: { 'value.$': '$.result' },
      ResultPath: '$.out',
      OutputPath: '$.out.value',
    });

    expect(await outcome(definition, { order: { id: 1 }, other: true })).toBe('r');
  });

  it('writes the result into the whole input, not the InputPath selection, with ResultPath', async () => {
    expect(await outcome(task({ InputPath: '$.order', ResultPath: '$.out' }), { order: { id: 1 }, other: true })).toEqual({ order: { id: 1 }, other: true, out: { result: 'r' } });
  });

  it('creates the objects a ResultPath goes through, and never changes the input it was given', async () => {
    const input = { a: { keep: 1 } };

    const output = await outcome(task({ ResultPath: '$.a.b.c' }), input);

    expect(output).toEqual({ a: { keep: 1, b: { c: { result: 'r' } } } });
    expect(input).toEqual({ a: { keep: 1 } });
  });

  it('fails with States.ResultPathMatchFailure when ResultPath goes through a value that is not an object', async () => {
    expect(await outcome(task({ ResultPath: '$.a.b' }), { a: 'text' })).toEqual({
      status: 'FAILED',
      error: 'States.ResultPathMatchFailure',
      cause: 'Unable to apply ResultPath "$.a.b" to input {"a":"text"}',
    });
  });

  it('fails with States.Runtime, in AWS words, when InputPath or OutputPath matches nothing', async () => {
    const input = await outcome({ StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$.NoSuchInputPath', End: true } } }, {});
    const output = await outcome({ StartAt: 'P', States: { P: { Type: 'Pass', OutputPath: '$.NoSuchOutputPath', End: true } } }, {});

    expect([input, output]).toEqual([
      { status: 'FAILED', error: 'States.Runtime', cause: "An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']" },
      { status: 'FAILED', error: 'States.Runtime', cause: "An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.NoSuchOutputPath' : No results for path: $['NoSuchOutputPath']" },
    ]);
  });

  it('names the context object in the cause when a $$ path in Parameters matches nothing', async () => {
    const failed = (await outcome({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'value.$': '$$.Execution.Input.nope' }, End: true } } }, { a: 1 })) as { cause: string };

    expect(failed.cause).toMatch(/^An error occurred while executing the state 'P' \(entered at the event id #2\)\. The JSONPath '\$\$\.Execution\.Input\.nope' specified for the field 'value\.\$' could not be found in the input '\{"Execution":\{"Id":"arn:aws:states:us-east-1:000000000000:execution:sm:run-1","Input":\{"a":1\}/);
  });

  it('fails with States.Runtime, naming the state and the call, when an intrinsic function rejects its arguments', async () => {
    expect(await outcome({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'v.$': 'States.ArrayGetItem($.xs, 5)' }, End: true } } }, { xs: [1] })).toEqual({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: "An error occurred while executing the state 'P' (entered at the event id #2). The function 'States.ArrayGetItem($.xs, 5)' had the following error: Invalid arguments in States.ArrayGetItem",
    });
  });
});

describe('JSONata input and output processing', () => {
  it('sends Arguments and outputs Output, both with $states.input; Output also sees $states.result', async () => {
    const definition = { QueryLanguage: 'JSONata', ...task({ Arguments: { n: '{% $states.input.n %}' }, Output: { from: '{% $states.input.n %}', got: '{% $states.result.result %}' } }) };

    expect(await outcome(definition, { n: 2 })).toEqual({ from: 2, got: 'r' });
  });

  it('outputs the raw result when it has no Output', async () => {
    expect(await outcome({ QueryLanguage: 'JSONata', ...task({}) }, { n: 2 }, { answer: 42 })).toEqual({ answer: 42 });
  });

  it('evaluates Assign and Output against the variables from before the state', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { x: 1 }, Next: 'B' },
        B: { Type: 'Pass', Assign: { x: '{% $x + 1 %}', seenBy: '{% $x %}' }, Output: { x: '{% $x %}' }, Next: 'C' },
        C: { Type: 'Pass', Output: { before: '{% $states.input.x %}', x: '{% $x %}', seenBy: '{% $seenBy %}' }, End: true },
      },
    };

    expect(await outcome(definition, {})).toEqual({ before: 1, x: 2, seenBy: 1 });
  });

  it('fails with States.QueryEvaluationError naming the field when an expression throws', async () => {
    const definition = { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: { n: '{% $number("x") + $undefinedFn() %}' }, End: true } } };

    const failed = (await outcome(definition, {})) as { error: string; cause: string };

    expect(failed.error).toBe('States.QueryEvaluationError');
    expect(failed.cause).toMatch(/^An error occurred while executing the state 'P' \(entered at the event id #2\)\. The JSONata expression '\$number\("x"\) \+ \$undefinedFn\(\)' specified for the field 'Output\/n' threw an error during evaluation\. /);
  });
});
