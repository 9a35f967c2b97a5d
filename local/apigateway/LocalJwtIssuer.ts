import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { APP_CLIENT_SCOPES, fullScope, type ApiScope } from '../../contracts/apiScopes';
import { LOCAL_CONSOLE_CLIENT_ID, LocalAppClients } from './LocalAppClients';

export { LOCAL_CONSOLE_CLIENT_ID } from './LocalAppClients';

/** What a local token is for, shaped like a Cognito token's claims. */
export interface LocalTokenClaims {
  readonly sub: string;
  /** Cognito groups (`ops`, `viewer`...): informative; grants come from TENANTS_TABLE. */
  readonly groups?: readonly string[];
  /** Lifetime in seconds. @default 3600 */
  readonly ttlSeconds?: number;
  /** A machine client (client credentials; its `client_id` is `sub`) rather than a person. @default false */
  readonly machine?: boolean;
  /**
   * `access`, what the API's methods take (they all have scopes), or a person's `id` token.
   * @default 'access'
   */
  readonly tokenUse?: 'access' | 'id';
  /** The API scopes an access token carries. @default every scope its app client may be given */
  readonly scopes?: readonly ApiScope[];
}

interface StoredKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

const ALGORITHM = 'ES256';
/** Verified tokens remembered at once; past this the memory starts over (a few live tokens is the usual case). */
const VERIFIED_CACHE_SIZE = 1_000;

/** A token the local pool does not stand behind (another app client, an unknown token_use). */
export class TokenRefusedError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'TokenRefusedError';
  }
}

/**
 * The local stand-in for a Cognito user pool: signs tokens with an ES256 key kept in a file (so
 * tokens stay valid across restarts), knows its app clients, and publishes its JWKS, which the
 * local gateway verifies with.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html
 */
export class LocalJwtIssuer {
  private constructor(
    public readonly issuer: string,
    private readonly key: StoredKey,
    private readonly privateKey: Awaited<ReturnType<typeof importJWK>>,
    private readonly clients: LocalAppClients,
  ) {
    this.keySet = createLocalJWKSet({ keys: [key.publicJwk] });
  }

  private readonly keySet: ReturnType<typeof createLocalJWKSet>;
  /** Tokens that verified, with their claims, until their `exp`. */
  private readonly verified = new Map<string, { readonly payload: JWTPayload; readonly expiresAtMs: number }>();

  /** Loads the signing key from `keyFile` (creating it on first use) and the app clients kept beside it. */
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
    const clients = await LocalAppClients.load(path.join(path.dirname(keyFile), `${path.basename(keyFile, '.json')}-app-clients.json`));
    return new LocalJwtIssuer(issuer, stored, await importJWK(stored.privateJwk, ALGORITHM), clients);
  }

  /** The public keys, as `/.well-known/jwks.json` serves them. */
  public jwks(): { keys: JWK[] } {
    return { keys: [this.key.publicJwk] };
  }

  /**
   * Signs what Cognito would issue: a person's access token for the console client (code flow:
   * `openid email` and the API scopes) or ID token (`aud` = the console client), or a machine
   * client's client-credentials access token (`sub` = `client_id`, read and write scopes only).
   */
  public async sign(claims: LocalTokenClaims): Promise<string> {
    const kind = claims.machine === true ? 'machine' : 'console';
    const allowed: readonly ApiScope[] = APP_CLIENT_SCOPES[kind];
    const scopes = claims.scopes ?? allowed;
    const refused = scopes.filter((scope) => !allowed.includes(scope));
    if (refused.length > 0) throw new TokenRefusedError(`a ${kind} client may not be given ${refused.join(', ')}`);
    if (claims.machine === true && claims.tokenUse === 'id') throw new TokenRefusedError('a machine client gets access tokens only');
    const clientId = claims.machine === true ? claims.sub : LOCAL_CONSOLE_CLIENT_ID;
    if (claims.machine === true) await this.clients.addMachine(clientId);
    const groups = claims.groups ?? [];
    const payload: JWTPayload =
      claims.machine === true
        ? { token_use: 'access', client_id: clientId, scope: scopes.map(fullScope).join(' ') }
        : claims.tokenUse === 'id'
          ? { token_use: 'id', aud: clientId, 'cognito:groups': groups, 'cognito:username': claims.sub }
          : { token_use: 'access', client_id: clientId, scope: ['openid', 'email', ...scopes.map(fullScope)].join(' '), 'cognito:groups': groups, username: claims.sub };
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ ...payload, auth_time: now })
      .setProtectedHeader({ alg: ALGORITHM, kid: this.key.kid })
      .setIssuer(this.issuer)
      .setSubject(claims.sub)
      .setIssuedAt(now)
      // Cognito gives every token its own id; handlers key what they remember per token by it.
      .setJti(randomUUID())
      .setExpirationTime(now + (claims.ttlSeconds ?? 3600))
      .sign(this.privateKey);
  }

  /**
   * Verifies a token as the Cognito authorizer does before looking at the method: signature,
   * issuer, expiry, a `token_use` of `id` or `access`, and an app client of this pool (`aud` of an
   * ID token, `client_id` of an access token). Whether the method takes it (ID token or access
   * token with one of its scopes) is the gateway's question. A token verified once is remembered
   * until it expires (API Gateway caches authorizer results too), so a client reusing its token
   * pays for the ES256 check once rather than on every request.
   */
  public async verify(token: string): Promise<JWTPayload> {
    const cached = this.verified.get(token);
    if (cached !== undefined && cached.expiresAtMs > Date.now()) return cached.payload;
    const { payload } = await jwtVerify(token, this.keySet, { issuer: this.issuer, algorithms: [ALGORITHM] });
    const clientId = payload.token_use === 'id' ? payload.aud : payload.token_use === 'access' ? payload.client_id : undefined;
    if (payload.token_use !== 'id' && payload.token_use !== 'access') throw new TokenRefusedError(`token_use ${JSON.stringify(payload.token_use)} is neither id nor access`);
    if (typeof clientId !== 'string' || (await this.clients.kindOf(clientId)) === undefined) throw new TokenRefusedError(`the token is for ${JSON.stringify(clientId)}, not an app client of this pool`);
    if (typeof payload.exp === 'number') {
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.clear();
      this.verified.set(token, { payload, expiresAtMs: payload.exp * 1000 });
    }
    return payload;
  }
}
