import http from 'node:http';
import type { EdgeRequest, EdgeResponse } from '../edge/EdgeRequest';
import { forwardableHeaders, forwardHttp, toEdgeResponse } from '../s3/forwardHttp';

/** A JSON object as DynamoDB's wire protocol carries it. */
export type JsonObject = Record<string, unknown>;

/** dynalite's answer to one internal call: the parsed body, or the AWS error to pass on as is. */
export type DynaliteResult =
  | { readonly ok: true; readonly value: JsonObject }
  | { readonly ok: false; readonly type: string; readonly message: string; readonly response: EdgeResponse };

const API_VERSION = 'DynamoDB_20120810';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** Talks to the dynalite server on its internal loopback port. */
export class DynaliteClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

  public constructor(private readonly port: number) {}

  /** Passes a client's request on untouched (its signature is not checked by dynalite). */
  public async forward(request: EdgeRequest): Promise<EdgeResponse> {
    const response = await forwardHttp(this.agent, this.port, {
      method: request.method,
      path: request.rawUrl,
      headers: forwardableHeaders(request.headers, `127.0.0.1:${this.port}`, request.body.length),
      body: request.body,
    });
    return toEdgeResponse(response);
  }

  /** Calls one dynalite operation for the local layer's own needs (transactions, TTL). */
  public async call(operation: string, input: JsonObject): Promise<DynaliteResult> {
    const body = Buffer.from(JSON.stringify(input));
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    const response = await forwardHttp(this.agent, this.port, {
      method: 'POST',
      path: '/',
      headers: {
        host: `127.0.0.1:${this.port}`,
        'content-type': CONTENT_TYPE,
        'content-length': String(body.length),
        'x-amz-target': `${API_VERSION}.${operation}`,
        'x-amz-date': amzDate,
        // dynalite wants a well-formed SigV4 header but never verifies it.
        authorization: `AWS4-HMAC-SHA256 Credential=local/${amzDate.slice(0, 8)}/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body,
    });
    const parsed = parseJson(response.body);
    if (response.status === 200) return { ok: true, value: parsed };
    const type = typeof parsed.__type === 'string' ? parsed.__type : 'InternalFailure';
    const message = typeof parsed.message === 'string' ? parsed.message : typeof parsed.Message === 'string' ? parsed.Message : '';
    return { ok: false, type, message, response: toEdgeResponse(response) };
  }

  public close(): void {
    this.agent.destroy();
  }
}

function parseJson(body: Buffer): JsonObject {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
  } catch {
    return {};
  }
}
