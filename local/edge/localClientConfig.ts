import type { LocalContext } from './LocalContext';
import { InProcessHttpHandler } from './InProcessHttpHandler';
import { inProcessEdge } from './inProcessEdges';

/** SDK client settings for a local service that calls another one through the edge. */
export interface LocalClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly maxAttempts: number;
  /** Present when the edge runs in this process: calls reach it without a socket. */
  readonly requestHandler?: InProcessHttpHandler;
}

/**
 * Settings for an AWS SDK v3 client that talks to this local cloud's edge. When the edge runs in
 * this process (services calling services, the engine's Task states), the client hands its
 * signed requests straight to the edge's router instead of a loopback socket; set
 * `LOCAL_EDGE_IN_PROCESS=0` to force HTTP.
 */
export function localClientConfig(context: Pick<LocalContext, 'endpoint' | 'region'>): LocalClientConfig {
  const inProcess = process.env.LOCAL_EDGE_IN_PROCESS !== '0' && inProcessEdge(context.endpoint) !== undefined;
  return {
    endpoint: context.endpoint,
    region: context.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    ...(inProcess ? { requestHandler: new InProcessHttpHandler(context.endpoint) } : {}),
  };
}
