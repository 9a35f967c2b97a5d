import type { SfnQuotas } from './sfnQuotaProfiles';
import { TokenBucket } from './TokenBucket';

/** One token bucket per throttled operation; operations without a quota always pass. */
export class ApiThrottle {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly refused = new Map<string, number>();

  public constructor(quotas: SfnQuotas, now: () => number) {
    for (const [operation, quota] of Object.entries(quotas)) {
      // State transitions are no call: the engine waits on their bucket (TransitionThrottle).
      if (quota !== undefined && operation !== 'StateTransition') this.buckets.set(operation, new TokenBucket(quota, now));
    }
  }

  /** True when the call may go on (it took its token); false when AWS would answer ThrottlingException. */
  public admit(operation: string): boolean {
    if (this.buckets.get(operation)?.take() ?? true) return true;
    this.refused.set(operation, (this.refused.get(operation) ?? 0) + 1);
    return false;
  }

  /** Calls refused so far, per operation (only those refused at least once). */
  public throttledCounts(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.refused);
  }

  /** The line `GET /health` shows: which operations have quotas and how many calls they refused. */
  public describe(): string {
    const counts = [...this.buckets.keys()].map((operation) => `${operation} ${this.refused.get(operation) ?? 0}`);
    return `quotas on; throttled calls: ${counts.length === 0 ? 'none (no API quota)' : counts.join(', ')}`;
  }
}
