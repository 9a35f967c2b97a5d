import type { Clock } from '../../../lib/clock/Clock';
import { abortableSleep as sleepOnClock } from '../../../lib/clock/abortableSleep';
import { StatesError } from '../errors/StatesError';

/**
 * The shared abortable sleep with the engine's error: its runtime aborts without a reason, and a
 * stopped Wait or retry delay must end as States.Aborted (a Map tells aborted iterations by it).
 */
export function abortableSleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return sleepOnClock(clock, ms, signal, { abortError: () => new StatesError('States.Aborted', 'Execution was stopped') });
}
