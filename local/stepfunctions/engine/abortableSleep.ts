import type { Clock } from '../../clock/Clock';
import { StatesError } from '../errors/StatesError';

/** Sleeps on the clock; rejects as soon as the execution is stopped. */
export function abortableSleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      reject(new StatesError('States.Aborted', 'Execution was stopped'));
    };
    const handle = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
