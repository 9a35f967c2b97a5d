import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import type { EdgeResponse } from '../edge/EdgeRequest';

/** One request to a server on an internal loopback port. */
export interface ForwardedRequest {
  readonly method: string;
  /** Path and query string, sent exactly as given. */
  readonly path: string;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer;
}

/** What the internal server answered, fully read. */
export interface ForwardedResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

// Hop-by-hop headers belong to one connection, never to the next one (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'expect']);

/** Copies request headers for another hop: drops hop-by-hop headers and sets the body length. */
export function forwardableHeaders(headers: IncomingHttpHeaders, host: string, bodyLength: number): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === 'host' || name === 'content-length') continue;
    out[name] = value;
  }
  out.host = host;
  out['content-length'] = String(bodyLength);
  return out;
}

/** Sends a request to `127.0.0.1:port` over a keep-alive agent and reads the whole answer. */
export function forwardHttp(agent: http.Agent, port: number, request: ForwardedRequest): Promise<ForwardedResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: request.method, path: request.path, headers: request.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/** Turns an internal server's answer into the edge's answer, keeping every end-to-end header. */
export function toEdgeResponse(response: ForwardedResponse): EdgeResponse {
  const headers: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    headers[name] = value;
  }
  return { status: response.status, headers, body: response.body };
}
