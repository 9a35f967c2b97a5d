import { coalescedRuns } from '../../../local/app/coalescedRuns';

/** A run the test ends by hand, recording the argument it started with. */
function controlledRuns(): { run: (label: string) => Promise<string>; started: string[]; finish: (outcome?: Error) => void } {
  const started: string[] = [];
  const ends: Array<(outcome?: Error) => void> = [];
  const run = (label: string): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      started.push(label);
      ends.push((outcome) => (outcome === undefined ? resolve(`ran ${label}`) : reject(outcome)));
    });
  return { run, started, finish: (outcome) => ends.shift()?.(outcome) };
}

/** Lets every pending promise callback run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('coalescedRuns', () => {
  it('runs a call at once when nothing runs', async () => {
    const { run, started, finish } = controlledRuns();
    const coalesced = coalescedRuns(run);

    const answer = coalesced('a');
    await settle();
    finish();

    await expect(answer).resolves.toBe('ran a');
    expect(started).toEqual(['a']);
  });

  it('makes the calls that arrive during a run share one run after it, with the first waiting call’s argument', async () => {
    const { run, started, finish } = controlledRuns();
    const coalesced = coalescedRuns(run);

    const first = coalesced('a');
    await settle();
    const waiting = ['b', 'c', 'd'].map((label) => coalesced(label));
    await settle();
    expect(started).toEqual(['a']);
    finish();
    await settle();
    expect(started).toEqual(['a', 'b']);
    finish();

    await expect(first).resolves.toBe('ran a');
    await expect(Promise.all(waiting)).resolves.toEqual(['ran b', 'ran b', 'ran b']);
    expect(started).toEqual(['a', 'b']);
  });

  it('starts the waiting run after a failed one, and a call after both runs a new one', async () => {
    const { run, started, finish } = controlledRuns();
    const coalesced = coalescedRuns(run);

    const first = coalesced('a');
    await settle();
    const second = coalesced('b');
    finish(new Error('database down'));
    await expect(first).rejects.toThrow('database down');
    await settle();
    finish();
    await expect(second).resolves.toBe('ran b');
    const third = coalesced('c');
    await settle();
    finish();

    await expect(third).resolves.toBe('ran c');
    expect(started).toEqual(['a', 'b', 'c']);
  });

  it('starts a new waiting run for a call that arrives while the shared run is in flight', async () => {
    const { run, started, finish } = controlledRuns();
    const coalesced = coalescedRuns(run);

    void coalesced('a');
    await settle();
    const shared = coalesced('b');
    finish();
    await settle();
    // 'b' runs now: a call at this point may have written after 'b' began, so it gets a run of its own.
    const later = coalesced('c');
    finish();
    await settle();
    finish();

    await expect(shared).resolves.toBe('ran b');
    await expect(later).resolves.toBe('ran c');
    expect(started).toEqual(['a', 'b', 'c']);
  });

  describe('with minIntervalMs', () => {
    beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
    afterEach(() => jest.useRealTimers());

    it('starts the next run no sooner than the interval after the last one started, and the calls within it share that run', async () => {
      const { run, started, finish } = controlledRuns();
      const coalesced = coalescedRuns(run, { minIntervalMs: 100 });

      const first = coalesced('a');
      await settle();
      finish();
      await expect(first).resolves.toBe('ran a');
      const within = [coalesced('b'), coalesced('c')];
      await jest.advanceTimersByTimeAsync(99);
      expect(started).toEqual(['a']);
      await jest.advanceTimersByTimeAsync(1);
      await settle();
      expect(started).toEqual(['a', 'b']);
      finish();

      await expect(Promise.all(within)).resolves.toEqual(['ran b', 'ran b']);
    });

    it('waits out the interval after a run that ended late, and runs at once when it has passed', async () => {
      const { run, started, finish } = controlledRuns();
      const coalesced = coalescedRuns(run, { minIntervalMs: 100 });

      void coalesced('a');
      await settle();
      await jest.advanceTimersByTimeAsync(60);
      const waiting = coalesced('b');
      finish();
      await jest.advanceTimersByTimeAsync(39);
      expect(started).toEqual(['a']);
      await jest.advanceTimersByTimeAsync(1);
      await settle();
      expect(started).toEqual(['a', 'b']);
      finish();
      await expect(waiting).resolves.toBe('ran b');

      await jest.advanceTimersByTimeAsync(100);
      const later = coalesced('c');
      await settle();
      expect(started).toEqual(['a', 'b', 'c']);
      finish();
      await expect(later).resolves.toBe('ran c');
    });
  });
});
