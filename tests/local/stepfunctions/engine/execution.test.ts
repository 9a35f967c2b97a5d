import { storedEvent } from '../../../../local/stepfunctions/engine/history/HistoryEvent';
import { engineHarness, eventTypes, settle } from './engineHarness';

const WAIT_LONG = { TimeoutSeconds: 60, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } };

describe('an execution', () => {
  it('times out after the state machine TimeoutSeconds with States.Timeout', async () => {
    const harness = engineHarness();
    const execution = harness.start(WAIT_LONG);
    await settle(harness.clock);

    await harness.clock.advance(60_000);

    expect(execution.outcome).toEqual({ status: 'TIMED_OUT', error: 'States.Timeout', cause: '' });
    expect(eventTypes(execution)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionTimedOut']);
  });

  it('counts its TimeoutSeconds from its start in AWS time when it resumes after a restart on a scaled clock', async () => {
    // At time scale 0.01 the 0.3 s of real time before the restart were 30 s of AWS time: 30 s of the 60 are left, 0.3 s of real time.
    const harness = engineHarness([], { timeScale: 0.01 });
    const started = harness.clock.now() - 300;
    const events = [
      storedEvent({ id: 1, previousEventId: 0, timestamp: started, type: 'ExecutionStarted', details: { input: '{}', roleArn: 'r' } }),
      storedEvent({ id: 2, previousEventId: 0, timestamp: started, type: 'WaitStateEntered', details: { name: 'W', input: '{}' }, extra: { top: true } }),
    ];

    harness.restore(WAIT_LONG, events);
    await settle(harness.clock);

    expect(harness.clock.pendingDelays()).toEqual([300, 35_700]);
  });
});
