import { Mutex } from '../../../lib/concurrency/Mutex';

describe('Mutex', () => {
  it('lets one holder at a time in, the others in the order they asked', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const run = async (name: string): Promise<void> => {
      const unlock = await mutex.lock();
      log.push(`${name} in`);
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`${name} out`);
      unlock();
    };

    const runs = [run('a'), run('b'), run('c')];
    await Promise.resolve();
    const waiting = mutex.waiting;
    await Promise.all(runs);

    expect(waiting).toBe(2);
    expect(log).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
    expect([mutex.locked, mutex.waiting]).toEqual([false, 0]);
  });

  it('hands the lock on once however often its unlock is called', async () => {
    const mutex = new Mutex();
    const unlock = await mutex.lock();
    const second = mutex.lock();
    const third = mutex.lock();

    unlock();
    unlock();
    await second;

    expect([mutex.locked, mutex.waiting]).toEqual([true, 1]);
    (await second)();
    (await third)();
    expect(mutex.locked).toBe(false);
  });

  it('gives up waiting when the signal aborts, holding nothing', async () => {
    const mutex = new Mutex();
    const unlock = await mutex.lock();
    const controller = new AbortController();
    const waiting = mutex.lock(controller.signal);

    controller.abort(new Error('request cancelled'));

    await expect(waiting).rejects.toThrow('request cancelled');
    unlock();
    expect([mutex.locked, mutex.waiting]).toEqual([false, 0]);
  });
});
