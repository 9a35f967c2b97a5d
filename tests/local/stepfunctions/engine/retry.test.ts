import { StatesError } from '../../../../local/stepfunctions/errors/StatesError';
import { retryDelayMs } from '../../../../local/stepfunctions/engine/retryDelay';
import { engineHarness, eventTypes, settle } from './engineHarness';

const failing = (): Promise<unknown> => Promise.reject(new StatesError('Provider.Transient', 'try again'));

function retryingMachine(retry: object[], catchers: object[] = []): object {
  const call = { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f', Retry: retry, End: true };
  if (catchers.length === 0) return { StartAt: 'Call', States: { Call: call } };
  return { StartAt: 'Call', States: { Call: { ...call, Catch: catchers }, Recover: { Type: 'Pass', End: true } } };
}

describe('retryDelayMs', () => {
  it('grows the interval by the backoff rate and caps it at MaxDelaySeconds', () => {
    const retrier = { ErrorEquals: ['States.ALL'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 5, MaxDelaySeconds: 10 };

    const delays = [0, 1, 2, 3, 4, 5].map((attempt) => retryDelayMs(retrier, attempt, () => 0.5));

    expect(delays).toEqual([2000, 6000, 10000, 10000, 10000, undefined]);
  });

  it('keeps FULL jitter delays between zero and the computed delay', () => {
    const retrier = { ErrorEquals: ['States.ALL'], IntervalSeconds: 4, BackoffRate: 2, JitterStrategy: 'FULL' as const };

    const low = retryDelayMs(retrier, 1, () => 0);
    const mid = retryDelayMs(retrier, 1, () => 0.25);
    const high = retryDelayMs(retrier, 1, () => 0.999);

    expect([low, mid, high]).toEqual([0, 2000, 7992]);
  });

  it('uses the AWS defaults of 1 s, backoff 2 and 3 attempts', () => {
    const delays = [0, 1, 2, 3].map((attempt) => retryDelayMs({ ErrorEquals: ['States.ALL'] }, attempt, () => 0.5));

    expect(delays).toEqual([1000, 2000, 4000, undefined]);
  });
});

describe('Retry and Catch in the engine', () => {
  it('waits each retry delay on the clock before calling again', async () => {
    const harness = engineHarness([failing, failing, () => Promise.resolve({ ok: true })]);
    const execution = harness.start(retryingMachine([{ ErrorEquals: ['Provider.Transient'], IntervalSeconds: 3, BackoffRate: 2, MaxAttempts: 2 }]));
    await settle(harness.clock);

    expect(harness.calls).toHaveLength(1);
    expect(harness.clock.pendingDelays()).toEqual([3000]);
    await harness.clock.advance(3000);
    expect(harness.calls).toHaveLength(2);
    expect(harness.clock.pendingDelays()).toEqual([6000]);
    await harness.clock.advance(6000);

    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.outcome.output).toBe('{"ok":true}');
  });

  it('keeps a separate attempt count per retrier', async () => {
    const other = (): Promise<unknown> => Promise.reject(new StatesError('Other.Error', 'x'));
    const harness = engineHarness([failing, other, failing, other, () => Promise.resolve(1)]);
    const execution = harness.start(
      retryingMachine([
        { ErrorEquals: ['Provider.Transient'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1 },
        { ErrorEquals: ['Other.Error'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1 },
      ]),
    );

    await harness.clock.advance(10_000);

    expect(harness.calls).toHaveLength(5);
    expect(execution.status).toBe('SUCCEEDED');
  });

  it('falls back to Catch once the retries are spent, with the error as output', async () => {
    const harness = engineHarness([failing]);
    const execution = harness.start(
      retryingMachine([{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 1 }], [{ ErrorEquals: ['States.ALL'], Next: 'Recover', ResultPath: '$.error' }]),
      { order: 7 },
    );

    await harness.clock.advance(5000);

    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.outcome.output ?? 'null')).toEqual({ order: 7, error: { Error: 'Provider.Transient', Cause: 'try again' } });
    expect(eventTypes(execution)).toEqual([
      'ExecutionStarted', 'TaskStateEntered',
      'TaskScheduled', 'TaskStarted', 'TaskFailed',
      'TaskScheduled', 'TaskStarted', 'TaskFailed',
      'TaskStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded',
    ]);
  });

  it('does not let States.ALL catch States.Runtime', async () => {
    const harness = engineHarness();
    const execution = harness.start({
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f', InputPath: '$.missing',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }], End: true,
        },
        Recover: { Type: 'Pass', End: true },
      },
    });

    await settle(harness.clock);

    expect(execution.status).toBe('FAILED');
    expect(execution.outcome.error).toBe('States.Runtime');
    expect(execution.outcome.cause).toBe("An error occurred while executing the state 'Call' (entered at the event id #2). Invalid path '$.missing' : No results for path: $['missing']");
  });

  it('does not let States.TaskFailed match States.Timeout', async () => {
    const harness = engineHarness([() => new Promise(() => undefined)]);
    const execution = harness.start({
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f', TimeoutSeconds: 5,
          Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Recover' }], End: true,
        },
        Recover: { Type: 'Pass', End: true },
      },
    });

    await harness.clock.advance(5000);

    expect(execution.status).toBe('FAILED');
    expect(execution.outcome.error).toBe('States.Timeout');
    expect(eventTypes(execution)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskTimedOut', 'ExecutionFailed']);
  });
});
