import fs from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ConsoleConfig } from '../../contracts/consoleConfig';
import { checkRequest } from '../guard/checkRequest';
import { HostAllowList } from '../guard/HostAllowList';

/** Options of {@link ConsoleServer}. */
export interface ConsoleServerOptions {
  /** The built console (`web/dist`). */
  readonly distDir: string;
  /**
   * Served as `/config.json`: where the API is and how to sign in. A function, so the console's
   * port can be known (it is the API's CORS origin) before the API it points at has started.
   */
  readonly config: ConsoleConfig | (() => ConsoleConfig);
  /** @default 3001 (0 = any free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** The `Host` names it answers to. @default loopback names and `host` (and LOCAL_ALLOWED_HOSTS) */
  readonly allowedHosts?: HostAllowList;
}

/** Where the local sign-in posts: this server, which asks the API's token endpoint (see {@link ConsoleServer}). */
const SIGN_IN_PATH = '/local/token';
/** A sign-in request is a tenant and a role: a few hundred bytes. */
const SIGN_IN_MAX_BYTES = 64 * 1024;

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The CSP the CloudFront distribution sends too (infra WebStack): no inline script or style, no
 * eval; the console talks only to itself and to our API.
 */
export function contentSecurityPolicy(apiUrl: string): string {
  const api = new URL(apiUrl).origin;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "worker-src 'self'",
    `connect-src 'self' ${api}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Serves the console locally at its own origin (`http://127.0.0.1:3001`), as S3 + CloudFront do
 * in AWS: static files, `/config.json`, `index.html` for the app's routes, and the security headers.
 * It answers only its own Host names and same-origin requests. The local sign-in posts to this
 * server, which asks the API's token endpoint without an Origin: that endpoint mints ops tokens,
 * so it takes no browser origin at all (as a Hosted UI is its own site, not the console's fetch).
 */
export class ConsoleServer {
  private readonly server: http.Server;
  private readonly hosts: HostAllowList;
  private url = '';

  public constructor(private readonly options: ConsoleServerOptions) {
    this.hosts = options.allowedHosts ?? new HostAllowList({ listenHost: options.host });
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('internal error');
      });
    });
  }

  /** The console's base URL, once started. */
  public get endpoint(): string {
    return this.url;
  }

  public async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 3001, this.options.host ?? '127.0.0.1', () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    this.url = `http://${this.options.host ?? '127.0.0.1'}:${address.port}`;
    return this;
  }

  public async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private config(): ConsoleConfig {
    return typeof this.options.config === 'function' ? this.options.config() : this.options.config;
  }

  private headers(): Record<string, string> {
    return {
      'content-security-policy': contentSecurityPolicy(this.config().apiUrl),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'x-frame-options': 'DENY',
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Same origin only: once Host is ours, the console's origin is the one it names.
    const refusal = checkRequest(req.headers, req.socket.localPort ?? 0, { hosts: this.hosts, origins: [`http://${req.headers.host ?? ''}`], serverName: 'The local console' });
    if (refusal !== undefined) return this.send(req, res, 403, Buffer.from(refusal.message), '.txt', 'no-store');
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://console').pathname);
    if (req.method === 'POST' && pathname === SIGN_IN_PATH) return this.signIn(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', ...this.headers() });
      res.end();
      return;
    }
    if (pathname === '/config.json') return this.send(req, res, 200, Buffer.from(JSON.stringify(this.served(req))), '.json', 'no-store');
    const root = path.resolve(this.options.distDir);
    const file = path.resolve(root, `.${pathname}`);
    if (file.startsWith(root + path.sep) && path.extname(file) !== '') {
      try {
        const body = await fs.readFile(file);
        // Hashed asset names never change content: cache them for good.
        return this.send(req, res, 200, body, path.extname(file), pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      } catch {
        return this.send(req, res, 404, Buffer.from('not found'), '.txt', 'no-store');
      }
    }
    // An app route (/invoices/..., /executions/...): the single page answers it.
    const index = await fs.readFile(path.join(root, 'index.html'));
    return this.send(req, res, 200, index, '.html', 'no-cache');
  }

  /** The config the browser gets: a local sign-in posts to this server, at the origin the page was loaded from. */
  private served(req: IncomingMessage): ConsoleConfig {
    const config = this.config();
    if (config.auth.kind !== 'local') return config;
    return { ...config, auth: { ...config.auth, tokenUrl: `http://${req.headers.host ?? ''}${SIGN_IN_PATH}` } };
  }

  /** The local sign-in: a JSON body passed to the API's token endpoint, its answer passed back. */
  private async signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const config = this.config();
    const json = (status: number, body: unknown): void => this.send(req, res, status, Buffer.from(JSON.stringify(body)), '.json', 'no-store');
    if (config.auth.kind !== 'local') return json(404, { message: 'This console signs in with Cognito, not locally' });
    const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return json(415, { message: `Sign-in takes a JSON body (Content-Type application/json); got ${type === undefined ? 'none' : `'${type}'`}` });
    const body = await readLimited(req, SIGN_IN_MAX_BYTES);
    if (body === undefined) return json(413, { message: `Sign-in bodies are at most ${SIGN_IN_MAX_BYTES} bytes` });
    const answer = await fetch(config.auth.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body.toString('utf8') });
    return this.send(req, res, answer.status, Buffer.from(await answer.arrayBuffer()), '.json', 'no-store');
  }

  private send(req: IncomingMessage, res: ServerResponse, status: number, body: Buffer, ext: string, cache: string): void {
    res.writeHead(status, { 'content-type': TYPES[ext] ?? 'text/plain; charset=utf-8', 'content-length': body.length, 'cache-control': cache, ...this.headers() });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}

/** The body, or undefined past `limit` bytes. */
function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}
