import { storedEvent } from '../../../../../local/stepfunctions/engine/history/HistoryEvent';
import { engineHarness, eventTypes, outputOf, settle } from '../engineHarness';

function waitMachine(wait: object, queryLanguage: 'JSONPath' | 'JSONata' = 'JSONPath'): object {
  return { QueryLanguage: queryLanguage, StartAt: 'W', States: { W: { Type: 'Wait', ...wait, Next: 'After' }, After: { Type: 'Pass', End: true } } };
}

describe('Wait', () => {
  it('waits Seconds on the clock, then hands its input on', async () => {
    const harness = engineHarness();
    const execution = harness.start(waitMachine({ Seconds: 30 }), { order: 1 });
    await settle(harness.clock);

    const pending = harness.clock.pendingDelays();
    await harness.clock.advance(29_999);
    const before = execution.status;
    await harness.clock.advance(1);

    expect(pending).toEqual([30_000]);
    expect(before).toBe('RUNNING');
    expect(outputOf(execution)).toEqual({ order: 1 });
    expect(eventTypes(execution)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('waits until Timestamp, and not at all for a time in the past', async () => {
    const harness = engineHarness();
    const future = new Date(harness.clock.now() + 90_000).toISOString();

    harness.start(waitMachine({ Timestamp: future }));
    const past = harness.start(waitMachine({ Timestamp: '2016-03-14T01:59:00Z' }));
    await settle(harness.clock);

    expect(harness.clock.pendingDelays()).toEqual([90_000]);
    expect(past.status).toBe('SUCCEEDED');
  });

  it('reads SecondsPath and TimestampPath from the input and from variables', async () => {
    const harness = engineHarness();
    const definition = {
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { until: '2016-03-14T01:59:00Z' }, Next: 'Seconds' },
        Seconds: { Type: 'Wait', SecondsPath: '$.delay', Next: 'Until' },
        Until: { Type: 'Wait', TimestampPath: '$until', End: true },
      },
    };

    const execution = harness.start(definition, { delay: 5 });
    await settle(harness.clock);
    const pending = harness.clock.pendingDelays();
    await harness.clock.advance(5000);

    expect(pending).toEqual([5000]);
    expect(execution.status).toBe('SUCCEEDED');
  });

  it.each([
    [{ delay: 1.5 }, 'The SecondsPath parameter cannot be parsed as a long value: $.delay == 1.5'],
    [{ delay: -1 }, 'The SecondsPath parameter references a negative value: $.delay == -1'],
    [{}, 'The SecondsPath parameter references an invalid value: $.delay'],
  ])('fails with States.Runtime when SecondsPath reads %j', async (input, message) => {
    const harness = engineHarness();

    const execution = harness.start(waitMachine({ SecondsPath: '$.delay' }), input);
    await settle(harness.clock);

    expect(execution.outcome).toEqual({ status: 'FAILED', error: 'States.Runtime', cause: `An error occurred while executing the state 'W' (entered at the event id #2). ${message}` });
  });

  it('fails with States.Runtime when TimestampPath reads a date that is not ISO-8601', async () => {
    const harness = engineHarness();

    const execution = harness.start(waitMachine({ TimestampPath: '$.at' }), { at: '2016-12-05 21:29:29Z' });
    await settle(harness.clock);

    expect(execution.outcome).toEqual({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: "An error occurred while executing the state 'W' (entered at the event id #2). The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.at == 2016-12-05 21:29:29Z",
    });
  });

  it('evaluates JSONata Seconds and Timestamp, and fails with States.QueryEvaluationError on a bad timestamp', async () => {
    const harness = engineHarness();

    harness.start(waitMachine({ Seconds: '{% $states.input.delay * 2 %}' }, 'JSONata'), { delay: 4 });
    const bad = harness.start(waitMachine({ Timestamp: '{% $states.input.at %}' }, 'JSONata'), { at: '2016-12-05T25:29:29Z' });
    await settle(harness.clock);

    expect(harness.clock.pendingDelays()).toEqual([8000]);
    expect(bad.outcome).toEqual({
      status: 'FAILED',
      error: 'States.QueryEvaluationError',
      cause: "An error occurred while executing the state 'W' (entered at the event id #2). The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: 2016-12-05T25:29:29Z",
    });
    expect(eventTypes(bad)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'EvaluationFailed', 'ExecutionFailed']);
  });

  it('assigns variables when it exits, and its Output replaces the input (JSONata)', async () => {
    const harness = engineHarness();
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 0, Assign: { waited: true }, Output: { was: '{% $states.input %}' }, Next: 'After' }, After: { Type: 'Pass', Output: { waited: '{% $waited %}', input: '{% $states.input %}' }, End: true } },
    };

    const execution = harness.start(definition, { n: 1 });
    await settle(harness.clock);

    expect(outputOf(execution)).toEqual({ waited: true, input: { was: { n: 1 } } });
  });

  it('counts what had passed in AWS time when it resumes after a restart on a scaled clock', async () => {
    // At time scale 0.01, 1 s of real time is 100 s of AWS time: a 60 s wait entered 1 s (real) before the restart is over.
    const harness = engineHarness([], { timeScale: 0.01 });
    const definition = waitMachine({ Seconds: 60 });
    const entered = harness.clock.now() - 1000;
    const events = [
      storedEvent({ id: 1, previousEventId: 0, timestamp: entered, type: 'ExecutionStarted', details: { input: '{}', roleArn: 'r' } }),
      storedEvent({ id: 2, previousEventId: 0, timestamp: entered, type: 'WaitStateEntered', details: { name: 'W', input: '{}' }, extra: { top: true } }),
    ];

    const execution = harness.restore(definition, events);
    await settle(harness.clock);

    expect(execution.status).toBe('SUCCEEDED');
  });

  it('keeps the rest of its wait, in AWS time, when it resumes after a restart on a scaled clock', async () => {
    const harness = engineHarness([], { timeScale: 0.01 });
    const definition = waitMachine({ Seconds: 600 });
    const entered = harness.clock.now() - 1000;
    const events = [
      storedEvent({ id: 1, previousEventId: 0, timestamp: entered, type: 'ExecutionStarted', details: { input: '{}', roleArn: 'r' } }),
      storedEvent({ id: 2, previousEventId: 0, timestamp: entered, type: 'WaitStateEntered', details: { name: 'W', input: '{}' }, extra: { top: true } }),
    ];

    const execution = harness.restore(definition, events);
    await settle(harness.clock);

    // 600 s of AWS time less the 100 s that passed, at 0.01: 5 s of real time.
    expect(harness.clock.pendingDelays()).toEqual([5000]);
    expect(execution.status).toBe('RUNNING');
  });
});
