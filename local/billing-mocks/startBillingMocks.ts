import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { ZodError } from 'zod';
import type { UsageCompany } from '../../contracts/usagePlatform';
import { checkRequest } from '../guard/checkRequest';
import { HostAllowList } from '../guard/HostAllowList';
import type { OmieKnobsPatch, UsageKnobsPatch } from './billingMockKnobs';
import { OmieMock, type MockAnswer } from './OmieMock';
import { UsagePlatformMock } from './UsagePlatformMock';

/** Options of {@link startBillingMocks}. */
export interface BillingMocksOptions {
  /** 0 picks a free port. @default 4582 */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /**
   * The local cloud's time scale: Omie's windows (a minute of calls, 60 s between redundant calls)
   * pass this much faster, as every other timer of the stack does. @default 1
   */
  readonly timeScale?: number;
  /** How latency is waited (the local cloud's scaled clock). @default real timers */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default Math.random */
  readonly random?: () => number;
  /** The usage platform's client companies. @default 20 generated ones */
  readonly clients?: readonly UsageCompany[];
  readonly usageKnobs?: UsageKnobsPatch;
  readonly omieKnobs?: OmieKnobsPatch;
  /** @default silent */
  readonly logger?: Logger;
}

/** The credentials the mocks accept (what Secrets Manager holds in AWS). */
export interface BillingMockCredentials {
  readonly usageToken: string;
  readonly omieAppKey: string;
  readonly omieAppSecret: string;
}

/** The running mocks of the usage platform and the ERP. */
export interface BillingMocks {
  /** The usage platform's base URL (`{usageUrl}/v1/empresas`). */
  readonly usageUrl: string;
  /** The ERP's base URL (`{omieUrl}/api/v1/servicos/contrato/`). */
  readonly omieUrl: string;
  readonly credentials: BillingMockCredentials;
  readonly usage: UsagePlatformMock;
  readonly omie: OmieMock;
  stop(): Promise<void>;
}

const CREDENTIALS: BillingMockCredentials = { usageToken: 'usage-local-token', omieAppKey: '1234567890123', omieAppSecret: 'local-omie-app-secret' };

/**
 * Starts the usage platform (`/usage/v1/...`) and the ERP (`/omie/api/v1/...`) on one port, with
 * their knobs and stats under `/_mock/usage/...` and `/_mock/omie/...` (GET `config`, POST
 * `config` with a part of the knobs, GET `stats`, POST `reset`).
 */
export async function startBillingMocks(options: BillingMocksOptions = {}): Promise<BillingMocks> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const timeScale = options.timeScale ?? 1;
  const startedAt = Date.now();
  // Omie's windows run on the stack's time: a minute at time scale 0.1 is 6 real seconds.
  const now = (): number => startedAt + (Date.now() - startedAt) / timeScale;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const usage = new UsagePlatformMock({ token: CREDENTIALS.usageToken, clients: options.clients, random: options.random, knobs: options.usageKnobs });
  const omie = new OmieMock({ appKey: CREDENTIALS.omieAppKey, appSecret: CREDENTIALS.omieAppSecret, now, random: options.random, knobs: options.omieKnobs });

  async function route(req: IncomingMessage, url: URL): Promise<MockAnswer> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path.startsWith('/_mock/')) return admin(method, path, await readJson(req));
    if (path.startsWith('/usage/')) {
      if (method !== 'GET') return { status: 405, body: { erro: 'use GET' } };
      await sleep(usage.getKnobs().latencyMs);
      return usage.handle(path.slice('/usage'.length), url.searchParams, req.headers.authorization);
    }
    if (path.startsWith('/omie/')) {
      if (method !== 'POST') return { status: 405, body: { faultstring: 'ERROR: use POST', faultcode: 'SOAP-ENV:Client-1' } };
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return { status: 415, body: { faultstring: 'ERROR: Content-Type deve ser application/json', faultcode: 'SOAP-ENV:Client-1' } };
      const body = await readJson(req);
      await sleep(omie.getKnobs().latencyMs);
      return omie.handle(path.slice('/omie'.length), body);
    }
    return { status: 404, body: { error: `no route ${method} ${path}` } };
  }

  function admin(method: string, path: string, body: unknown): MockAnswer {
    const parts = path.split('/').filter((part) => part !== '');
    const [, system, action] = parts;
    const target = system === 'usage' ? usage : system === 'omie' ? omie : undefined;
    if (target === undefined) return { status: 404, body: { error: `no mock '${system ?? ''}': use /_mock/usage/... or /_mock/omie/...` } };
    if (action === 'stats' && method === 'GET') return { status: 200, body: target.snapshot() };
    if (action === 'config' && method === 'GET') return { status: 200, body: target.getKnobs() };
    if (action === 'config' && method === 'POST') return { status: 200, body: target === usage ? usage.setKnobs(body as UsageKnobsPatch) : omie.setKnobs(body as OmieKnobsPatch) };
    if (action === 'reset' && method === 'POST') {
      if (target === omie) omie.reset();
      else usage.resetStats();
      return { status: 204, body: undefined };
    }
    return { status: 404, body: { error: `no route ${method} ${path}` } };
  }

  const host = options.host ?? '127.0.0.1';
  const policy = { hosts: new HostAllowList({ listenHost: host }), origins: [], serverName: 'The billing mocks' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://mock');
    const refusal = checkRequest(req.headers, req.socket.localPort ?? 0, policy);
    if (refusal !== undefined) return send(res, { status: 403, body: { error: refusal.message } });
    route(req, url).then(
      (answer) => send(res, answer),
      (error: unknown) => {
        if (error instanceof ZodError || error instanceof SyntaxError) return send(res, { status: 400, body: { error: error.message } });
        logger.error({ err: error }, 'billing mock failed to answer');
        return send(res, { status: 500, body: { error: 'internal error of the billing mock' } });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4582, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://${host}:${port}`;
  logger.info({ url: base }, 'billing mocks listening');
  return {
    usageUrl: `${base}/usage`,
    omieUrl: `${base}/omie`,
    credentials: CREDENTIALS,
    usage,
    omie,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
}

function send(res: ServerResponse, answer: MockAnswer): void {
  if (answer.body === undefined) {
    res.writeHead(answer.status).end();
    return;
  }
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
}
