import type { Clock } from './Clock';

/** Options of {@link abortableSleep}. */
export interface AbortableSleepOptions {
  /** What the sleep rejects with when `signal` aborts. @default the signal's reason */
  readonly abortError?: (signal: AbortSignal) => unknown;
}

/**
 * Sleeps `ms` on the clock; rejects as soon as `signal` aborts (at once when it already has),
 * and clears its timer then, so an abandoned sleep leaves nothing pending. A sleep of zero or
 * less resolves at once, aborted or not: there is nothing to cut short.
 */
export function abortableSleep(clock: Clock, ms: number, signal: AbortSignal, options: AbortableSleepOptions = {}): Promise<void> {
  const abortError = options.abortError ?? ((aborted: AbortSignal): unknown => aborted.reason);
  if (ms <= 0) return Promise.resolve();
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      reject(abortError(signal));
    };
    const handle = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
