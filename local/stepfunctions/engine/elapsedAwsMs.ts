import type { Clock } from '../../../lib/clock/Clock';

/**
 * Milliseconds of AWS time since `since` (an epoch-ms timestamp of this clock). A time scale
 * compresses durations but not timestamps: at 0.01, one real second is 100 s of AWS time, so a
 * Wait or a state machine timeout resumed after a restart counts what already passed in AWS time.
 */
export function elapsedAwsMs(clock: Clock, since: number): number {
  const realMsPerAwsMs = clock.toRealMs(1000) / 1000;
  const elapsed = clock.now() - since;
  return realMsPerAwsMs > 0 ? elapsed / realMsPerAwsMs : elapsed;
}
