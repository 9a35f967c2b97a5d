import type { LocalContext } from './LocalContext';

/** SDK client settings for a local service that calls another one through the edge. */
export interface LocalClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly maxAttempts: number;
}

/** Settings for an AWS SDK v3 client that talks to this local cloud's edge. */
export function localClientConfig(context: Pick<LocalContext, 'endpoint' | 'region'>): LocalClientConfig {
  return {
    endpoint: context.endpoint,
    region: context.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
}
