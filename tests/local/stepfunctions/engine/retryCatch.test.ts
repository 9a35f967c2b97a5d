import { parseDefinition } from '../../../../local/stepfunctions/definition/parseDefinition';
import { StatesError } from '../../../../local/stepfunctions/errors/StatesError';
import { engineHarness, eventTypes, outputOf, settle } from './engineHarness';

const RESOURCE = 'arn:aws:lambda:us-east-1:000000000000:function:f';

function failing(error = 'Provider.Transient', cause = 'try again'): () => Promise<unknown> {
  return () => Promise.reject(new StatesError(error, cause));
}

/** A Task with the given Retry and Catch; catchers go to `Recover` (a Pass). */
function taskMachine(fields: Readonly<Record<string, unknown>>): object {
  const call = { Type: 'Task', Resource: RESOURCE, End: true, ...fields };
  return { StartAt: 'Call', States: fields.Catch === undefined ? { Call: call } : { Call: call, Recover: { Type: 'Pass', End: true } } };
}

/** The delays the engine waits between attempts, read off the fake clock one retry at a time. */
async function retryDelays(harness: ReturnType<typeof engineHarness>, retries: number): Promise<number[]> {
  const delays: number[] = [];
  await settle(harness.clock);
  for (let i = 0; i < retries; i++) {
    const [delay] = harness.clock.pendingDelays();
    if (delay === undefined) break;
    delays.push(delay);
    await harness.clock.advance(delay);
  }
  return delays;
}

describe('Retry', () => {
  it('multiplies IntervalSeconds by BackoffRate after each attempt and caps the delay at MaxDelaySeconds', async () => {
    const harness = engineHarness([failing()]);
    const execution = harness.start(taskMachine({ Retry: [{ ErrorEquals: ['Provider.Transient'], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 4, MaxDelaySeconds: 5 }] }));

    const delays = await retryDelays(harness, 5);

    expect(delays).toEqual([2000, 4000, 5000, 5000]);
    expect(harness.calls).toHaveLength(5);
    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'Provider.Transient', cause: 'try again' });
  });

  it('waits a random share of each delay with JitterStrategy FULL, from the injected random source', async () => {
    const harness = engineHarness([failing()], { random: () => 0.25 });
    harness.start(taskMachine({ Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 4, BackoffRate: 2, MaxAttempts: 3, JitterStrategy: 'FULL' }] }));

    const delays = await retryDelays(harness, 3);

    expect(delays).toEqual([1000, 2000, 4000]);
  });

  it('does not retry a retrier with MaxAttempts 0, and falls through to Catch at once', async () => {
    const harness = engineHarness([failing()]);
    const execution = harness.start(taskMachine({ Retry: [{ ErrorEquals: ['Provider.Transient'], MaxAttempts: 0 }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }] }));

    await settle(harness.clock);

    expect(harness.calls).toHaveLength(1);
    expect(harness.clock.pendingDelays()).toEqual([]);
    expect(outputOf(execution)).toEqual({ Error: 'Provider.Transient', Cause: 'try again' });
  });

  it('applies the first retrier whose ErrorEquals matches, not a later States.ALL', async () => {
    const harness = engineHarness([failing(), () => Promise.resolve('done')]);
    harness.start(taskMachine({ Retry: [{ ErrorEquals: ['Provider.Transient'], IntervalSeconds: 7 }, { ErrorEquals: ['States.ALL'], IntervalSeconds: 1 }] }));

    await settle(harness.clock);

    expect(harness.clock.pendingDelays()).toEqual([7000]);
  });

  it('records each attempt as TaskScheduled, TaskStarted, TaskFailed, and counts them in $$.State.RetryCount', async () => {
    const harness = engineHarness([failing(), failing(), () => Promise.resolve('ok')]);
    const execution = harness.start(taskMachine({ Parameters: { 'attempt.$': '$$.State.RetryCount' }, Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, BackoffRate: 1 }] }));

    await harness.clock.advance(2000);

    expect(harness.calls.map((c) => c.parameters)).toEqual([{ attempt: 0 }, { attempt: 1 }, { attempt: 2 }]);
    expect(eventTypes(execution)).toEqual([
      'ExecutionStarted', 'TaskStateEntered',
      'TaskScheduled', 'TaskStarted', 'TaskFailed',
      'TaskScheduled', 'TaskStarted', 'TaskFailed',
      'TaskScheduled', 'TaskStarted', 'TaskSucceeded',
      'TaskStateExited', 'ExecutionSucceeded',
    ]);
  });

  it('lets a retrier for States.TaskFailed retry errors that do not start with States.', async () => {
    const harness = engineHarness([failing('Lambda.ServiceException', 'boom'), () => Promise.resolve(1)]);
    const execution = harness.start(taskMachine({ Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1 }] }));

    await harness.clock.advance(1000);

    expect(execution.outcome).toEqual({ status: 'SUCCEEDED', output: '1' });
  });
});

describe('Catch', () => {
  it('takes the first catcher that matches and puts the error where ResultPath says', async () => {
    const harness = engineHarness([failing('Order.Rejected', 'no stock')]);
    const execution = harness.start(
      taskMachine({
        Catch: [
          { ErrorEquals: ['Order.Late'], Next: 'Recover', ResultPath: '$.late' },
          { ErrorEquals: ['Order.Rejected'], Next: 'Recover', ResultPath: '$.rejected' },
          { ErrorEquals: ['States.ALL'], Next: 'Recover', ResultPath: '$.other' },
        ],
      }),
      { order: 1 },
    );

    await settle(harness.clock);

    expect(outputOf(execution)).toEqual({ order: 1, rejected: { Error: 'Order.Rejected', Cause: 'no stock' } });
  });

  it('discards the error with ResultPath null and keeps the state input', async () => {
    const harness = engineHarness([failing()]);
    const execution = harness.start(taskMachine({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover', ResultPath: null }] }), { order: 2 });

    await settle(harness.clock);

    expect(outputOf(execution)).toEqual({ order: 2 });
  });

  it('builds a JSONata catcher output from $states.errorOutput and assigns variables from it', async () => {
    const harness = engineHarness([failing('Order.Rejected', 'no stock')]);
    const execution = harness.start({
      QueryLanguage: 'JSONata',
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: RESOURCE,
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover', Output: { failed: '{% $states.errorOutput.Error %}', order: '{% $states.input.order %}' }, Assign: { reason: '{% $states.errorOutput.Cause %}' } }],
          End: true,
        },
        Recover: { Type: 'Pass', Output: { output: '{% $states.input %}', reason: '{% $reason %}' }, End: true },
      },
    }, { order: 3 });

    await settle(harness.clock);

    expect(outputOf(execution)).toEqual({ output: { failed: 'Order.Rejected', order: 3 }, reason: 'no stock' });
  });

  it('does not catch States.DataLimitExceeded with States.ALL', async () => {
    const harness = engineHarness([() => Promise.resolve('x'.repeat(256 * 1024))]);
    const execution = harness.start(taskMachine({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }] }));

    await settle(harness.clock);

    expect(execution.outcome).toEqual({
      status: 'FAILED',
      error: 'States.DataLimitExceeded',
      cause: "The state/task 'Call' returned a result with a size exceeding the maximum number of bytes service limit.",
    });
  });
});

describe('the rules a definition must follow for Retry and Catch', () => {
  const reject = (fields: Readonly<Record<string, unknown>>): string => {
    try {
      parseDefinition(JSON.stringify(taskMachine(fields)));
      return 'accepted';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('rejects States.ALL beside other errors in ErrorEquals', () => {
    expect(reject({ Retry: [{ ErrorEquals: ['States.ALL', 'Provider.Transient'] }] })).toBe(
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: 'States.ALL' must appear alone in ErrorEquals at /States/Call/Retry/0/ErrorEquals'",
    );
  });

  it('rejects a States.ALL retrier or catcher that is not the last one', () => {
    const retry = reject({ Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['Provider.Transient'] }] });
    const catchers = reject({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }, { ErrorEquals: ['Provider.Transient'], Next: 'Recover' }] });

    expect([retry, catchers]).toEqual([
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The retrier with 'States.ALL' must be the last one at /States/Call/Retry/0'",
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The catcher with 'States.ALL' must be the last one at /States/Call/Catch/0'",
    ]);
  });

  it('rejects a BackoffRate below 1, a MaxDelaySeconds out of range and an unknown JitterStrategy', () => {
    const answers = [
      reject({ Retry: [{ ErrorEquals: ['X'], BackoffRate: 0.5 }] }),
      reject({ Retry: [{ ErrorEquals: ['X'], MaxDelaySeconds: 0 }] }),
      reject({ Retry: [{ ErrorEquals: ['X'], JitterStrategy: 'HALF' }] }),
    ];

    expect(answers).toEqual([
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'BackoffRate' must be at least 1.0 at /States/Call/Retry/0/BackoffRate'",
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'MaxDelaySeconds' must be an integer from 1 to 31622400 at /States/Call/Retry/0/MaxDelaySeconds'",
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'JitterStrategy' must be FULL or NONE at /States/Call/Retry/0/JitterStrategy'",
    ]);
  });

  it('accepts States.ALL alone in the last retrier and catcher, and MaxAttempts 0', () => {
    expect(reject({ Retry: [{ ErrorEquals: ['X'], MaxAttempts: 0 }, { ErrorEquals: ['States.ALL'] }], Catch: [{ ErrorEquals: ['X'], Next: 'Recover' }, { ErrorEquals: ['States.ALL'], Next: 'Recover' }] })).toBe('accepted');
  });
});
