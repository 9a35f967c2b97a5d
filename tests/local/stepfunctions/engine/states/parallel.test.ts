import { StatesError } from '../../../../../local/stepfunctions/errors/StatesError';
import { engineHarness, eventTypes, outputOf, settle } from '../engineHarness';

const RESOURCE = 'arn:aws:lambda:us-east-1:000000000000:function:f';

function branch(states: Record<string, object>, startAt = Object.keys(states)[0] as string): object {
  return { StartAt: startAt, States: states };
}

describe('Parallel', () => {
  it('runs every branch on the same input and outputs their outputs in branch order (AWS records no ParallelStateSucceeded)', async () => {
    const harness = engineHarness();
    const execution = harness.start(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [branch({ A: { Type: 'Pass', Parameters: { 'a.$': '$.n' }, End: true } }), branch({ B: { Type: 'Pass', Result: 'b', End: true } })],
            End: true,
          },
        },
      },
      { n: 1 },
    );
    await settle(harness.clock);

    const types = eventTypes(execution);
    expect(outputOf(execution)).toEqual([{ a: 1 }, 'b']);
    expect(types.slice(0, 3)).toEqual(['ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted']);
    // Branches run side by side: their events interleave in any order.
    expect(types.slice(3, 7).sort()).toEqual(['PassStateEntered', 'PassStateEntered', 'PassStateExited', 'PassStateExited']);
    expect(types.slice(7)).toEqual(['ParallelStateExited', 'ExecutionSucceeded']);
  });

  it('gives each branch the Parameters it builds, and applies ResultSelector and ResultPath to the outputs', async () => {
    const harness = engineHarness();
    const execution = harness.start(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Parameters: { 'order.$': '$.id' },
            Branches: [branch({ A: { Type: 'Pass', End: true } }), branch({ B: { Type: 'Pass', End: true } })],
            ResultSelector: { 'first.$': '$[0].order' },
            ResultPath: '$.parallel',
            End: true,
          },
        },
      },
      { id: 'o-1' },
    );
    await settle(harness.clock);

    expect(outputOf(execution)).toEqual({ id: 'o-1', parallel: { first: 'o-1' } });
  });

  it('fails with the error of the branch that failed first, after recording ParallelStateFailed', async () => {
    const harness = engineHarness();
    const execution = harness.start({
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Branches: [branch({ Ok: { Type: 'Pass', End: true } }), branch({ Bad: { Type: 'Fail', Error: 'Branch.Failed', Cause: 'second branch' } })], End: true },
      },
    });
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'Branch.Failed', cause: 'second branch' });
    expect(eventTypes(execution).slice(-2)).toEqual(['ParallelStateFailed', 'ExecutionFailed']);
  });

  it('retries the whole state and catches what its branches throw', async () => {
    const harness = engineHarness([() => Promise.reject(new StatesError('Flaky', 'once')), () => Promise.reject(new StatesError('Flaky', 'twice'))]);
    const execution = harness.start({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [branch({ T: { Type: 'Task', Resource: RESOURCE, End: true } })],
          Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, MaxAttempts: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recover' }],
          End: true,
        },
        Recover: { Type: 'Pass', End: true },
      },
    }, { n: 1 });

    await harness.clock.advance(1000);

    expect(harness.calls).toHaveLength(2);
    expect(outputOf(execution)).toEqual({ n: 1, error: { Error: 'Flaky', Cause: 'twice' } });
    expect(eventTypes(execution).filter((t) => t === 'ParallelStateStarted')).toHaveLength(2);
  });

  it('lets branches read the variables of the state machine but keeps what they assign to themselves', async () => {
    const harness = engineHarness();
    const execution = harness.start({
      QueryLanguage: 'JSONata',
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { outer: 'o' }, Next: 'P' },
        P: {
          Type: 'Parallel',
          Branches: [branch({ A: { Type: 'Pass', Assign: { inner: 'i' }, Next: 'B' }, B: { Type: 'Pass', Output: '{% $outer & $inner %}', End: true } }, 'A')],
          Next: 'After',
        },
        After: { Type: 'Pass', Output: { results: '{% $states.input %}', innerVisible: '{% $exists($inner) %}' }, End: true },
      },
    });
    await settle(harness.clock);

    expect(outputOf(execution)).toEqual({ results: ['oi'], innerVisible: false });
  });
});
