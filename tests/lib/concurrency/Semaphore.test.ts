import { Semaphore } from '../../../lib/concurrency/Semaphore';

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

  it('serves waiters first come, first served', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const served: string[] = [];
    const waiters = ['first', 'second', 'third'].map((name) => semaphore.acquire().then((next) => {
      served.push(name);
      next();
    }));

    release();
    await Promise.all(waiters);

    expect(served).toEqual(['first', 'second', 'third']);
    expect([semaphore.inUse, semaphore.waiting]).toEqual([0, 0]);
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

  it.each([0, 1.5, -1])('refuses %p permits', (permits) => {
    expect(() => new Semaphore(permits)).toThrow(`permits must be a positive integer, got ${permits}`);
  });
});
