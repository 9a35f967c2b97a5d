import fs from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ConsoleConfig } from '../../contracts/consoleConfig';

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
}

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
 */
export class ConsoleServer {
  private readonly server: http.Server;
  private url = '';

  public constructor(private readonly options: ConsoleServerOptions) {
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
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', ...this.headers() });
      res.end();
      return;
    }
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://console').pathname);
    if (pathname === '/config.json') return this.send(req, res, 200, Buffer.from(JSON.stringify(this.config())), '.json', 'no-store');
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

  private send(req: IncomingMessage, res: ServerResponse, status: number, body: Buffer, ext: string, cache: string): void {
    res.writeHead(status, { 'content-type': TYPES[ext] ?? 'text/plain; charset=utf-8', 'content-length': body.length, 'cache-control': cache, ...this.headers() });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}
