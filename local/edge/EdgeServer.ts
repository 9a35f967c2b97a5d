import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { EdgeRequest, EdgeResponse, ServiceName } from './EdgeRequest';
import type { LocalService, ServiceHealth } from './LocalService';
import { awsJsonError } from './awsErrors';
import { routeRequest } from './routeRequest';

/** Options of {@link EdgeServer}. */
export interface EdgeServerOptions {
  /** @default 4566; 0 picks a free port */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  readonly region: string;
  readonly accountId: string;
  readonly logger: Logger;
}

/** The one HTTP port of the local cloud: routes each AWS call to the service it is for. */
export class EdgeServer {
  private readonly services = new Map<ServiceName, LocalService>();
  private readonly server: http.Server;
  private url: string | undefined;

  private constructor(private readonly options: EdgeServerOptions) {
    this.server = http.createServer((req, res) => {
      void this.onRequest(req, res);
    });
    this.server.keepAliveTimeout = 65_000;
  }

  /** Starts listening; services are registered afterwards, once they know the edge's URL. */
  public static async start(options: EdgeServerOptions): Promise<EdgeServer> {
    const edge = new EdgeServer(options);
    await new Promise<void>((resolve, reject) => {
      edge.server.once('error', reject);
      edge.server.listen(options.port ?? 4566, options.host ?? '127.0.0.1', () => {
        edge.server.off('error', reject);
        resolve();
      });
    });
    const address = edge.server.address() as AddressInfo;
    edge.url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
    return edge;
  }

  /** The edge's base URL, e.g. `http://127.0.0.1:4566`. */
  public get endpoint(): string {
    if (this.url === undefined) throw new Error('edge not started');
    return this.url;
  }

  public register(service: LocalService): void {
    this.services.set(service.name, service);
  }

  public health(): Record<string, ServiceHealth> {
    const report: Record<string, ServiceHealth> = {};
    for (const [name, service] of this.services) report[name] = service.health();
    return report;
  }

  /** Stops every service, then the HTTP server. */
  public async stop(): Promise<void> {
    for (const service of [...this.services.values()].reverse()) {
      try {
        await service.stop();
      } catch (error) {
        this.options.logger.warn({ err: error, service: service.name }, 'service failed to stop cleanly');
      }
    }
    this.services.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://edge.local');
      const method = req.method ?? 'GET';
      if (method === 'GET' && url.pathname === '/health' && req.headers.authorization === undefined) {
        send(res, { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ services: this.health() }) });
        return;
      }
      const route = routeRequest(method, url, req.headers);
      const service = route.service !== undefined ? this.services.get(route.service) : undefined;
      if (route.service === undefined || service === undefined) {
        const name = route.requested ?? 'unknown';
        send(res, awsJsonError(400, 'UnknownServiceException', `The local cloud does not serve '${name}'${route.target !== undefined ? ` (operation ${route.target})` : ''}; it serves: ${[...this.services.keys()].join(', ')}`));
        return;
      }
      const request: EdgeRequest = {
        method,
        url,
        rawUrl: req.url ?? '/',
        headers: req.headers,
        body,
        service: route.service,
        target: route.target,
        region: route.region ?? this.options.region,
        accountId: this.options.accountId,
      };
      send(res, await service.handle(request));
    } catch (error) {
      this.options.logger.error({ err: error, url: req.url }, 'edge request failed');
      if (!res.headersSent) {
        send(res, awsJsonError(500, 'InternalFailure', `The local cloud failed on this request: ${error instanceof Error ? error.message : String(error)}`));
      } else {
        res.destroy();
      }
    }
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: EdgeResponse): void {
  if (res.destroyed) return;
  const body = response.body ?? '';
  const headers: Record<string, string | readonly string[]> = { ...(response.headers ?? {}) };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  res.writeHead(response.status, headers as http.OutgoingHttpHeaders);
  res.end(body);
}
