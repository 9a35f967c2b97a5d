import { StatesError } from '../../../../../local/stepfunctions/errors/StatesError';
import { engineHarness, eventTypes, outputOf, settle } from '../engineHarness';

const RESOURCE = 'arn:aws:lambda:us-east-1:000000000000:function:f';

function inlineMap(fields: object, processor: Record<string, object> = { Item: { Type: 'Pass', End: true } }): object {
  return { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: Object.keys(processor)[0], States: processor }, End: true, ...fields } } };
}

function distributedMap(fields: object, processor: Record<string, object> = { Item: { Type: 'Pass', End: true } }): object {
  return { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: Object.keys(processor)[0], States: processor }, End: true, ...fields } } };
}

describe('Map (INLINE)', () => {
  it('runs its processor once per item of ItemsPath, one at a time with MaxConcurrency 1, and outputs the results in item order', async () => {
    const harness = engineHarness();
    const execution = harness.start(inlineMap({ ItemsPath: '$.items', MaxConcurrency: 1 }, { Double: { Type: 'Pass', Parameters: { 'v.$': 'States.MathAdd($.n, $.n)' }, End: true } }), { items: [{ n: 1 }, { n: 2 }] });
    await settle(harness.clock);

    expect(outputOf(execution)).toEqual([{ v: 2 }, { v: 4 }]);
    expect(eventTypes(execution)).toEqual([
      'ExecutionStarted', 'MapStateEntered', 'MapStateStarted',
      'MapIterationStarted', 'PassStateEntered', 'PassStateExited', 'MapIterationSucceeded',
      'MapIterationStarted', 'PassStateEntered', 'PassStateExited', 'MapIterationSucceeded',
      'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded',
    ]);
    expect(execution.history.all().find((e) => e.type === 'MapStateStarted')?.details).toEqual({ length: 2 });
  });

  it('builds each iteration input with ItemSelector from the item, its index and the state input', async () => {
    const harness = engineHarness();
    const execution = harness.start(inlineMap({ ItemsPath: '$.items', ItemSelector: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'order.$': '$.order' } }), { order: 'o', items: ['a', 'b'] });
    await settle(harness.clock);

    expect(outputOf(execution)).toEqual([{ value: 'a', index: 0, order: 'o' }, { value: 'b', index: 1, order: 'o' }]);
  });

  it('fails with States.QueryEvaluationError when its input is not an array', async () => {
    const harness = engineHarness();
    const execution = harness.start(inlineMap({}), { foo: 'bar' });
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'States.QueryEvaluationError', cause: "An error occurred while executing the state 'M' (entered at the event id #2). Map state input must be an array but was: {\"foo\":\"bar\"}" });
  });

  it('stops at the first failing iteration and fails with its error', async () => {
    const harness = engineHarness([() => Promise.resolve('ok'), () => Promise.reject(new StatesError('Item.Bad', 'item 2')), () => Promise.resolve('ok')]);
    const execution = harness.start(inlineMap({ MaxConcurrency: 1 }, { T: { Type: 'Task', Resource: RESOURCE, End: true } }), [1, 2, 3]);
    await settle(harness.clock);

    expect(harness.calls).toHaveLength(2);
    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'Item.Bad', cause: 'item 2' });
    expect(eventTypes(execution).filter((t) => t.startsWith('MapIteration'))).toEqual(['MapIterationStarted', 'MapIterationSucceeded', 'MapIterationStarted', 'MapIterationFailed']);
    expect(eventTypes(execution).slice(-2)).toEqual(['MapStateFailed', 'ExecutionFailed']);
  });

  it('evaluates JSONata Items and ItemSelector', async () => {
    const harness = engineHarness();
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: '{% $states.input.xs %}',
          ItemSelector: { x: '{% $states.context.Map.Item.Value %}', i: '{% $states.context.Map.Item.Index %}' },
          ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $states.input.x * 10 + $states.input.i %}', End: true } } },
          End: true,
        },
      },
    };

    const execution = harness.start(definition, { xs: [1, 2] });
    await settle(harness.clock);

    expect(outputOf(execution)).toEqual([10, 21]);
  });
});

describe('Map (DISTRIBUTED)', () => {
  it('runs its items as a map run whose iterations are not in the parent history', async () => {
    const harness = engineHarness();
    const execution = harness.start(distributedMap({}), [1, 2, 3]);
    await settle(harness.clock);

    const mapRunArn = (execution.history.all().find((e) => e.type === 'MapRunStarted')?.details as { mapRunArn: string }).mapRunArn;
    expect(outputOf(execution)).toEqual([1, 2, 3]);
    expect(eventTypes(execution)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
    expect(mapRunArn).toMatch(/^arn:aws:states:us-east-1:000000000000:mapRun:sm\/[0-9a-f-]{36}:[0-9a-f-]{36}$/);
  });

  it('names its map run after Label', async () => {
    const harness = engineHarness();
    const execution = harness.start(distributedMap({ Label: 'invoices' }), [1]);
    await settle(harness.clock);

    const mapRunArn = (execution.history.all().find((e) => e.type === 'MapRunStarted')?.details as { mapRunArn: string }).mapRunArn;
    expect(mapRunArn).toMatch(/^arn:aws:states:us-east-1:000000000000:mapRun:sm\/invoices:[0-9a-f-]{36}$/);
  });

  it('groups items with ItemBatcher, adding BatchInput to each batch', async () => {
    const harness = engineHarness();
    const execution = harness.start(distributedMap({ ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'run.$': '$.run' } }, ItemsPath: '$.items' }), { run: 'r1', items: [1, 2, 3] });
    await settle(harness.clock);

    expect(outputOf(execution)).toEqual([{ Items: [1, 2], BatchInput: { run: 'r1' } }, { Items: [3], BatchInput: { run: 'r1' } }]);
  });

  it('tolerates failed items up to ToleratedFailureCount, then fails with States.ExceedToleratedFailureThreshold', async () => {
    const bad = (): Promise<unknown> => Promise.reject(new StatesError('Item.Bad', 'bad item'));
    const tolerated = engineHarness([bad, () => Promise.resolve('ok')]);
    const exceeded = engineHarness([bad, bad, () => Promise.resolve('ok')]);
    const processor = { T: { Type: 'Task', Resource: RESOURCE, End: true } };

    const within = tolerated.start(distributedMap({ MaxConcurrency: 1, ToleratedFailureCount: 1 }, processor), [1, 2, 3]);
    const beyond = exceeded.start(distributedMap({ MaxConcurrency: 1, ToleratedFailureCount: 1 }, processor), [1, 2, 3]);
    await settle(tolerated.clock);
    await settle(exceeded.clock);

    expect(within.outcome).toEqual({ status: 'SUCCEEDED', output: '[null,"ok","ok"]' });
    expect(beyond.outcome).toEqual({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold', cause: 'The specified tolerated failure threshold was exceeded' });
    expect(eventTypes(beyond).slice(-4)).toEqual(['MapRunStarted', 'MapRunFailed', 'MapStateFailed', 'ExecutionFailed']);
  });

  it('tolerates failures up to ToleratedFailurePercentage of the items', async () => {
    const harness = engineHarness([() => Promise.reject(new StatesError('Item.Bad', 'bad')), () => Promise.resolve('ok')]);
    const execution = harness.start(distributedMap({ MaxConcurrency: 1, ToleratedFailurePercentage: 50 }, { T: { Type: 'Task', Resource: RESOURCE, End: true } }), [1, 2]);
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'SUCCEEDED', output: '[null,"ok"]' });
  });
});
