import type { Logger } from 'pino';
import type { AdapterConfig } from '../adapterConfig';
import { abrasfProviderFactory } from './abrasfProviderFactory';
import { nacionalProviderFactory } from './nacionalProviderFactory';
import type { ProviderBuilders } from './providerFactories';

/** The national provider's environment: where the DANFSe is served, when not at the city's endpoint. */
export const NACIONAL_ENV = { DanfseEndpoint: 'NACIONAL_DANFSE_ENDPOINT' } as const;

/** What the providers are built with besides the configuration. */
export interface DefaultProvidersDependencies {
  /** Warned when an NFS-e was issued but its DANFSe could not be fetched. @default silent */
  readonly logger?: Pick<Logger, 'warn'>;
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Every provider this adapter can call, by the registry's `provider` name; the city call timeout
 * scales like every timer. None reads certificates: the worker hands each call the company's
 * (`CompanyCalls`: signer and mutual-TLS agent), for ABRASF cities and the national system alike.
 */
export function defaultProviders(config: Pick<AdapterConfig, 'providerTimeoutMs' | 'providerMaxResponseBytes' | 'timeScale'>, deps: DefaultProvidersDependencies = {}): ProviderBuilders {
  const env = deps.env ?? process.env;
  const timeoutMs = config.providerTimeoutMs * config.timeScale;
  const danfseBaseUrl = env[NACIONAL_ENV.DanfseEndpoint] || undefined;
  return {
    'abrasf-2.04': abrasfProviderFactory({ timeoutMs, maxResponseBytes: config.providerMaxResponseBytes }),
    nacional: nacionalProviderFactory({
      timeoutMs,
      maxResponseBytes: config.providerMaxResponseBytes,
      ...(danfseBaseUrl === undefined ? {} : { danfseBaseUrl }),
      onDanfseUnavailable: (chaveAcesso, error) => deps.logger?.warn({ chaveAcesso, err: error }, 'NFS-e issued without its DANFSe: the national system did not serve the PDF'),
    }),
  };
}
