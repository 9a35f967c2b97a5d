import http from 'node:http';
import type { EdgeResponse, RawEdgeRequest } from '../../../edge/EdgeRequest';
import { clientHeadersOf, edgeResponseBody } from '../../../edge/InProcessHttpHandler';
import { abortError } from '../../../edge/inProcessErrors';
import { dispatchAbandonable, inProcessEdge } from '../../../edge/inProcessEdges';

/** One service answer as an HTTP client reads it. */
export interface WireAnswer {
  readonly status: number;
  /** Lower-case names, as Node's HTTP client gives them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * The engine's own way to a local service for the calls it makes most (DynamoDB items, SQS
 * SendMessage, EventBridge PutEvents, Data API ExecuteStatement): a ready-made AWS wire request
 * handed to the edge, without the SDK's middleware stack, signing and (de)serialisation, which
 * cost ~0.5 ms per call and were a quarter of the cloud's CPU under load. The edge and the
 * services answer exactly as they answer the SDK; anything unusual still goes through the SDK.
 */
export interface ServiceWire {
  exchange(request: RawEdgeRequest, signal: AbortSignal): Promise<WireAnswer>;
  destroy(): void;
}

/**
 * A wire to the local cloud at `endpoint`: straight into its edge when it runs in this process
 * (looked up per call, as an edge may start after the engine), over keep-alive HTTP otherwise.
 * `LOCAL_ENGINE_WIRE=0` turns the wire off (every call then goes through the SDK).
 */
export function createServiceWire(endpoint: string): ServiceWire | undefined {
  if (process.env.LOCAL_ENGINE_WIRE === '0') return undefined;
  const agent = new http.Agent({ keepAlive: true });
  const url = new URL(endpoint);
  return {
    async exchange(request, signal) {
      if (signal.aborted) throw abortError();
      const edge = inProcessEdge(endpoint);
      if (edge !== undefined) return answerOf(await dispatchAbandonable(edge, request, signal));
      return overHttp(agent, url, request, signal);
    },
    destroy: () => agent.destroy(),
  };
}

function answerOf(response: EdgeResponse): WireAnswer {
  const body = edgeResponseBody(response);
  return { status: response.status, headers: clientHeadersOf(response, body), body };
}

function overHttp(agent: http.Agent, url: URL, request: RawEdgeRequest, signal: AbortSignal): Promise<WireAnswer> {
  return new Promise((resolve, reject) => {
    const headers = { ...request.headers, host: url.host, 'content-length': String(request.body.length) };
    const outgoing = http.request({ host: url.hostname, port: url.port, method: request.method, path: request.rawUrl, headers, agent, signal }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const answerHeaders: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) answerHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: response.statusCode ?? 0, headers: answerHeaders, body: Buffer.concat(chunks) });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
