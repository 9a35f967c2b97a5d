import pino from 'pino';
import { FakeClock } from '../../../lib/clock/FakeClock';
import { OutboxRelayLoop } from '../../../local/app/OutboxRelayLoop';

describe('OutboxRelayLoop', () => {
  const logger = pino({ level: 'silent' });

  it('runs the relay once per interval, never two runs at once', async () => {
    const clock = new FakeClock();
    const started: number[] = [];
    let finish: () => void = () => undefined;
    const loop = OutboxRelayLoop.start({ clock, intervalMs: 1000, logger, run: () => new Promise<void>((resolve) => { started.push(clock.now()); finish = resolve; }) });
    const t0 = clock.now();

    await clock.advance(999);
    expect(started).toEqual([]);
    await clock.advance(1);
    expect(started).toEqual([t0 + 1000]);
    // The run takes 5 s: no second run starts meanwhile; the next comes one interval after it ends.
    await clock.advance(5000);
    expect(started).toEqual([t0 + 1000]);
    finish();
    await clock.advance(1000);
    expect(started).toEqual([t0 + 1000, t0 + 7000]);
    finish();
    await loop.stop();
  });

  it('keeps running after a failed run', async () => {
    const clock = new FakeClock();
    let runs = 0;
    const loop = OutboxRelayLoop.start({ clock, intervalMs: 100, logger, run: async () => { runs++; throw new Error('Data API down'); } });

    await clock.advance(300);

    expect(runs).toBe(3);
    await loop.stop();
  });

  it('stops once the run in flight has finished, and schedules no other', async () => {
    const clock = new FakeClock();
    let finish: () => void = () => undefined;
    let runs = 0;
    const loop = OutboxRelayLoop.start({ clock, intervalMs: 100, logger, run: () => new Promise<void>((resolve) => { runs++; finish = resolve; }) });
    await clock.advance(100);

    const stopped = loop.stop();
    expect(loop.state).toBe('STOPPING');
    finish();
    await stopped;
    await clock.advance(1000);

    expect(loop.state).toBe('STOPPED');
    expect(runs).toBe(1);
    expect(clock.pendingDelays()).toEqual([]);
  });
});
