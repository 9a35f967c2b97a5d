import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import type { Logger } from 'pino';
import type { ErrorBody } from '../../contracts/apiResponses';
import { corsPolicy } from '../../contracts/apiRoutes';
import { routeMatcher, type ApiRoute, type RouteMatch } from './ApiRoute';
import { buildProxyEvent, claimsAsStrings } from './buildProxyEvent';
import type { LocalJwtIssuer } from './LocalJwtIssuer';
import type { ApiKeyDirectory } from './ControlPlaneApiKeys';
import { nextQuotaPeriodStart } from './quotaPeriod';
import { TokenBuckets } from './TokenBuckets';

/** What browsers may send and read, from the route table (as the CDK app's preflight). */
const CORS = corsPolicy();

/** Extra paths only the local gateway serves (the dev token endpoint, JWKS). */
export type LocalExtension = (request: IncomingMessage, url: URL, body: Buffer) => Promise<{ status: number; body: unknown } | undefined>;

/** Options of {@link LocalApiGateway}. */
export interface LocalApiGatewayOptions {
  /** @default 3000; 0 picks a free port */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  readonly routes: readonly ApiRoute[];
  readonly issuer: LocalJwtIssuer;
  /** The API keys and usage plans it enforces (throttle per key, monthly quota). */
  readonly apiKeys: ApiKeyDirectory;
  /** The clock the throttle's buckets refill by and quota periods turn over. @default Date.now */
  readonly now?: () => number;
  /** Origins allowed by CORS (the console's). @default [] */
  readonly corsOrigins?: readonly string[];
  readonly logger: Logger;
  readonly extension?: LocalExtension;
}

/** Largest body API Gateway takes (10 MB); the handlers enforce their own, smaller limit. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

/**
 * The REST API locally, as API Gateway runs it: the Cognito authorizer's checks (signature,
 * issuer, expiry, the pool's app client, then ID or access token and each route's scopes),
 * API keys and the usage plan each is on (rate, burst, monthly quota), CORS, and Lambda proxy
 * events to the `tasks/` handlers in-process. Gateway refusals use the contract's error body, as our gateway responses do in AWS.
 */
export class LocalApiGateway {
  private readonly server: http.Server;
  private readonly match: ReturnType<typeof routeMatcher>;
  private readonly buckets: TokenBuckets;
  private readonly now: () => number;
  private url: string | undefined;

  private constructor(private readonly options: LocalApiGatewayOptions) {
    this.match = routeMatcher(options.routes);
    this.now = options.now ?? Date.now;
    this.buckets = new TokenBuckets(this.now);
    // Node's request callback cannot await; onRequest answers every failure itself (a 500 at worst).
    this.server = http.createServer((req, res) => void this.onRequest(req, res));
    this.server.keepAliveTimeout = 65_000;
  }

  /** Starts listening. */
  public static async start(options: LocalApiGatewayOptions): Promise<LocalApiGateway> {
    const gateway = new LocalApiGateway(options);
    await new Promise<void>((resolve, reject) => {
      gateway.server.once('error', reject);
      gateway.server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => resolve());
    });
    gateway.url = `http://${options.host ?? '127.0.0.1'}:${(gateway.server.address() as AddressInfo).port}`;
    return gateway;
  }

  public get endpoint(): string {
    if (this.url === undefined) throw new Error('gateway not started');
    return this.url;
  }

  public async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    await this.options.apiKeys.close();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const origin = req.headers.origin;
    const cors = this.corsHeaders(origin);
    try {
      const url = new URL(req.url ?? '/', 'http://gateway.local');
      const method = req.method ?? 'GET';
      if (method === 'OPTIONS') {
        return send(res, 204, undefined, { ...cors, ...(Object.keys(cors).length > 0 ? preflightHeaders() : {}) });
      }
      const body = await readBody(req);
      if (body === 'too-large') return this.refuse(res, cors, 413, 'PayloadTooLarge', 'Request body is larger than 10 MB', requestId);
      const extension = await this.options.extension?.(req, url, body);
      if (extension !== undefined) return send(res, extension.status, JSON.stringify(extension.body), { 'content-type': 'application/json', ...cors });
      const match = this.match(method, url.pathname);
      // API Gateway has no 405: a method a resource lacks is as unknown as the resource.
      if (match === undefined) return this.refuse(res, cors, 404, 'NotFound', `No route for ${method} ${url.pathname}`, requestId);
      await this.invoke(req, res, url, body, match, requestId, cors);
    } catch (error) {
      this.options.logger.error({ err: error, requestId }, 'gateway failed');
      if (!res.headersSent) this.refuse(res, cors, 500, 'InternalError', 'Internal server error', requestId);
    }
  }

  private async invoke(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, match: RouteMatch, requestId: string, cors: Record<string, string>): Promise<void> {
    let claims: Record<string, string> | undefined;
    let apiKeyId: string | undefined;
    const apiKey = headerValue(req.headers['x-api-key']);
    const auth = match.route.auth;
    if (auth !== 'public') {
      const token = /^Bearer\s+(.+)$/i.exec(headerValue(req.headers.authorization) ?? '')?.[1];
      if (token === undefined) return this.refuse(res, cors, 401, 'Unauthorized', 'Unauthorized', requestId);
      let payload: JWTPayload;
      try {
        payload = await this.options.issuer.verify(token);
      } catch (error) {
        // The Cognito authorizer's own words for an expired token; every other refusal is a bare "Unauthorized".
        const expired = error instanceof Error && (error as { code?: unknown }).code === 'ERR_JWT_EXPIRED';
        return this.refuse(res, cors, 401, 'Unauthorized', expired ? 'The incoming token has expired' : 'Unauthorized', requestId);
      }
      if (!methodTakes(payload, auth.scopes)) return this.refuse(res, cors, 401, 'Unauthorized', 'Unauthorized', requestId);
      claims = claimsAsStrings(payload);
      const check = await this.checkApiKey(apiKey);
      // The codes of the CDK app's gateway responses (infra/lib/api/gatewayResponses.ts), as API Gateway answers.
      if (check.kind === 'forbidden') return this.refuse(res, cors, 403, 'InvalidApiKey', 'Forbidden', requestId);
      if (check.kind !== 'allowed') {
        const [code, message] = check.kind === 'quota' ? ['QuotaExceeded', 'Limit Exceeded'] : ['Throttled', 'Too Many Requests'];
        return this.refuse(res, cors, 429, code, message, requestId, { 'Retry-After': String(check.retryAfterSeconds) });
      }
      apiKeyId = check.keyId;
    }
    const event = buildProxyEvent({ method: req.method ?? 'GET', url, headers: req.headers, body, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', requestId, apiKey, apiKeyId, claims }, match);
    const result = await match.route.handler(event, lambdaContext(match.route.functionName, requestId));
    this.sendResult(res, result, cors);
  }

  /**
   * The usage plan's checks, in API Gateway's order: a key that is unknown, disabled or in no plan
   * is a 403; one whose quota period is spent, or whose bucket is empty, a 429 saying when to retry.
   * Only requests let through count against the quota.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
   */
  private async checkApiKey(value: string | undefined): Promise<{ kind: 'allowed'; keyId: string } | { kind: 'forbidden' } | { kind: 'throttled' | 'quota'; retryAfterSeconds: number }> {
    const key = value === undefined ? undefined : await this.options.apiKeys.find(value);
    if (key === undefined) return { kind: 'forbidden' };
    if (key.quota !== undefined && this.options.apiKeys.used(key) >= key.quota.limit) {
      const now = this.now();
      return { kind: 'quota', retryAfterSeconds: Math.max(1, Math.ceil((nextQuotaPeriodStart(key.quota.period, key.quota.offset, now) - now) / 1000)) };
    }
    if (key.throttle !== undefined) {
      const throttle = this.buckets.take(key.id, key.throttle);
      if (!throttle.allowed) return { kind: 'throttled', retryAfterSeconds: throttle.retryAfterSeconds };
    }
    this.options.apiKeys.count(key.id);
    return { kind: 'allowed', keyId: key.id };
  }

  private sendResult(res: ServerResponse, result: APIGatewayProxyResult, cors: Record<string, string>): void {
    const headers: Record<string, string> = { ...cors };
    for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
    const body = result.isBase64Encoded === true ? Buffer.from(result.body, 'base64') : result.body;
    send(res, result.statusCode, body, headers);
  }

  private refuse(res: ServerResponse, cors: Record<string, string>, status: number, code: string, message: string, requestId: string, extra: Record<string, string> = {}): void {
    const body: ErrorBody = { message, code, requestId };
    send(res, status, JSON.stringify(body), { 'content-type': 'application/json', ...cors, ...extra });
  }

  private corsHeaders(origin: string | undefined): Record<string, string> {
    const allowed = this.options.corsOrigins ?? [];
    if (origin === undefined || !(allowed.includes(origin) || allowed.includes('*'))) return {};
    return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Access-Control-Expose-Headers': CORS.exposeHeaders.join(', ') };
  }
}

/**
 * The Cognito authorizer's per-method check: a method with OAuth scopes takes an access token
 * carrying at least one of them; a method without scopes takes an ID token. Anything else is 401.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html
 */
function methodTakes(payload: JWTPayload, scopes: readonly string[]): boolean {
  if (scopes.length === 0) return payload.token_use === 'id';
  const granted = payload.token_use === 'access' && typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  return scopes.some((scope) => granted.includes(scope));
}

function preflightHeaders(): Record<string, string> {
  return {
    'Access-Control-Allow-Methods': CORS.allowMethods.join(', '),
    'Access-Control-Allow-Headers': CORS.allowHeaders.join(', '),
    'Access-Control-Max-Age': '600',
  };
}

function lambdaContext(functionName: string, requestId: string): Context {
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > GATEWAY_MAX_BODY) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string | Buffer | undefined, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'content-length': String(body === undefined ? 0 : Buffer.byteLength(body)) });
  res.end(body);
}
