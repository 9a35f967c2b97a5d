import type { Clock } from '../../lib/clock/Clock';

/** How a `ClientRequestToken` relates to the calls seen before. */
export type TokenStatus = 'new' | 'replay' | 'mismatch';

interface TokenRecord {
  readonly fingerprint: string;
  readonly expiresAt: number;
}

/**
 * The `ClientRequestToken`s of TransactWriteItems calls that succeeded: a token stays valid for
 * 10 minutes (of AWS time, so the clock's time scale shortens it too).
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#DDB-TransactWriteItems-request-ClientRequestToken
 */
export class IdempotencyTokens {
  private readonly records = new Map<string, TokenRecord>();

  public constructor(
    private readonly clock: Clock,
    private readonly windowMs = 10 * 60 * 1000,
  ) {}

  /** Whether `token` is new, a replay of the same request, or reused for a different one. */
  public status(token: string, fingerprint: string): TokenStatus {
    this.evictExpired();
    const record = this.records.get(token);
    if (record === undefined) return 'new';
    return record.fingerprint === fingerprint ? 'replay' : 'mismatch';
  }

  /** Remembers a token whose transaction succeeded. */
  public remember(token: string, fingerprint: string): void {
    this.records.set(token, { fingerprint, expiresAt: this.clock.now() + this.clock.toRealMs(this.windowMs) });
  }

  private evictExpired(): void {
    const now = this.clock.now();
    for (const [token, record] of this.records) {
      if (record.expiresAt <= now) this.records.delete(token);
    }
  }
}
