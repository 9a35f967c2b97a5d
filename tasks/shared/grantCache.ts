import type { TenantGrant } from '../../contracts/tenantGrant';

/**
 * The grants this process read lately, kept briefly so a client posting invoices in a burst
 * does not cost a TENANTS_TABLE read per request. An entry is keyed by the principal and the
 * token it came with (`jti`, else `iat`), so a new token reads the grant afresh; otherwise a
 * change to a grant applies within `TENANT_GRANT_CACHE_SECONDS` (default 5; 0 turns it off).
 * Refusals are never kept: a grant that was just written counts at once.
 */
export class GrantCache {
  private readonly entries = new Map<string, { readonly grant: TenantGrant; readonly expiresAt: number }>();

  public constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  /** The cache `TENANT_GRANT_CACHE_SECONDS` asks for. */
  public static fromEnv(env: Readonly<Record<string, string | undefined>> = process.env): GrantCache {
    const seconds = Number(env.TENANT_GRANT_CACHE_SECONDS ?? 5);
    return new GrantCache(Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0);
  }

  public get(key: string): TenantGrant | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.grant;
  }

  public set(key: string, grant: TenantGrant): void {
    if (this.ttlMs <= 0) return;
    // Oldest first out: a Map iterates in insertion order.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { grant, expiresAt: this.now() + this.ttlMs });
  }
}

/** The cache key of a request's grant: principal and token. */
export function grantCacheKey(principal: string, claims: Readonly<Record<string, unknown>>): string {
  const token = claims.jti ?? claims.iat ?? '';
  return `${principal}#${typeof token === 'string' || typeof token === 'number' ? String(token) : ''}`;
}
