import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Logger } from 'pino';
import { ENV } from '../../contracts/wiring';
import type { AdapterConfig } from '../adapterConfig';
import { abrasfProviderFactory } from './abrasfProviderFactory';
import type { CredentialsSource } from './nacional/CompanyCredentials';
import { secretsManagerCredentials } from './nacional/secretsManagerCredentials';
import { nacionalProviderFactory } from './nacionalProviderFactory';
import type { ProviderBuilders } from './providerFactories';

/** The national provider's environment: where the DANFSe is served, when not at the city's endpoint. */
export const NACIONAL_ENV = { DanfseEndpoint: 'NACIONAL_DANFSE_ENDPOINT' } as const;

/** What the providers are built with besides the configuration. */
export interface DefaultProvidersDependencies {
  /**
   * The companies' certificates for the national system. @default read from Secrets Manager on
   * every call (`secretsManagerCredentials`, `CERTIFICATE_SECRET_PREFIX`) — the seam where the
   * adapter's certificate cache plugs in.
   */
  readonly credentials?: CredentialsSource;
  /** Warned when an NFS-e was issued but its DANFSe could not be fetched. @default silent */
  readonly logger?: Pick<Logger, 'warn'>;
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Every provider this adapter can call, by the registry's `provider` name; the city call timeout scales like every timer. */
export function defaultProviders(config: Pick<AdapterConfig, 'providerTimeoutMs' | 'providerMaxResponseBytes' | 'timeScale'>, deps: DefaultProvidersDependencies = {}): ProviderBuilders {
  const env = deps.env ?? process.env;
  const timeoutMs = config.providerTimeoutMs * config.timeScale;
  const credentials = deps.credentials ?? secretsManagerCredentials({ secrets: new SecretsManagerClient({}), secretPrefix: env[ENV.CertificateSecretPrefix] ?? '' });
  const danfseBaseUrl = env[NACIONAL_ENV.DanfseEndpoint] || undefined;
  return {
    'abrasf-2.04': abrasfProviderFactory({ timeoutMs, maxResponseBytes: config.providerMaxResponseBytes }),
    nacional: nacionalProviderFactory({
      credentials,
      timeoutMs,
      maxResponseBytes: config.providerMaxResponseBytes,
      ...(danfseBaseUrl === undefined ? {} : { danfseBaseUrl }),
      onDanfseUnavailable: (chaveAcesso, error) => deps.logger?.warn({ chaveAcesso, err: error }, 'NFS-e issued without its DANFSe: the national system did not serve the PDF'),
    }),
  };
}
