import type { MunicipalityConfig } from '../../contracts/municipality';
import type { ProviderFactory } from './Provider';

/** The provider implementations a municipality can name. */
export type ProviderName = MunicipalityConfig['provider'];

/** One factory per provider name. */
export type ProviderBuilders = Readonly<Partial<Record<ProviderName, ProviderFactory>>>;

/** A factory that picks the builder by the municipality's `provider`; a missing one is a configuration error. */
export function providerFactoryFrom(builders: ProviderBuilders): ProviderFactory {
  return (municipality) => {
    const build = builders[municipality.provider];
    if (build === undefined) throw new Error(`no provider implementation "${municipality.provider}" (municipality ${municipality.code})`);
    return build(municipality);
  };
}

/** The provider names the registry uses that have no builder (checked at start, so a misconfiguration fails fast). */
export function missingProviders(municipalities: readonly MunicipalityConfig[], builders: ProviderBuilders): ProviderName[] {
  return [...new Set(municipalities.map((m) => m.provider))].filter((name) => builders[name] === undefined);
}
