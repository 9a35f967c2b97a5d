/** Options of {@link coalescedRuns}. */
export interface CoalescedRunsOptions {
  /**
   * The least time between the starts of two runs, in milliseconds: calls within it share the
   * next run, like the batching window of a Lambda event source. @default 0 (a waiting run starts
   * as soon as the one in flight ends)
   */
  readonly minIntervalMs?: number;
}

/**
 * A function whose overlapping calls share runs: a call while a run is in flight (or, with
 * `minIntervalMs`, within that long of the last run's start) waits and shares the one run that
 * starts next (with the arguments of the first call that waited), so at most one run is in flight
 * and one waits, however many calls arrive. A run that starts after a call still sees everything
 * written before that call, which is all a call of a scan such as the outbox relay asks for: the
 * local stand-in for a function with a reserved concurrency of one whose queued invocations are
 * merged.
 */
export function coalescedRuns<Args extends unknown[], Result>(run: (...args: Args) => Promise<Result>, options: CoalescedRunsOptions = {}): (...args: Args) => Promise<Result> {
  const interval = options.minIntervalMs ?? 0;
  let current: Promise<Result> | undefined;
  let waiting: Promise<Result> | undefined;
  let lastStart = Number.NEGATIVE_INFINITY;
  const start = (args: Args): Promise<Result> => {
    lastStart = Date.now();
    const started = Promise.resolve().then(() => run(...args));
    current = started;
    const forget = (): void => {
      if (current === started) current = undefined;
    };
    started.then(forget, forget);
    return started;
  };
  /** Resolves once `interval` has passed since the last start (at once when it has, or when there is none). */
  const due = (): Promise<void> | undefined => {
    const wait = lastStart + interval - Date.now();
    return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : undefined;
  };
  return (...args: Args): Promise<Result> => {
    if (waiting !== undefined) return waiting;
    const after = current ?? due();
    if (after === undefined) return start(args);
    waiting = after
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => due())
      .then(() => {
        waiting = undefined;
        return start(args);
      });
    return waiting;
  };
}
