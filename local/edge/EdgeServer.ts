import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { checkRequest, type RequestPolicy } from '../guard/checkRequest';
import { HostAllowList } from '../guard/HostAllowList';
import type { ClientGone, EdgeRequest, EdgeResponse, RawEdgeRequest, ServiceName } from './EdgeRequest';
import { protocolOf } from './EdgeProtocol';
import type { LocalService, ServiceHealth } from './LocalService';
import { awsJsonError } from './awsErrors';
import { checkContentType } from './checkContentType';
import { edgeRefusal, type EdgeRefusalKind } from './edgeRefusal';
import { registerInProcessEdge, unregisterInProcessEdge } from './inProcessEdges';
import { operationOf, RequestCounters } from './RequestCounters';
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
  /** The `Host` names the port answers to. @default loopback names and `host` (and LOCAL_ALLOWED_HOSTS) */
  readonly allowedHosts?: HostAllowList;
  /** Largest request body at the port, bytes; S3 PUTs have their own. @default 16 MiB (DynamoDB's largest request) */
  readonly maxBodyBytes?: number;
  /** Largest S3 PUT body (PutObject, UploadPart) at the port, bytes. @default 256 MiB */
  readonly maxObjectBytes?: number;
}

/** What the port reads at most; the edge holds each request in memory. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const MAX_OBJECT_BYTES = 256 * 1024 * 1024;

/** The one HTTP port of the local cloud: routes each AWS call to the service it is for. */
export class EdgeServer {
  private readonly services = new Map<ServiceName, LocalService>();
  private readonly server: http.Server;
  private readonly policy: RequestPolicy;
  private readonly maxBodyBytes: number;
  private readonly maxObjectBytes: number;
  private url: string | undefined;
  /** Requests and bytes per service and operation since start (or the last reset): what the cost model measures. */
  public readonly counters = new RequestCounters();

  private constructor(private readonly options: EdgeServerOptions) {
    // No browser origin at all: the console talks to our API, never to AWS directly.
    this.policy = { hosts: options.allowedHosts ?? new HostAllowList({ listenHost: options.host }), origins: [], serverName: 'The local AWS edge' };
    this.maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
    this.maxObjectBytes = options.maxObjectBytes ?? MAX_OBJECT_BYTES;
    this.server = http.createServer((req, res) => {
      // Node's request callback cannot await; onRequest answers every failure itself (a 500 at worst).
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
    registerInProcessEdge(edge.url, edge);
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
    if (this.url !== undefined) unregisterInProcessEdge(this.url, this);
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

  /**
   * A request from the port: checked for who sent it and what it looks like before its body is
   * read (SDK clients of this process skip the port and these checks, see `dispatch`).
   */
  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const method = req.method ?? 'GET';
      const url = new URL(req.url ?? '/', 'http://edge.local');
      const protocol = protocolOf(routeRequest(method, url, req.headers), req.headers);
      const refuse = (kind: EdgeRefusalKind, message: string): void => sendAndClose(res, edgeRefusal(protocol, kind, message, method));
      const forbidden = checkRequest(req.headers, req.socket.localPort ?? 0, this.policy);
      if (forbidden !== undefined) return refuse('forbidden', forbidden.message);
      const wrongShape = checkContentType(method, url.pathname, req.headers, protocol);
      if (wrongShape !== undefined) return refuse('contentType', wrongShape);
      const objectPut = protocol.kind === 'restXml' && method === 'PUT';
      const limit = objectPut ? this.maxObjectBytes : this.maxBodyBytes;
      const body = await readBody(req, limit);
      if (body === undefined) return refuse('tooLarge', `The request body is larger than the local cloud takes (${limit} bytes${objectPut ? ' for an S3 PUT' : ''})`);
      send(res, await this.dispatch({ method, rawUrl: req.url ?? '/', headers: req.headers, body, clientGone: clientGone(res) }));
    } catch (error) {
      this.options.logger.error({ err: error, url: req.url }, 'edge request failed');
      if (!res.headersSent) {
        send(res, awsJsonError(500, 'InternalFailure', `The local cloud failed on this request: ${error instanceof Error ? error.message : String(error)}`));
      } else {
        res.destroy();
      }
    }
  }

  /**
   * Routes one fully read request to its service and returns the answer: what the HTTP port does
   * after reading a request, and what SDK clients of this process call directly (see
   * `InProcessHttpHandler`), skipping the socket and the HTTP parsing on both sides.
   */
  public async dispatch(raw: RawEdgeRequest): Promise<EdgeResponse> {
    try {
      const url = new URL(raw.rawUrl, 'http://edge.local');
      const { method, headers } = raw;
      if (method === 'GET' && url.pathname === '/health' && headers.authorization === undefined) {
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ services: this.health() }) };
      }
      const route = routeRequest(method, url, headers);
      const service = route.service !== undefined ? this.services.get(route.service) : undefined;
      if (route.service === undefined || service === undefined) {
        const name = route.requested ?? 'unknown';
        return awsJsonError(400, 'UnknownServiceException', `The local cloud does not serve '${name}'${route.target !== undefined ? ` (operation ${route.target})` : ''}; it serves: ${[...this.services.keys()].join(', ')}`);
      }
      const request: EdgeRequest = {
        method,
        url,
        rawUrl: raw.rawUrl,
        headers,
        body: raw.body,
        service: route.service,
        target: route.target,
        region: route.region ?? this.options.region,
        accountId: this.options.accountId,
        clientGone: raw.clientGone,
      };
      const response = await service.handle(request);
      this.counters.record(route.service, operationOf(route.service, method, url, route.target), raw.body.length, response);
      return response;
    } catch (error) {
      this.options.logger.error({ err: error, url: raw.rawUrl }, 'edge request failed');
      return awsJsonError(500, 'InternalFailure', `The local cloud failed on this request: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** The body, or undefined as soon as it is known to exceed `limit` (declared or counted). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      resolve(undefined);
    };
    req.on('data', onData);
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Aborts when the connection closes before the answer was written out whole (the client aborted,
 * timed out or shut down): 'close' also follows every answer sent, after 'finish'.
 */
function clientGone(res: ServerResponse): ClientGone {
  const gone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  return gone;
}

/** Answers and closes the connection: the rest of a refused body is not worth reading. */
function sendAndClose(res: ServerResponse, response: EdgeResponse): void {
  res.setHeader('connection', 'close');
  send(res, response);
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
