import type { TenantGrant } from '../../contracts/tenantGrant';
import { TtlCache } from '../../lib/cache/TtlCache';

/**
 * The grants this process read lately, kept briefly so a client posting invoices in a burst
 * does not cost a TENANTS_TABLE read per request. An entry is keyed by the principal and the
 * token it came with (`jti`, else `iat`), so a new token reads the grant afresh; otherwise a
 * change to a grant applies within `TENANT_GRANT_CACHE_SECONDS` (default 5; 0 turns it off).
 * Refusals are never kept: a grant that was just written counts at once.
 */
export class GrantCache extends TtlCache<TenantGrant> {
  /** The cache `TENANT_GRANT_CACHE_SECONDS` asks for. */
  public static fromEnv(env: Readonly<Record<string, string | undefined>> = process.env): GrantCache {
    return new GrantCache(TtlCache.ttlFromEnv(env.TENANT_GRANT_CACHE_SECONDS, 5));
  }
}

/** The cache key of a request's grant: principal and token. */
export function grantCacheKey(principal: string, claims: Readonly<Record<string, unknown>>): string {
  const token = claims.jti ?? claims.iat ?? '';
  return `${principal}#${typeof token === 'string' || typeof token === 'number' ? String(token) : ''}`;
}
