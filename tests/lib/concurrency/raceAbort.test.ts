import { raceAbort } from '../../../lib/concurrency/raceAbort';

/** A promise the test settles by hand. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('raceAbort', () => {
  it('settles with the work when the signal does not abort', async () => {
    const failing = raceAbort(Promise.reject(new Error('the work failed')), new AbortController().signal);

    await expect(raceAbort(async () => 'done', new AbortController().signal)).resolves.toBe('done');
    await expect(failing).rejects.toThrow('the work failed');
  });

  it('rejects with the signal\'s reason as soon as it aborts, before the work ends', async () => {
    const work = deferred<string>();
    const controller = new AbortController();
    const racing = raceAbort(work.promise, controller.signal);

    controller.abort(new Error('the task is gone'));

    await expect(racing).rejects.toThrow('the task is gone');
  });

  it('rejects with the caller\'s error when given one', async () => {
    const controller = new AbortController();
    const racing = raceAbort(deferred<string>().promise, controller.signal, { abortError: () => Object.assign(new Error('Request aborted'), { name: 'AbortError' }) });

    controller.abort(new Error('ignored'));

    await expect(racing).rejects.toMatchObject({ name: 'AbortError', message: 'Request aborted' });
  });

  it('does not call a work function when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('shutdown'));
    const work = jest.fn(async () => 'sent');

    await expect(raceAbort(work, controller.signal)).rejects.toThrow('shutdown');
    expect(work).not.toHaveBeenCalled();
  });

  it('hands the abandoned work on, so a result that still comes can be used', async () => {
    const work = deferred<string[]>();
    const controller = new AbortController();
    const late: string[][] = [];
    const racing = raceAbort(work.promise, controller.signal, { onAbandoned: (abandoned) => void abandoned.then((value) => late.push(value)) });

    controller.abort(new Error('polling stopped'));
    await expect(racing).rejects.toThrow('polling stopped');
    work.resolve(['m-1', 'm-2']);
    await work.promise;

    expect(late).toEqual([['m-1', 'm-2']]);
  });

  it('swallows the abandoned work\'s late rejection and lets go of the signal', async () => {
    const work = deferred<string>();
    const controller = new AbortController();
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    const racing = raceAbort(work.promise, controller.signal);

    controller.abort(new Error('gone'));
    await expect(racing).rejects.toThrow('gone');
    work.reject(new Error('late failure'));
    await new Promise((resolve) => setImmediate(resolve));

    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('removes its abort listener once the work settles', async () => {
    const controller = new AbortController();
    const removed = jest.spyOn(controller.signal, 'removeEventListener');

    await raceAbort(Promise.resolve(1), controller.signal);

    expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});
