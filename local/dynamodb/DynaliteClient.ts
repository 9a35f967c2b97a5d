import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { EdgeRequest, EdgeResponse } from '../edge/EdgeRequest';

/** A JSON object as DynamoDB's wire protocol carries it. */
export type JsonObject = Record<string, unknown>;

/** dynalite's answer to one internal call: the parsed body, or the AWS error to pass on as is. */
export type DynaliteResult =
  | { readonly ok: true; readonly value: JsonObject }
  | { readonly ok: false; readonly type: string; readonly message: string; readonly response: EdgeResponse };

const API_VERSION = 'DynamoDB_20120810';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** The request listener dynalite's server runs: `(req, res)`, reading only what {@link InternalRequest} and {@link InternalResponse} offer. */
type DynaliteListener = (req: InternalRequest, res: InternalResponse) => void;

/** What dynalite reads of a request: its events, method, URL and headers. */
class InternalRequest extends EventEmitter {
  public constructor(
    public readonly method: string,
    public readonly url: string,
    public readonly headers: IncomingHttpHeaders,
  ) {
    super();
  }
}

/** What dynalite writes to a response: status, headers and one `end(body)`. */
class InternalResponse {
  public statusCode = 200;
  /** dynalite keeps the negotiated content type here between its steps. */
  public contentType: string | undefined;
  public readonly headers: Record<string, string> = {};

  public constructor(private readonly done: (response: EdgeResponse) => void) {}

  public setHeader(name: string, value: string | number): void {
    const header = name.toLowerCase();
    // Framing belongs to a connection (dynalite sets it on its 413); the edge frames its own answer.
    if (header === 'transfer-encoding' || header === 'connection') return;
    this.headers[header] = String(value);
  }

  public end(body?: string): void {
    this.done({ status: this.statusCode, headers: this.headers, body: body ?? '' });
  }
}

/**
 * Talks to dynalite in this process: requests go straight to its server's request listener
 * (validation, actions, error shapes and CRC header exactly as over HTTP) without a loopback
 * socket. The server still listens on its internal port, which is how it closes its store.
 */
export class DynaliteClient {
  private readonly listener: DynaliteListener;

  public constructor(server: Server) {
    const listener = server.listeners('request')[0];
    if (typeof listener !== 'function') throw new Error('dynalite server has no request listener');
    this.listener = listener as DynaliteListener;
  }

  /** Passes a client's request on untouched (its signature is not checked by dynalite). */
  public forward(request: EdgeRequest): Promise<EdgeResponse> {
    return this.send(request.method, request.rawUrl, request.headers, request.body);
  }

  /** Calls one dynalite operation for the local layer's own needs (transactions, TTL). */
  public async call(operation: string, input: JsonObject): Promise<DynaliteResult> {
    const body = Buffer.from(JSON.stringify(input));
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    const response = await this.send('POST', '/', {
      'content-type': CONTENT_TYPE,
      'content-length': String(body.length),
      'x-amz-target': `${API_VERSION}.${operation}`,
      'x-amz-date': amzDate,
      // dynalite wants a well-formed SigV4 header but never verifies it.
      authorization: `AWS4-HMAC-SHA256 Credential=local/${amzDate.slice(0, 8)}/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
    }, body);
    const parsed = parseJson(response.body);
    if (response.status === 200) return { ok: true, value: parsed };
    const type = typeof parsed.__type === 'string' ? parsed.__type : 'InternalFailure';
    const message = typeof parsed.message === 'string' ? parsed.message : typeof parsed.Message === 'string' ? parsed.Message : '';
    return { ok: false, type, message, response };
  }

  public close(): void {
    // Nothing to release: there is no connection.
  }

  private send(method: string, url: string, headers: IncomingHttpHeaders, body: Buffer): Promise<EdgeResponse> {
    return new Promise((resolve) => {
      const req = new InternalRequest(method, url, headers);
      this.listener(req, new InternalResponse(resolve));
      if (body.length > 0) req.emit('data', body);
      req.emit('end');
    });
  }
}

function parseJson(body: EdgeResponse['body']): JsonObject {
  try {
    const value: unknown = JSON.parse(body === undefined ? '' : body.toString());
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
  } catch {
    return {};
  }
}
