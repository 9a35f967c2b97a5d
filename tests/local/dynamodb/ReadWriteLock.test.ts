import { ReadWriteLock } from '../../../local/dynamodb/ReadWriteLock';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ReadWriteLock', () => {
  it('lets readers run together', async () => {
    const lock = new ReadWriteLock();
    const gate = deferred();
    let inside = 0;
    let most = 0;
    const reader = (): Promise<void> => lock.read(async () => {
      inside++;
      most = Math.max(most, inside);
      await gate.promise;
      inside--;
    });

    const readers = [reader(), reader(), reader()];
    await new Promise((resolve) => setImmediate(resolve));
    gate.resolve();
    await Promise.all(readers);

    expect(most).toBe(3);
  });

  it('runs a writer alone, after the readers before it and before the readers after it', async () => {
    const lock = new ReadWriteLock();
    const gate = deferred();
    const events: string[] = [];

    const first = lock.read(async () => {
      events.push('read-1 start');
      await gate.promise;
      events.push('read-1 end');
    });
    const writer = lock.write(async () => {
      events.push('write');
    });
    const second = lock.read(async () => {
      events.push('read-2');
    });
    await new Promise((resolve) => setImmediate(resolve));
    gate.resolve();
    await Promise.all([first, writer, second]);

    expect(events).toEqual(['read-1 start', 'read-1 end', 'write', 'read-2']);
  });

  it('releases the lock when the holder throws', async () => {
    const lock = new ReadWriteLock();

    await expect(lock.write(async () => {
      throw new Error('boom');
    })).rejects.toThrow('boom');
    const after = await lock.write(async () => 'free');

    expect(after).toBe('free');
  });
});
