import type { AdapterConfig } from '../adapterConfig';
import { abrasfProviderFactory } from './abrasfProviderFactory';
import type { ProviderBuilders } from './providerFactories';

/** Every provider this adapter can call, by the registry's `provider` name; the city call timeout scales like every timer. */
export function defaultProviders(config: Pick<AdapterConfig, 'providerTimeoutMs' | 'providerMaxResponseBytes' | 'timeScale'>): ProviderBuilders {
  return { 'abrasf-2.04': abrasfProviderFactory({ timeoutMs: config.providerTimeoutMs * config.timeScale, maxResponseBytes: config.providerMaxResponseBytes }) };
}
