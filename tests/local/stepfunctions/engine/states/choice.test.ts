import { engineHarness, eventTypes, outputOf, settle } from '../engineHarness';

/** A Choice on `rule` going to Yes, else to No; the output says which. */
function choiceMachine(rule: object): object {
  return {
    StartAt: 'C',
    States: {
      C: { Type: 'Choice', Choices: [{ ...rule, Next: 'Yes' }], Default: 'No' },
      Yes: { Type: 'Pass', Result: 'yes', End: true },
      No: { Type: 'Pass', Result: 'no', End: true },
    },
  };
}

async function decide(rule: object, input: unknown): Promise<unknown> {
  const harness = engineHarness();
  const execution = harness.start(choiceMachine(rule), input);
  await settle(harness.clock);
  return outputOf(execution);
}

describe('Choice', () => {
  it.each([
    [{ Variable: '$.s', StringEquals: 'a' }, { s: 'a' }, 'yes'],
    [{ Variable: '$.s', StringEquals: 'a' }, { s: 1 }, 'no'],
    [{ Variable: '$.s', StringLessThan: 'b' }, { s: 'a' }, 'yes'],
    [{ Variable: '$.s', StringMatches: 'log-*.txt' }, { s: 'log-2026.txt' }, 'yes'],
    [{ Variable: '$.s', StringMatches: 'a\\*b' }, { s: 'a*b' }, 'yes'],
    [{ Variable: '$.s', StringMatches: 'a\\*b' }, { s: 'axxb' }, 'no'],
    [{ Variable: '$.n', NumericEquals: 2 }, { n: 2 }, 'yes'],
    [{ Variable: '$.n', NumericGreaterThanEquals: 2 }, { n: 2 }, 'yes'],
    [{ Variable: '$.n', NumericLessThan: 2 }, { n: '1' }, 'no'],
    [{ Variable: '$.n', NumericGreaterThanPath: '$.limit' }, { n: 3, limit: 2 }, 'yes'],
    [{ Variable: '$.b', BooleanEquals: false }, { b: false }, 'yes'],
    [{ Variable: '$.t', TimestampLessThan: '2026-01-02T00:00:00Z' }, { t: '2026-01-01T23:59:59Z' }, 'yes'],
    [{ Variable: '$.t', TimestampEqualsPath: '$.u' }, { t: '2026-01-01T00:00:00Z', u: '2026-01-01T00:00:00.000Z' }, 'yes'],
    [{ Variable: '$.x', IsPresent: false }, {}, 'yes'],
    [{ Variable: '$.x', IsNull: true }, { x: null }, 'yes'],
    [{ Variable: '$.x', IsNumeric: true }, { x: '1' }, 'no'],
    [{ Variable: '$.x', IsTimestamp: true }, { x: '2026-01-01T00:00:00Z' }, 'yes'],
    [{ Variable: '$.missing', StringEquals: 'a' }, {}, 'no'],
    [{ And: [{ Variable: '$.n', NumericGreaterThan: 1 }, { Variable: '$.n', NumericLessThan: 3 }] }, { n: 2 }, 'yes'],
    [{ Or: [{ Variable: '$.n', NumericEquals: 1 }, { Variable: '$.n', NumericEquals: 5 }] }, { n: 2 }, 'no'],
    [{ Not: { Variable: '$.s', StringEquals: 'a' } }, { s: 'b' }, 'yes'],
  ])('decides %j on %j: %s', async (rule, input, expected) => {
    expect(await decide(rule, input)).toBe(expected);
  });

  it('takes the first matching rule, and hands its input on', async () => {
    const harness = engineHarness();
    const execution = harness.start(
      {
        StartAt: 'C',
        States: {
          C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 0, Next: 'First' }, { Variable: '$.n', NumericGreaterThan: 1, Next: 'Second' }] },
          First: { Type: 'Pass', End: true },
          Second: { Type: 'Pass', Result: 'second', End: true },
        },
      },
      { n: 5 },
    );
    await settle(harness.clock);

    expect(outputOf(execution)).toEqual({ n: 5 });
    expect(eventTypes(execution)).toEqual(['ExecutionStarted', 'ChoiceStateEntered', 'ChoiceStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('fails with States.NoChoiceMatched when no rule matches and there is no Default', async () => {
    const harness = engineHarness();
    const execution = harness.start({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'E' }] }, E: { Type: 'Succeed' } } }, { n: 2 });
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'States.NoChoiceMatched', cause: "An error occurred while executing the state 'C' (entered at the event id #2). No Choice Rules matched the input: {\"n\":2}" });
  });

  it('evaluates JSONata Conditions, applies the matching rule\'s Assign and Output, and rejects a non-boolean condition', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $states.input.n > 1 %}', Assign: { seen: '{% $states.input.n %}' }, Output: { big: true }, Next: 'Done' }],
          Default: 'Done',
        },
        Done: { Type: 'Pass', Output: { input: '{% $states.input %}', seen: '{% $exists($seen) ? $seen : null %}' }, End: true },
      },
    };
    const harness = engineHarness();

    const big = harness.start(definition, { n: 2 });
    const small = harness.start(definition, { n: 1 });
    const wrong = harness.start({ ...definition, States: { ...definition.States, C: { ...definition.States.C, Choices: [{ Condition: '{% $states.input.n %}', Next: 'Done' }] } } }, { n: 1 });
    await settle(harness.clock);

    expect(outputOf(big)).toEqual({ input: { big: true }, seen: 2 });
    expect(outputOf(small)).toEqual({ input: { n: 1 }, seen: null });
    expect(wrong.outcome).toEqual({
      status: 'FAILED',
      error: 'States.QueryEvaluationError',
      cause: "An error occurred while executing the state 'C' (entered at the event id #2). The JSONata expression '$states.input.n' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was 'number' for value: 1",
    });
  });
});
