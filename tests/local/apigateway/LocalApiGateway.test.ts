import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { LocalApiGateway } from '../../../local/apigateway/LocalApiGateway';
import { LocalJwtIssuer } from '../../../local/apigateway/LocalJwtIssuer';

describe('LocalApiGateway', () => {
  let gateway: LocalApiGateway;
  let issuer: LocalJwtIssuer;
  let keyDir: string;
  const seen: APIGatewayProxyEvent[] = [];

  beforeAll(async () => {
    keyDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gateway-'));
    issuer = await LocalJwtIssuer.create('http://127.0.0.1/local-issuer', path.join(keyDir, 'key.json'));
    gateway = await LocalApiGateway.start({
      port: 0,
      issuer,
      apiKeys: ['key-1'],
      usagePlan: { ratePerSecond: 1, burst: 3 },
      corsOrigins: ['http://127.0.0.1:3001'],
      logger: pino({ level: 'silent' }),
      routes: [
        { method: 'GET', resource: '/ping', functionName: 'ping', secured: false, handler: async () => ({ statusCode: 200, body: '{"status":"ok"}' }) },
        {
          method: 'GET',
          resource: '/invoices/{id}',
          functionName: 'get',
          handler: async (event) => {
            seen.push(event);
            return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: event.pathParameters?.id }) };
          },
        },
      ],
    });
  });

  afterAll(async () => {
    await gateway.stop();
    await fs.rm(keyDir, { recursive: true, force: true });
  });

  const get = (p: string, headers: Record<string, string> = {}): Promise<Response> => fetch(`${gateway.endpoint}${p}`, { headers });

  it('serves an open route without credentials', async () => {
    const response = await get('/ping');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('hands verified claims and path parameters to the handler as API Gateway does', async () => {
    const token = await issuer.sign({ sub: 'user-7', groups: ['ops'] });

    const response = await get('/invoices/abc?include=xmlUrl', { authorization: `Bearer ${token}`, 'x-api-key': 'key-1' });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 'abc' });
    const event = seen.at(-1);
    expect(event?.requestContext.authorizer?.claims).toMatchObject({ sub: 'user-7', 'cognito:groups': 'ops', token_use: 'id' });
    expect(event?.queryStringParameters).toEqual({ include: 'xmlUrl' });
    expect(event?.resource).toBe('/invoices/{id}');
  });

  it('answers 401 with the contract body for a missing or forged token', async () => {
    const missing = await get('/invoices/abc', { 'x-api-key': 'key-1' });
    const forged = await get('/invoices/abc', { authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.e30.c2ln', 'x-api-key': 'key-1' });

    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ message: 'Unauthorized', code: 'Unauthorized' });
    expect(forged.status).toBe(401);
  });

  it('answers 401 for an expired token', async () => {
    const token = await issuer.sign({ sub: 'user-7', ttlSeconds: -10 });

    expect((await get('/invoices/abc', { authorization: `Bearer ${token}`, 'x-api-key': 'key-1' })).status).toBe(401);
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
    const headers = { authorization: `Bearer ${token}`, 'x-api-key': 'key-1' };

    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const response = await get('/invoices/x', headers);
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }

    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBe('1');
  });

  it('answers 404 for an unknown path and 405 for a wrong method', async () => {
    const unknown = await get('/nope');
    const wrongMethod = await fetch(`${gateway.endpoint}/ping`, { method: 'DELETE' });

    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ message: 'No route for GET /nope', code: 'NotFound' });
    expect(wrongMethod.status).toBe(405);
  });

  it('answers CORS preflights for the console origin only', async () => {
    const allowed = await fetch(`${gateway.endpoint}/invoices/abc`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:3001', 'access-control-request-method': 'GET' } });
    const other = await fetch(`${gateway.endpoint}/invoices/abc`, { method: 'OPTIONS', headers: { origin: 'http://evil.example' } });

    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3001');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps its signing key across restarts, so tokens stay valid', async () => {
    const token = await issuer.sign({ sub: 'user-9' });
    const reopened = await LocalJwtIssuer.create('http://127.0.0.1/local-issuer', path.join(keyDir, 'key.json'));

    await expect(reopened.verify(token)).resolves.toMatchObject({ sub: 'user-9' });
  });
});
