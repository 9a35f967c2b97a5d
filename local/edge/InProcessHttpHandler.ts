import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { HttpHandlerOptions, HttpRequest, HttpResponse } from '@smithy/types';
import type { EdgeResponse } from './EdgeRequest';
import { escapeUri } from './escapeUri';
import { abortError, connectionRefused } from './inProcessErrors';
import { dispatchAbandonable, inProcessEdge } from './inProcessEdges';

/**
 * An SDK v3 `requestHandler` for clients that live in the same process as the local cloud: the
 * signed request goes to the edge's router and service as the HTTP port would hand it over, and
 * the answer comes back as the HTTP client would have read it — without a socket, and without
 * HTTP serialisation and parsing on both sides. Everything above the transport (serialisation,
 * SigV4 signing, retries, deserialisation, error mapping) is the real SDK's.
 */
export class InProcessHttpHandler {
  public readonly metadata = { handlerProtocol: 'http/1.1' };

  public constructor(private readonly endpoint: string) {}

  /** Answers one request through the in-process edge at the endpoint. */
  public async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    // The SDK's type also allows a legacy signal without addEventListener: only a real one is raced.
    const signal = options.abortSignal instanceof AbortSignal ? options.abortSignal : undefined;
    if (options.abortSignal?.aborted === true) throw abortError();
    const edge = inProcessEdge(this.endpoint);
    if (edge === undefined) throw connectionRefused(this.endpoint);
    const body = await bodyBuffer(request.body);
    const response = await dispatchAbandonable(edge, { method: request.method, rawUrl: rawUrlOf(request), headers: headersOf(request.headers), body }, signal, abortError);
    return { response: toSdkResponse(response) };
  }

  public updateHttpClientConfig(): void {
    // Nothing to configure: there is no connection.
  }

  public httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  public destroy(): void {
    // No sockets to release.
  }
}

/** Path and query as the SDK's Node handler puts them on the wire. */
function rawUrlOf(request: HttpRequest): string {
  let url = request.path;
  const query = request.query !== undefined ? queryStringOf(request.query) : '';
  if (query !== '') url += `?${query}`;
  if (request.fragment !== undefined && request.fragment !== '') url += `#${request.fragment}`;
  return url;
}

/** `@smithy/querystring-builder`'s encoding: keys sorted, RFC 3986 escaping, bare keys for null. */
function queryStringOf(query: NonNullable<HttpRequest['query']>): string {
  const parts: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    const name = escapeUri(key);
    if (Array.isArray(value)) {
      for (const item of value as readonly string[]) parts.push(`${name}=${escapeUri(item)}`);
    } else if (typeof value === 'string') {
      parts.push(`${name}=${escapeUri(value)}`);
    } else {
      parts.push(name);
    }
  }
  return parts.join('&');
}

/** Lower-case names, as Node's HTTP server hands headers to the edge. */
function headersOf(headers: HttpRequest['headers']): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const name of Object.keys(headers)) out[name.toLowerCase()] = headers[name];
  return out;
}

async function bodyBuffer(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Readable || isAsyncIterable(body)) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<unknown>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }
  throw new TypeError(`unsupported request body: ${Object.prototype.toString.call(body)}`);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Headers as Node's HTTP client reads them: lower-case names, repeated values joined. */
function toSdkResponse(response: EdgeResponse): HttpResponse {
  const body = edgeResponseBody(response);
  return { statusCode: response.status, headers: clientHeadersOf(response, body), body: Readable.from([body], { objectMode: false }) };
}

/** A service's answer body as bytes. */
export function edgeResponseBody(response: EdgeResponse): Buffer {
  return response.body === undefined ? Buffer.alloc(0) : typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
}

/**
 * The headers an HTTP client would read for a service's answer sent through the edge's port:
 * lower-case names, repeated values joined, `content-length` and `date` as Node's server adds them.
 */
export function clientHeadersOf(response: EdgeResponse, body: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    headers[name.toLowerCase()] = typeof value === 'string' ? value : value.join(', ');
  }
  headers['content-length'] ??= String(body.length);
  // Node's HTTP server dates every answer; the SDK reads it to correct clock skew.
  headers.date ??= httpDate();
  return headers;
}

let dateSecond = 0;
let dateText = '';

/** The current time as an HTTP date, computed once per second as Node's server does. */
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}
