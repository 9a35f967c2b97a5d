import { FakeClock } from '../../../local/clock/FakeClock';
import { Semaphore } from '../../../adapter-container/worker/Semaphore';
import { TokenBucket } from '../../../adapter-container/worker/TokenBucket';

describe('Semaphore', () => {
  it('grants permits up to its size and the next one when a holder releases', async () => {
    const semaphore = new Semaphore(2);
    const order: string[] = [];
    const a = await semaphore.acquire();
    await semaphore.acquire();
    const third = semaphore.acquire().then((release) => {
      order.push('third');
      return release;
    });
    await Promise.resolve();
    order.push(`waiting=${semaphore.waiting}`);

    a();
    a();
    await third;

    expect(order).toEqual(['waiting=1', 'third']);
    expect(semaphore.inUse).toBe(2);
  });

  it('drops a waiter whose signal aborts, without taking a permit', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);

    controller.abort(new Error('gone'));

    await expect(waiting).rejects.toThrow('gone');
    release();
    expect([semaphore.inUse, semaphore.waiting]).toEqual([0, 0]);
  });
});

describe('TokenBucket', () => {
  it('lets a burst through and then one call per 1/rate seconds', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(clock, 2);
    const taken: number[] = [];
    const start = clock.now();
    for (let i = 0; i < 4; i++) void bucket.take().then(() => taken.push(clock.now() - start));

    await clock.advance(2_000);

    expect(taken).toEqual([0, 0, 500, 1_000]);
  });
});
