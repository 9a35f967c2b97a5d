import { StatesError } from '../../../../local/stepfunctions/errors/StatesError';
import { engineHarness, eventTypes, settle } from './engineHarness';

const TASK = 'arn:aws:lambda:us-east-1:000000000000:function:f';

/** A task answer that never comes (the task is still running when the execution ends). */
const never = (): Promise<unknown> => new Promise(() => undefined);

/**
 * A reader that sees an execution ended (DescribeExecution) must find its whole history: the
 * terminal event is the last one, whatever the flows still unwinding do afterwards.
 */
describe('the end of a history', () => {
  it('ends with ExecutionAborted when the execution is stopped inside a Task', async () => {
    const harness = engineHarness([never]);
    const execution = harness.start({ StartAt: 'T', States: { T: { Type: 'Task', Resource: TASK, End: true } } });
    await settle(harness.clock);

    execution.stop('Ops.Stopped', 'by hand');
    await settle(harness.clock);

    expect(eventTypes(execution)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'ExecutionAborted']);
  });

  it('ends with ExecutionTimedOut when TimeoutSeconds passes inside a Task of a Parallel branch', async () => {
    const harness = engineHarness([never]);
    const execution = harness.start({
      TimeoutSeconds: 5,
      StartAt: 'P',
      States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'T', States: { T: { Type: 'Task', Resource: TASK, End: true } } }], End: true } },
    });
    await settle(harness.clock);

    await harness.clock.advance(5000);

    expect(execution.outcome).toEqual({ status: 'TIMED_OUT', error: 'States.Timeout', cause: '' });
    expect(eventTypes(execution)).toEqual(['ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'ExecutionTimedOut']);
  });

  it('records what the other branch of a failing Parallel still did before the Parallel fails', async () => {
    const harness = engineHarness([() => Promise.reject(new StatesError('A.Failed', 'branch A failed'))]);
    // Branch B is a chain of JSONata states: it is inside one (a few promise turns long) when branch A fails.
    const chain: Record<string, object> = {};
    for (let i = 0; i < 6; i++) chain[`B${i}`] = { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input %}', ...(i === 5 ? { End: true } : { Next: `B${i + 1}` }) };
    const execution = harness.start({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'A', States: { A: { Type: 'Task', Resource: TASK, End: true } } }, { StartAt: 'B0', States: chain }],
          End: true,
        },
      },
    });

    await settle(harness.clock);

    const types = eventTypes(execution);
    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'A.Failed', cause: 'branch A failed' });
    expect(types.slice(-2)).toEqual(['ParallelStateFailed', 'ExecutionFailed']);
    expect(types.filter((t) => t === 'PassStateExited')).toHaveLength(1);
  });
});
