import type { TenantGrant } from '../../../contracts/tenantGrant';
import { GrantCache, grantCacheKey } from '../../../tasks/shared/grantCache';

const GRANT: TenantGrant = { principal: 'client-1', role: 'client', cnpjs: ['11222333000181'], updatedAt: '2026-11-23T00:00:00.000Z' };

describe('GrantCache', () => {
  it('answers a grant it was given until its time is up, then forgets it', () => {
    // Arrange
    let now = 1_000;
    const cache = new GrantCache(5_000, () => now);
    cache.set('client-1#t1', GRANT);

    // Act
    now = 5_999;
    const before = cache.get('client-1#t1');
    now = 6_000;
    const after = cache.get('client-1#t1');

    // Assert
    expect(before).toBe(GRANT);
    expect(after).toBeUndefined();
  });

  it('keeps nothing when its time to live is 0', () => {
    // Arrange
    const cache = GrantCache.fromEnv({ TENANT_GRANT_CACHE_SECONDS: '0' });

    // Act
    cache.set('client-1#t1', GRANT);

    // Assert
    expect(cache.get('client-1#t1')).toBeUndefined();
  });

  it('drops the oldest entry when full', () => {
    // Arrange
    const cache = new GrantCache(60_000, () => 0, 2);

    // Act
    cache.set('a', GRANT);
    cache.set('b', GRANT);
    cache.set('c', GRANT);

    // Assert
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, GRANT, GRANT]);
  });

  it('keys a grant by principal and token id, so a new token reads the grant afresh', () => {
    // Act
    const keys = [
      grantCacheKey('client-1', { jti: 'a1', iat: 100 }),
      grantCacheKey('client-1', { jti: 'b2', iat: 100 }),
      grantCacheKey('client-1', { iat: 100 }),
      grantCacheKey('client-2', { jti: 'a1' }),
    ];

    // Assert
    expect(keys).toEqual(['client-1#a1', 'client-1#b2', 'client-1#100', 'client-2#a1']);
  });
});
