import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, importJWK, type JWK, type JWTPayload } from 'jose';
import pino from 'pino';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { APIGatewayClient, CreateApiKeyCommand, CreateUsagePlanCommand, CreateUsagePlanKeyCommand } from '@aws-sdk/client-api-gateway';
import { ControlPlaneApiKeys } from '../../../local/apigateway/ControlPlaneApiKeys';
import { LocalApiGateway } from '../../../local/apigateway/LocalApiGateway';
import { LOCAL_CONSOLE_CLIENT_ID, LocalJwtIssuer } from '../../../local/apigateway/LocalJwtIssuer';
import { corsPolicy } from '../../../contracts/apiRoutes';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

const ISSUER = 'http://127.0.0.1/local-issuer';

describe('LocalApiGateway', () => {
  let gateway: LocalApiGateway;
  let issuer: LocalJwtIssuer;
  let keyDir: string;
  const seen: APIGatewayProxyEvent[] = [];
  // The usage plan's clock: each test starts a minute later, with a full bucket.
  let now = 0;
  /** A key of a usage plan of 1 request/s with bursts of 3, on the shared cloud's API Gateway. */
  const key = `key${randomBytes(12).toString('hex')}`;

  beforeAll(async () => {
    keyDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gateway-'));
    const control = new APIGatewayClient(testClientConfig());
    const plan = await control.send(new CreateUsagePlanCommand({ name: uniqueName('gateway-plan'), throttle: { rateLimit: 1, burstLimit: 3 } }));
    const created = await control.send(new CreateApiKeyCommand({ name: 'gateway-test', value: key, enabled: true }));
    await control.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: created.id, keyType: 'API_KEY' }));
    control.destroy();
    issuer = await LocalJwtIssuer.create(ISSUER, path.join(keyDir, 'key.json'));
    const answer = async (event: APIGatewayProxyEvent): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> => {
      seen.push(event);
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: event.pathParameters?.id ?? null }) };
    };
    gateway = await LocalApiGateway.start({
      port: 0,
      issuer,
      apiKeys: new ControlPlaneApiKeys({ endpoint: testClientConfig().endpoint, logger: pino({ level: 'silent' }) }),
      now: () => now,
      corsOrigins: ['http://127.0.0.1:3001'],
      logger: pino({ level: 'silent' }),
      routes: [
        { method: 'GET', resource: '/ping', functionName: 'ping', auth: 'public', handler: async () => ({ statusCode: 200, body: '{"status":"ok"}' }) },
        { method: 'GET', resource: '/invoices/{id}', functionName: 'get', auth: { scopes: ['nfse/invoices.read', 'nfse/ops'] }, handler: answer },
        { method: 'POST', resource: '/ops/failures/reprocess', functionName: 'ops', auth: { scopes: ['nfse/ops'] }, handler: answer },
        // A method with the Cognito authorizer and no scopes takes ID tokens only.
        { method: 'GET', resource: '/profile', functionName: 'profile', auth: { scopes: [] }, handler: answer },
      ],
    });
  });

  beforeEach(() => {
    now += 60_000;
  });

  afterAll(async () => {
    await gateway.stop();
    await fs.rm(keyDir, { recursive: true, force: true });
  });

  const get = (p: string, headers: Record<string, string> = {}): Promise<Response> => fetch(`${gateway.endpoint}${p}`, { headers });
  const withToken = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}`, 'x-api-key': key });

  /** A token the pool's own key signs with whatever claims: what a forged-but-signed token would be. */
  async function signedWith(claims: JWTPayload): Promise<string> {
    const stored = JSON.parse(await fs.readFile(path.join(keyDir, 'key.json'), 'utf8')) as { kid: string; privateJwk: JWK };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: stored.kid })
      .setIssuer(ISSUER)
      .setSubject('user-7')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(await importJWK(stored.privateJwk, 'ES256'));
  }

  it('serves an open route without credentials', async () => {
    const response = await get('/ping');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('hands verified claims and path parameters to the handler as API Gateway does', async () => {
    const token = await issuer.sign({ sub: 'user-7', groups: ['ops'] });

    const response = await get('/invoices/abc?include=xmlUrl', withToken(token));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 'abc' });
    const event = seen.at(-1);
    expect(event?.requestContext.authorizer?.claims).toMatchObject({
      sub: 'user-7',
      'cognito:groups': 'ops',
      token_use: 'access',
      client_id: LOCAL_CONSOLE_CLIENT_ID,
      scope: 'openid email nfse/invoices.read nfse/invoices.write nfse/companies.admin nfse/ops',
    });
    expect(event?.queryStringParameters).toEqual({ include: 'xmlUrl' });
    expect(event?.resource).toBe('/invoices/{id}');
  });

  it('answers 401 with the contract body for a missing or forged token', async () => {
    const missing = await get('/invoices/abc', { 'x-api-key': key });
    const forged = await get('/invoices/abc', withToken('eyJhbGciOiJFUzI1NiJ9.e30.c2ln'));

    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ message: 'Unauthorized', code: 'Unauthorized' });
    expect(forged.status).toBe(401);
  });

  it('answers 401 for an expired token, saying so as the Cognito authorizer does', async () => {
    const token = await issuer.sign({ sub: 'user-7', ttlSeconds: -10 });

    const response = await get('/invoices/abc', withToken(token));

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ message: 'The incoming token has expired', code: 'Unauthorized' });
  });

  it('refuses an ID token on a method with scopes, as the Cognito authorizer does', async () => {
    const idToken = await issuer.sign({ sub: 'user-7', tokenUse: 'id' });

    const response = await get('/invoices/abc', withToken(idToken));

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ message: 'Unauthorized', code: 'Unauthorized' });
  });

  it('takes only ID tokens on a method without scopes', async () => {
    const idToken = await issuer.sign({ sub: 'user-7', tokenUse: 'id' });
    const accessToken = await issuer.sign({ sub: 'user-7' });

    expect((await get('/profile', withToken(idToken))).status).toBe(200);
    expect((await get('/profile', withToken(accessToken))).status).toBe(401);
  });

  it("refuses an access token carrying none of the method's scopes, and lets one with any of them in", async () => {
    const readOnly = await issuer.sign({ sub: 'user-7', scopes: ['invoices.read'] });

    const refused = await fetch(`${gateway.endpoint}/ops/failures/reprocess`, { method: 'POST', headers: withToken(readOnly) });
    const allowed = await get('/invoices/abc', withToken(readOnly));

    expect(refused.status).toBe(401);
    expect(allowed.status).toBe(200);
  });

  it('gives a machine client the scopes of the Cognito machine client: read and write, never ops', async () => {
    const machine = await issuer.sign({ sub: 'erp-1', machine: true });

    const read = await get('/invoices/abc', withToken(machine));
    const ops = await fetch(`${gateway.endpoint}/ops/failures/reprocess`, { method: 'POST', headers: withToken(machine) });

    expect(read.status).toBe(200);
    expect(seen.at(-1)?.requestContext.authorizer?.claims).toMatchObject({ sub: 'erp-1', client_id: 'erp-1', token_use: 'access', scope: 'nfse/invoices.read nfse/invoices.write' });
    expect(ops.status).toBe(401);
  });

  it('refuses tokens of an app client the pool does not have: aud for ID tokens, client_id for access tokens', async () => {
    const foreignAccess = await signedWith({ token_use: 'access', client_id: 'another-app', scope: 'nfse/invoices.read' });
    const foreignId = await signedWith({ token_use: 'id', aud: 'another-app' });
    const ownAccess = await signedWith({ token_use: 'access', client_id: LOCAL_CONSOLE_CLIENT_ID, scope: 'nfse/invoices.read' });
    const ownId = await signedWith({ token_use: 'id', aud: LOCAL_CONSOLE_CLIENT_ID });

    expect((await get('/invoices/abc', withToken(foreignAccess))).status).toBe(401);
    expect((await get('/profile', withToken(foreignId))).status).toBe(401);
    expect((await get('/invoices/abc', withToken(ownAccess))).status).toBe(200);
    expect((await get('/profile', withToken(ownId))).status).toBe(200);
  });

  it('refuses a token without a known token_use', async () => {
    const refresh = await signedWith({ token_use: 'refresh', client_id: LOCAL_CONSOLE_CLIENT_ID, scope: 'nfse/invoices.read' });
    const none = await signedWith({ client_id: LOCAL_CONSOLE_CLIENT_ID, scope: 'nfse/invoices.read' });

    expect((await get('/invoices/abc', withToken(refresh))).status).toBe(401);
    expect((await get('/invoices/abc', withToken(none))).status).toBe(401);
  });

  it('answers 403 Forbidden for a missing or wrong API key', async () => {
    const token = await issuer.sign({ sub: 'user-7' });

    const missing = await get('/invoices/abc', { authorization: `Bearer ${token}` });
    const wrong = await get('/invoices/abc', { authorization: `Bearer ${token}`, 'x-api-key': 'nope' });

    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ message: 'Forbidden' });
    expect(wrong.status).toBe(403);
  });

  it('throttles past the usage plan burst with 429 and Retry-After', async () => {
    const token = await issuer.sign({ sub: 'user-8' });

    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const response = await get('/invoices/x', withToken(token));
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }

    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBe('1');
  });

  it('answers 404 for an unknown path and for a method the path does not have, as API Gateway does', async () => {
    const unknown = await get('/nope');
    const wrongMethod = await fetch(`${gateway.endpoint}/ping`, { method: 'DELETE' });

    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ message: 'No route for GET /nope', code: 'NotFound' });
    expect(wrongMethod.status).toBe(404);
    expect(await wrongMethod.json()).toMatchObject({ message: 'No route for DELETE /ping', code: 'NotFound' });
  });

  it('answers CORS preflights for the console origin only', async () => {
    const allowed = await fetch(`${gateway.endpoint}/invoices/abc`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:3001', 'access-control-request-method': 'GET' } });
    const other = await fetch(`${gateway.endpoint}/invoices/abc`, { method: 'OPTIONS', headers: { origin: 'http://evil.example' } });

    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3001');
    expect(allowed.headers.get('access-control-allow-headers')).toBe(corsPolicy().allowHeaders.join(', '));
    expect(allowed.headers.get('access-control-allow-methods')).toBe(corsPolicy().allowMethods.join(', '));
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps its signing key and app clients across restarts, so tokens stay valid', async () => {
    const person = await issuer.sign({ sub: 'user-9' });
    const machine = await issuer.sign({ sub: 'erp-9', machine: true });
    const reopened = await LocalJwtIssuer.create(ISSUER, path.join(keyDir, 'key.json'));

    await expect(reopened.verify(person)).resolves.toMatchObject({ sub: 'user-9' });
    await expect(reopened.verify(machine)).resolves.toMatchObject({ sub: 'erp-9', client_id: 'erp-9' });
  });
});
