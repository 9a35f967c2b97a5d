import { FakeClock } from '../../../lib/clock/FakeClock';

describe('FakeClock', () => {
  it('moves only when advanced, firing due timers in time order, timers set by them included', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T00:00:00.000Z'));
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => {
      fired.push(`a@${clock.now()}`);
      clock.setTimeout(() => fired.push(`c@${clock.now()}`), 150);
    }, 100);
    const start = clock.now();

    await clock.advance(250);

    expect(fired).toEqual([`a@${start + 100}`, `b@${start + 200}`, `c@${start + 250}`]);
    expect(clock.now()).toBe(start + 250);
  });

  it('lists the pending delays and forgets a cleared timer', () => {
    const clock = new FakeClock();
    const handle = clock.setTimeout(() => undefined, 30);
    clock.setTimeout(() => undefined, 10);

    clock.clearTimeout(handle);

    expect(clock.pendingDelays()).toEqual([10]);
  });
});
