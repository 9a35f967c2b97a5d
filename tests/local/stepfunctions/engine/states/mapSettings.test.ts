import { StatesError } from '../../../../../local/stepfunctions/errors/StatesError';
import { engineHarness, servedHistory, settle } from '../engineHarness';

const ITEM = { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:item', End: true };

/** A Map over $.Values whose iterations call a task; `fields` adds MaxConcurrency(Path), ToleratedFailure*(Path). */
function mapMachine(fields: object, options: { mode?: 'INLINE' | 'DISTRIBUTED'; assign?: object; jsonata?: boolean } = {}): object {
  const processor = { ProcessorConfig: { Mode: options.mode ?? 'INLINE', ...(options.mode === 'DISTRIBUTED' ? { ExecutionType: 'STANDARD' } : {}) }, StartAt: 'Item', States: { Item: ITEM } };
  const map = options.jsonata === true ? { Type: 'Map', Items: '{% $states.input.Values %}', ItemProcessor: processor, End: true, ...fields } : { Type: 'Map', ItemsPath: '$.Values', ItemProcessor: processor, End: true, ...fields };
  return {
    ...(options.jsonata === true ? { QueryLanguage: 'JSONata' } : {}),
    StartAt: 'Start',
    States: { Start: { Type: 'Pass', ...(options.assign === undefined ? {} : { Assign: options.assign }), Next: 'MapState' }, MapState: map },
  };
}

/** Task answers that never settle, so the test can count the iterations running at once. */
const pending = (): Promise<unknown> => new Promise(() => undefined);

const failingItem = (): Promise<unknown> => Promise.reject(new StatesError('Item.Failed', 'bad item'));

describe('Map settings read from paths', () => {
  it('takes MaxConcurrencyPath from a variable holding an integer as a string, as AWS does', async () => {
    const harness = engineHarness([pending]);

    harness.start(mapMachine({ MaxConcurrencyPath: '$maxConcurrency' }, { assign: { maxConcurrency: '1' } }), { Values: [1, 2, 3] });
    await settle(harness.clock);

    expect(harness.calls).toHaveLength(1);
  });

  it('runs every iteration at once with MaxConcurrencyPath at 0', async () => {
    const harness = engineHarness([pending]);

    harness.start(mapMachine({ MaxConcurrencyPath: '$.limit' }), { Values: [1, 2, 3], limit: 0 });
    await settle(harness.clock);

    expect(harness.calls).toHaveLength(3);
  });

  it.each([
    ['a string that is not a number', 'x', 'The MaxConcurrencyPath field refers to value "x" which is not a valid integer: $maxConcurrency'],
    ['a fraction', 1.5, 'The MaxConcurrencyPath field refers to value "1.5" which is not a valid integer: $maxConcurrency'],
    ['a negative integer', -1, "Expected non-negative integer for MaxConcurrency, got '-1' instead."],
    ['a negative integer as a string', '-2', "Expected non-negative integer for MaxConcurrency, got '-2' instead."],
  ])('fails with States.Runtime when MaxConcurrencyPath refers to %s', async (_what, value, message) => {
    const harness = engineHarness();

    const execution = harness.start(mapMachine({ MaxConcurrencyPath: '$maxConcurrency' }, { assign: { maxConcurrency: value } }), { Values: [1] });
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'States.Runtime', cause: `An error occurred while executing the state 'MapState' (entered at the event id #4). ${message}` });
  });

  it('takes ToleratedFailureCountPath and ToleratedFailurePercentagePath from variables holding numbers as strings', async () => {
    const harness = engineHarness([() => Promise.resolve('ok'), failingItem, () => Promise.resolve('ok')]);
    const machine = mapMachine(
      { MaxConcurrency: 1, ToleratedFailureCountPath: '$toleratedFailureCount', ToleratedFailurePercentagePath: '$toleratedFailurePercentage' },
      { mode: 'DISTRIBUTED', assign: { toleratedFailureCount: '1', toleratedFailurePercentage: '1' } },
    );

    const execution = harness.start(machine, { Values: [1, 2, 3] });
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'SUCCEEDED', output: '["ok",null,"ok"]' });
    expect(servedHistory(execution).map((e) => e.type)).toEqual([
      'ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded',
    ]);
  });

  it.each([
    [{ ToleratedFailureCountPath: '$v' }, 'x', 'The ToleratedFailureCountPath field refers to value "x" which is not a valid integer: $v'],
    [{ ToleratedFailureCountPath: '$v' }, '-1', 'ToleratedFailureCount cannot be negative.'],
    [{ ToleratedFailurePercentagePath: '$v' }, 'x', 'The ToleratedFailurePercentagePath field refers to value "x" which is not a valid float: $v'],
    [{ ToleratedFailurePercentagePath: '$v' }, '100.5', 'ToleratedFailurePercentage must be between 0 and 100.'],
  ])('fails with States.Runtime on %o referring to %j', async (fields, value, message) => {
    const harness = engineHarness();

    const execution = harness.start(mapMachine(fields, { mode: 'DISTRIBUTED', assign: { v: value } }), { Values: [1] });
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'States.Runtime', cause: `An error occurred while executing the state 'MapState' (entered at the event id #4). ${message}` });
  });
});

describe('Map settings as JSONata expressions', () => {
  it('evaluates MaxConcurrency from an expression', async () => {
    const harness = engineHarness([pending]);

    harness.start(mapMachine({ MaxConcurrency: '{% $states.input.limit %}' }, { jsonata: true }), { Values: [1, 2, 3], limit: 2 });
    await settle(harness.clock);

    expect(harness.calls).toHaveLength(2);
  });

  it('tolerates the failures ToleratedFailureCount and ToleratedFailurePercentage expressions allow', async () => {
    const harness = engineHarness([failingItem, () => Promise.resolve('ok')]);
    const machine = mapMachine({ MaxConcurrency: 1, ToleratedFailureCount: '{% $states.input.count %}', ToleratedFailurePercentage: '{% $states.input.percent %}' }, { mode: 'DISTRIBUTED', jsonata: true });

    const execution = harness.start(machine, { Values: [1, 2], count: 1, percent: 0 });
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'SUCCEEDED', output: '[null,"ok"]' });
  });

  it('fails with States.ExceedToleratedFailureThreshold past what the expressions allow', async () => {
    const harness = engineHarness([failingItem, () => Promise.resolve('ok')]);
    const machine = mapMachine({ MaxConcurrency: 1, ToleratedFailureCount: '{% $states.input.count %}' }, { mode: 'DISTRIBUTED', jsonata: true });

    const execution = harness.start(machine, { Values: [1, 2], count: 0 });
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold', cause: 'The specified tolerated failure threshold was exceeded' });
  });

  it.each([
    ['MaxConcurrency', '{% "two" %}', "The JSONata expression '\"two\"' specified for the field 'MaxConcurrency' returned an unexpected result type. Expected 'integer', but was 'string' for value: \"two\""],
    ['MaxConcurrency', '{% 1.5 %}', "The JSONata expression '1.5' specified for the field 'MaxConcurrency' returned an unexpected result type. Expected 'integer', but was 'number' for value: 1.5"],
    ['ToleratedFailureCount', '{% [1] %}', "The JSONata expression '[1]' specified for the field 'ToleratedFailureCount' returned an unexpected result type. Expected 'integer', but was 'array' for value: [1]"],
    ['ToleratedFailurePercentage', '{% null %}', "The JSONata expression 'null' specified for the field 'ToleratedFailurePercentage' returned an unexpected result type. Expected 'number', but was 'null' for value: null"],
  ])('fails with States.QueryEvaluationError when %s evaluates to the wrong type', async (field, expression, message) => {
    const harness = engineHarness();

    const execution = harness.start(mapMachine({ [field]: expression }, { mode: 'DISTRIBUTED', jsonata: true }), { Values: [1] });
    await settle(harness.clock);

    const cause = `An error occurred while executing the state 'MapState' (entered at the event id #4). ${message}`;
    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'States.QueryEvaluationError', cause });
    expect(servedHistory(execution).find((e) => e.type === 'EvaluationFailed')?.evaluationFailedEventDetails).toEqual({ error: 'States.QueryEvaluationError', cause, location: field, state: 'MapState' });
  });

  it.each([
    ['MaxConcurrency', '{% -1 %}', "Expected non-negative integer for MaxConcurrency, got '-1' instead."],
    ['ToleratedFailureCount', '{% -1 %}', 'ToleratedFailureCount cannot be negative.'],
    ['ToleratedFailurePercentage', '{% 101 %}', 'ToleratedFailurePercentage must be between 0 and 100.'],
  ])('fails with States.Runtime when %s evaluates out of range', async (field, expression, message) => {
    const harness = engineHarness();

    const execution = harness.start(mapMachine({ [field]: expression }, { mode: 'DISTRIBUTED', jsonata: true }), { Values: [1] });
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'States.Runtime', cause: `An error occurred while executing the state 'MapState' (entered at the event id #4). ${message}` });
  });
});
