/** A bucket's size and how fast it refills, as AWS's quota tables give them. */
export interface BucketQuota {
  /** Tokens the bucket holds when full: the burst a caller may spend at once. */
  readonly bucketSize: number;
  /** Tokens added per second of wall time, up to {@link BucketQuota.bucketSize}. */
  readonly refillPerSecond: number;
}

/**
 * The token bucket Step Functions throttles its API with: a call takes one token or is refused;
 * the bucket starts full and refills continuously.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html#service-limits-api-action-throttling-general
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  /** `now` is wall-clock milliseconds: quotas are per real second, whatever the cloud's time scale. */
  public constructor(
    public readonly quota: BucketQuota,
    private readonly now: () => number,
  ) {
    this.tokens = quota.bucketSize;
    this.refilledAt = now();
  }

  /** Takes a token; false when the bucket is empty (the call is throttled). */
  public take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is there (0 when one is). */
  public msUntilToken(): number {
    this.refill();
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) / this.quota.refillPerSecond) * 1000);
  }

  private refill(): void {
    const now = this.now();
    const elapsedSeconds = Math.max(0, now - this.refilledAt) / 1000;
    this.tokens = Math.min(this.quota.bucketSize, this.tokens + elapsedSeconds * this.quota.refillPerSecond);
    this.refilledAt = now;
  }
}
