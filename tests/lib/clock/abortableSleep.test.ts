import { abortableSleep } from '../../../lib/clock/abortableSleep';
import { FakeClock } from '../../../lib/clock/FakeClock';

describe('abortableSleep', () => {
  it('resolves once the clock has moved by the delay', async () => {
    const clock = new FakeClock();
    const events: string[] = [];
    void abortableSleep(clock, 1_000, new AbortController().signal).then(() => events.push('woke'));

    await clock.advance(999);
    events.push('999 ms');
    await clock.advance(1);

    expect(events).toEqual(['999 ms', 'woke']);
  });

  it('rejects with the signal\'s reason as soon as it aborts, and leaves no timer behind', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const sleeping = abortableSleep(clock, 60_000, controller.signal);

    controller.abort(new Error('stopped'));

    await expect(sleeping).rejects.toThrow('stopped');
    expect(clock.pendingDelays()).toEqual([]);
  });

  it('rejects with the caller\'s error when given one', async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(new FakeClock(), 60_000, controller.signal, { abortError: () => new RangeError('the execution was stopped') });

    controller.abort();

    await expect(sleeping).rejects.toEqual(new RangeError('the execution was stopped'));
  });

  it('rejects at once, without a timer, when the signal has already aborted', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    controller.abort(new Error('too late'));

    await expect(abortableSleep(clock, 5_000, controller.signal)).rejects.toThrow('too late');
    expect(clock.pendingDelays()).toEqual([]);
  });

  it('resolves at once for a delay of zero or less, aborted or not', async () => {
    const controller = new AbortController();
    controller.abort();

    await expect(Promise.all([abortableSleep(new FakeClock(), 0, controller.signal), abortableSleep(new FakeClock(), -5, new AbortController().signal)])).resolves.toEqual([undefined, undefined]);
  });
});
