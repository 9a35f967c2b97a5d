import type { SfnQuotas } from './sfnQuotaProfiles';
import { TokenBucket } from './TokenBucket';

/** One token bucket per throttled operation; operations without a quota always pass. */
export class ApiThrottle {
  private readonly buckets = new Map<string, TokenBucket>();

  public constructor(quotas: SfnQuotas, now: () => number) {
    for (const [operation, quota] of Object.entries(quotas)) {
      if (quota !== undefined) this.buckets.set(operation, new TokenBucket(quota, now));
    }
  }

  /** True when the call may go on (it took its token); false when AWS would answer ThrottlingException. */
  public admit(operation: string): boolean {
    return this.buckets.get(operation)?.take() ?? true;
  }
}
