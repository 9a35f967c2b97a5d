import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';

/** Claims a local token carries, shaped like a Cognito token's. */
export interface LocalTokenClaims {
  readonly sub: string;
  /** Cognito groups (`ops`, `viewer`...): informative; grants come from TENANTS_TABLE. */
  readonly groups?: readonly string[];
  /** Lifetime in seconds. @default 3600 */
  readonly ttlSeconds?: number;
  /** A machine client (client credentials) rather than a person. @default false */
  readonly machine?: boolean;
}

interface StoredKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

const ALGORITHM = 'ES256';
/** Verified tokens remembered at once; past this the memory starts over (a few live tokens is the usual case). */
const VERIFIED_CACHE_SIZE = 1_000;
export const LOCAL_AUDIENCE = 'nfse-local-client';

/**
 * The local stand-in for a Cognito user pool: signs tokens with an ES256 key kept in a file (so
 * tokens stay valid across restarts) and publishes its JWKS, which the local gateway verifies with.
 */
export class LocalJwtIssuer {
  private constructor(
    public readonly issuer: string,
    private readonly key: StoredKey,
    private readonly privateKey: Awaited<ReturnType<typeof importJWK>>,
  ) {
    this.keySet = createLocalJWKSet({ keys: [key.publicJwk] });
  }

  private readonly keySet: ReturnType<typeof createLocalJWKSet>;
  /** Tokens that verified, with their claims, until their `exp`. */
  private readonly verified = new Map<string, { readonly payload: JWTPayload; readonly expiresAtMs: number }>();

  /** Loads the signing key from `keyFile`, creating it on first use. */
  public static async create(issuer: string, keyFile: string): Promise<LocalJwtIssuer> {
    let stored: StoredKey;
    try {
      stored = JSON.parse(await fs.readFile(keyFile, 'utf8')) as StoredKey;
    } catch {
      const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
      const kid = `local-${Date.now().toString(36)}`;
      stored = { kid, privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ALGORITHM }, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALGORITHM, use: 'sig' } };
      await fs.mkdir(path.dirname(keyFile), { recursive: true });
      await fs.writeFile(keyFile, JSON.stringify(stored), { mode: 0o600 });
    }
    return new LocalJwtIssuer(issuer, stored, await importJWK(stored.privateJwk, ALGORITHM));
  }

  /** The public keys, as `/.well-known/jwks.json` serves them. */
  public jwks(): { keys: JWK[] } {
    return { keys: [this.key.publicJwk] };
  }

  /** Signs a token: an ID token for a person, an access token for a machine client. */
  public async sign(claims: LocalTokenClaims): Promise<string> {
    const payload: JWTPayload = claims.machine === true
      ? { client_id: claims.sub, token_use: 'access', scope: 'nfse/invoices' }
      : { token_use: 'id', 'cognito:groups': claims.groups ?? [], 'cognito:username': claims.sub };
    return new SignJWT(payload)
      .setProtectedHeader({ alg: ALGORITHM, kid: this.key.kid })
      .setIssuer(this.issuer)
      .setSubject(claims.sub)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      // Cognito gives every token its own id; handlers key what they remember per token by it.
      .setJti(randomUUID())
      .setExpirationTime(Math.floor(Date.now() / 1000) + (claims.ttlSeconds ?? 3600))
      .sign(this.privateKey);
  }

  /**
   * Verifies a token as the Cognito authorizer does: signature, issuer, expiry. A token verified
   * once is remembered until it expires (API Gateway caches authorizer results too), so a client
   * reusing its token pays for the ES256 check once rather than on every request.
   */
  public async verify(token: string): Promise<JWTPayload> {
    const cached = this.verified.get(token);
    if (cached !== undefined && cached.expiresAtMs > Date.now()) return cached.payload;
    const { payload } = await jwtVerify(token, this.keySet, { issuer: this.issuer, algorithms: [ALGORITHM] });
    if (typeof payload.exp === 'number') {
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.clear();
      this.verified.set(token, { payload, expiresAtMs: payload.exp * 1000 });
    }
    return payload;
  }
}
