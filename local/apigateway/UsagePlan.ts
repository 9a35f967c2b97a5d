/** Options of {@link UsagePlan}. */
export interface UsagePlanOptions {
  /** Steady requests per second per API key. @default 100 */
  readonly ratePerSecond?: number;
  /** Bucket size. @default 200 */
  readonly burst?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** API Gateway's usage-plan throttling: a token bucket per API key. */
export class UsagePlan {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly rate: number;
  private readonly burst: number;
  private readonly now: () => number;

  public constructor(options: UsagePlanOptions = {}) {
    this.rate = options.ratePerSecond ?? 100;
    this.burst = options.burst ?? 200;
    this.now = options.now ?? Date.now;
  }

  /** Takes one token; when none is left, answers the seconds to wait before retrying. */
  public take(apiKey: string): { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number } {
    const now = this.now();
    const bucket = this.buckets.get(apiKey) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
    bucket.at = now;
    this.buckets.set(apiKey, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate)) };
  }
}
