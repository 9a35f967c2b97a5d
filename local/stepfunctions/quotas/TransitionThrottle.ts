import type { Clock } from '../../../lib/clock/Clock';
import { abortableSleep } from '../engine/abortableSleep';
import type { TokenBucket } from './TokenBucket';

/**
 * The StateTransition quota: a transition past the bucket waits for a token rather than failing,
 * as AWS delays it (and counts it in the `ExecutionThrottled` metric).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html#service-limits-api-state-throttling
 */
export class TransitionThrottle {
  private delayedCount = 0;

  public constructor(private readonly bucket: TokenBucket) {}

  /** Transitions that had to wait so far (AWS's `ExecutionThrottled`). */
  public get delayed(): number {
    return this.delayedCount;
  }

  /** Resolves once the transition may run; rejects with States.Aborted if the execution stops meanwhile. */
  public async admit(clock: Clock, signal: AbortSignal): Promise<void> {
    if (this.bucket.take()) return;
    this.delayedCount++;
    // The bucket refills in wall time; the clock sleeps in AWS time (scaled): convert.
    const awsMsPerRealMs = 1000 / Math.max(clock.toRealMs(1000), 1e-6);
    do {
      await abortableSleep(clock, this.bucket.msUntilToken() * awsMsPerRealMs, signal);
    } while (!this.bucket.take());
  }
}
