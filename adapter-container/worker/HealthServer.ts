import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkerStats } from './WorkerLifecycle';

/** Where the health endpoint listens when not told: `adapterConfig.ts` reads its env overrides over these. */
export const HEALTH_DEFAULTS = { port: 8080, host: '127.0.0.1' } as const;

/** Options of {@link HealthServer.start}. */
export interface HealthServerOptions {
  /** The worker's current stats. */
  readonly stats: () => WorkerStats;
  /** @default 8080; 0 picks a free port */
  readonly port?: number;
  /**
   * The address to bind. Loopback by default: the container's HEALTHCHECK and the ECS container
   * health check run inside the container, and the stats are nobody else's business.
   * @default '127.0.0.1'
   */
  readonly host?: string;
}

/**
 * `GET /health`: 200 with the worker's stats while RUNNING, 503 while DRAINING or STOPPED, so a
 * load balancer or ECS stops counting on a worker that is going away.
 */
export class HealthServer {
  private constructor(
    private readonly server: http.Server,
    /** The address actually bound. */
    public readonly host: string,
    /** The port actually bound (useful with port 0). */
    public readonly port: number,
  ) {}

  /** Listens and resolves once the port is bound. */
  public static async start(options: HealthServerOptions): Promise<HealthServer> {
    const server = http.createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      if (path !== '/health' || (request.method !== 'GET' && request.method !== 'HEAD')) {
        response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not Found' }));
        return;
      }
      const stats = options.stats();
      response.writeHead(stats.state === 'RUNNING' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : JSON.stringify(stats));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? HEALTH_DEFAULTS.port, options.host ?? HEALTH_DEFAULTS.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { address, port } = server.address() as AddressInfo;
    return new HealthServer(server, address, port);
  }

  /** Stops listening and closes idle keep-alive connections. */
  public async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }
}
