import type { ThrottleSettings } from './control/ApiKeyRegistry';

/** A throttle's answer: let in, or how many seconds to wait. */
export type ThrottleDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * Usage-plan throttling as API Gateway applies it: a token bucket per API key, `burstLimit` deep,
 * refilled at `rateLimit` tokens a second.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** @param now the clock the buckets refill by (tests drive it) */
  public constructor(private readonly now: () => number = Date.now) {}

  /** Takes one token of `keyId`'s bucket. */
  public take(keyId: string, throttle: ThrottleSettings): ThrottleDecision {
    const now = this.now();
    const bucket = this.buckets.get(keyId) ?? { tokens: throttle.burstLimit, at: now };
    bucket.tokens = Math.min(throttle.burstLimit, bucket.tokens + ((now - bucket.at) / 1000) * throttle.rateLimit);
    bucket.at = now;
    this.buckets.set(keyId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / throttle.rateLimit)) };
  }
}
