import { engineHarness, outputOf, servedHistory, settle } from '../engineHarness';

function passMachine(pass: object, queryLanguage: 'JSONPath' | 'JSONata' = 'JSONPath'): object {
  return { QueryLanguage: queryLanguage, StartAt: 'P', States: { P: { Type: 'Pass', ...pass, End: true } } };
}

async function run(definition: object, input: unknown = {}): Promise<unknown> {
  const harness = engineHarness();
  const execution = harness.start(definition, input);
  await settle(harness.clock);
  return execution.status === 'SUCCEEDED' ? outputOf(execution) : execution.outcome;
}

describe('Pass', () => {
  it('hands its input on when it has no fields, and records it in and out', async () => {
    const harness = engineHarness();
    const execution = harness.start({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } } }, { n: 1 });
    await settle(harness.clock);

    expect(servedHistory(execution)).toEqual([
      { id: 1, previousEventId: 0, type: 'ExecutionStarted', executionStartedEventDetails: { input: '{"n":1}', inputDetails: { truncated: false }, roleArn: 'arn:aws:iam::000000000000:role/sfn' } },
      { id: 2, previousEventId: 0, type: 'PassStateEntered', stateEnteredEventDetails: { name: 'A', input: '{"n":1}', inputDetails: { truncated: false } } },
      { id: 3, previousEventId: 2, type: 'PassStateExited', stateExitedEventDetails: { name: 'A', output: '{"n":1}', outputDetails: { truncated: false } } },
      { id: 4, previousEventId: 3, type: 'PassStateEntered', stateEnteredEventDetails: { name: 'B', input: '{"n":1}', inputDetails: { truncated: false } } },
      { id: 5, previousEventId: 4, type: 'PassStateExited', stateExitedEventDetails: { name: 'B', output: '{"n":1}', outputDetails: { truncated: false } } },
      { id: 6, previousEventId: 5, type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: '{"n":1}', outputDetails: { truncated: false } } },
    ]);
  });

  it('outputs Result in place of its input', async () => {
    expect(await run(passMachine({ Result: { fixed: [1, 2] } }), { n: 1 })).toEqual({ fixed: [1, 2] });
  });

  it('puts Result where ResultPath says, keeping the input', async () => {
    expect(await run(passMachine({ Result: 'x', ResultPath: '$.deep.value' }), { n: 1, deep: { other: true } })).toEqual({ n: 1, deep: { other: true, value: 'x' } });
  });

  it('builds Parameters from the input, the context object and intrinsic functions', async () => {
    const output = await run(
      passMachine({ Parameters: { 'id.$': '$.id', 'execution.$': '$$.Execution.Name', 'state.$': '$$.State.Name', 'label.$': "States.Format('order {}', $.id)", fixed: { 'not.evaluated': '$.id' } } }),
      { id: 7 },
    );

    expect(output).toEqual({ id: 7, execution: 'run-1', state: 'P', label: 'order 7', fixed: { 'not.evaluated': '$.id' } });
  });

  it('applies InputPath before Parameters and OutputPath last', async () => {
    expect(await run(passMachine({ InputPath: '$.order', Parameters: { 'id.$': '$.id' }, ResultPath: '$.picked', OutputPath: '$.picked' }), { order: { id: 3, lines: [] } })).toEqual({ id: 3 });
  });

  it('keeps its input with ResultPath null and outputs {} with OutputPath null', async () => {
    expect(await run(passMachine({ Result: 'ignored', ResultPath: null }), { n: 1 })).toEqual({ n: 1 });
    expect(await run(passMachine({ OutputPath: null }), { n: 1 })).toEqual({});
  });

  it('outputs its input, or its JSONata Output, in a JSONata state', async () => {
    expect(await run(passMachine({}, 'JSONata'), { n: 1 })).toEqual({ n: 1 });
    expect(await run(passMachine({ Output: { doubled: '{% $states.input.n * 2 %}', name: '{% $states.context.State.Name %}' } }, 'JSONata'), { n: 4 })).toEqual({ doubled: 8, name: 'P' });
  });

  it('records the variables it assigns on its exit event, as JSON texts', async () => {
    const harness = engineHarness();
    const execution = harness.start(passMachine({ Assign: { 'id.$': '$.id', list: [1, 'a'] } }), { id: 'o-1' });
    await settle(harness.clock);

    expect(servedHistory(execution)[2]).toEqual({
      id: 3,
      previousEventId: 2,
      type: 'PassStateExited',
      stateExitedEventDetails: { name: 'P', output: '{"id":"o-1"}', outputDetails: { truncated: false }, assignedVariables: { id: '"o-1"', list: '[1,"a"]' }, assignedVariablesDetails: { truncated: false } },
    });
  });
});
