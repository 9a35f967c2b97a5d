import { ScaledClock } from '../../../lib/clock/ScaledClock';

describe('ScaledClock', () => {
  it('fires a timer after its duration times the time scale', async () => {
    const clock = new ScaledClock({ timeScale: 0.01 });
    const started = Date.now();

    await new Promise<void>((resolve) => clock.setTimeout(resolve, 5_000));

    // 5 s of AWS time at 0.01 is 50 ms of real time (timers never fire early; allow a loaded machine).
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(49);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('converts AWS time to real time, never below zero', () => {
    const clock = new ScaledClock({ timeScale: 0.1 });

    expect([clock.toRealMs(20_000), clock.toRealMs(-5)]).toEqual([2_000, 0]);
  });

  it('never fires a cleared timer', async () => {
    const clock = new ScaledClock({ timeScale: 0.001 });
    const fired: string[] = [];
    const handle = clock.setTimeout(() => fired.push('cleared'), 1_000);
    clock.setTimeout(() => fired.push('kept'), 1_000);

    clock.clearTimeout(handle);
    await clock.sleep(20_000);

    expect(fired).toEqual(['kept']);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses time scale %p', (timeScale) => {
    expect(() => new ScaledClock({ timeScale })).toThrow(/^timeScale must be a positive number, got /);
  });
});
