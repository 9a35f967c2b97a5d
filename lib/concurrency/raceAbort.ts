/** Options of {@link raceAbort}. */
export interface RaceAbortOptions<T> {
  /** What the race rejects with when `signal` aborts. @default the signal's reason */
  readonly abortError?: (signal: AbortSignal) => unknown;
  /**
   * Receives the work the race gave up on, to use a result that still comes (e.g. release the
   * messages a late long poll brings). @default none: the late result is dropped
   */
  readonly onAbandoned?: (late: Promise<T>) => void;
}

/**
 * Settles with `work`, or rejects as soon as `signal` aborts. Racing only stops the waiting: an
 * abandoned promise runs on until it ends by itself (its late rejection is swallowed), so work
 * that holds a resource must also be handed the signal to release it. Given a function, it is
 * called only when the signal has not aborted yet; given a promise, the work is already started.
 */
export function raceAbort<T>(work: Promise<T> | (() => Promise<T>), signal: AbortSignal, options: RaceAbortOptions<T> = {}): Promise<T> {
  const abortError = options.abortError ?? ((aborted: AbortSignal): unknown => aborted.reason);
  if (signal.aborted) {
    if (typeof work !== 'function') abandon(work, options);
    return Promise.reject(abortError(signal));
  }
  const running = typeof work === 'function' ? work() : work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      abandon(running, options);
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    running.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abandon<T>(late: Promise<T>, options: RaceAbortOptions<T>): void {
  late.catch(() => undefined);
  options.onAbandoned?.(late);
}
