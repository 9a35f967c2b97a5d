import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpHandlerOptions, HttpResponse } from '@smithy/types';
import { setProcessRequestHandler } from '../../lib/aws/processRequestHandler';
import { InProcessHttpHandler } from './InProcessHttpHandler';
import { inProcessEdge } from './inProcessEdges';

/** The request class the SDK hands its handler. */
type SdkHttpRequest = Parameters<NodeHttpHandler['handle']>[0];

/**
 * An SDK v3 `requestHandler` for production clients running inside the local cloud's process
 * (the zip functions): a request to an edge of this process goes to it without a socket
 * (`InProcessHttpHandler`), any other (or any with `LOCAL_EDGE_IN_PROCESS=0`) through the SDK's own
 * Node handler, as it would without this handler. The choice is made per request, so an edge
 * started or stopped later is followed.
 */
export class EdgeFirstHttpHandler {
  public readonly metadata = { handlerProtocol: 'http/1.1' };
  private readonly http = new NodeHttpHandler();
  private readonly viaEdge = new Map<string, InProcessHttpHandler>();

  public handle(request: SdkHttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
    const origin = originOf(request);
    if (process.env.LOCAL_EDGE_IN_PROCESS === '0' || inProcessEdge(origin) === undefined) return this.http.handle(request, options);
    let handler = this.viaEdge.get(origin);
    if (handler === undefined) this.viaEdge.set(origin, (handler = new InProcessHttpHandler(origin)));
    return handler.handle(request, options);
  }

  public updateHttpClientConfig(key: Parameters<NodeHttpHandler['updateHttpClientConfig']>[0], value: Parameters<NodeHttpHandler['updateHttpClientConfig']>[1]): void {
    this.http.updateHttpClientConfig(key, value);
  }

  public httpHandlerConfigs(): ReturnType<NodeHttpHandler['httpHandlerConfigs']> {
    return this.http.httpHandlerConfigs();
  }

  public destroy(): void {
    this.http.destroy();
  }
}

/** `http://127.0.0.1:4566`, as an edge registers its endpoint. */
function originOf(request: SdkHttpRequest): string {
  const port = request.port === undefined ? '' : `:${request.port}`;
  return `${request.protocol}//${request.hostname}${port}`;
}

/**
 * Sends the requests of this process's production AWS clients (`tasks/shared/clients`, built from
 * now on) to an in-process edge without a socket; `LOCAL_EDGE_IN_PROCESS=0` keeps them on HTTP (the
 * handler reads it on every request too, for clients built before it was set).
 */
export function routeProcessClientsToEdges(): void {
  setProcessRequestHandler(process.env.LOCAL_EDGE_IN_PROCESS === '0' ? undefined : () => new EdgeFirstHttpHandler());
}
