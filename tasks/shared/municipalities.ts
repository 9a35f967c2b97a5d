import type { MunicipalityConfig } from '../../contracts/municipality';
import { ENV } from '../../contracts/wiring';
import { loadMunicipalityRegistry, type MunicipalityRegistry } from '../../lib/municipalities/registry';
import { UnprocessableError } from './errors';

let cached: { readonly key: string; readonly registry: MunicipalityRegistry } | undefined;

/**
 * The municipality registry the adapters read (`MUNICIPALITIES_FILE`, else the built-in list
 * under `PROVIDER_ENDPOINT`), parsed once per process: a warm Lambda's environment does not
 * change. A process whose variables point elsewhere later (a test starting a second app) reads
 * the registry they name.
 */
export function municipalityRegistry(env: Readonly<Record<string, string | undefined>> = process.env): MunicipalityRegistry {
  const key = `${env[ENV.MunicipalitiesFile] ?? ''}\n${env[ENV.ProviderEndpoint] ?? ''}`;
  if (cached?.key !== key) cached = { key, registry: loadMunicipalityRegistry(env) };
  return cached.registry;
}

/** The municipality with this IBGE code; 422 `MunicipalityNotSupported` naming `municipalityCode` when the registry has none. */
export function supportedMunicipality(registry: Pick<MunicipalityRegistry, 'get'>, code: string): MunicipalityConfig {
  const municipality = registry.get(code);
  if (municipality === undefined) {
    throw new UnprocessableError('MunicipalityNotSupported', `Municipality ${code} is not supported: GET /municipalities lists the supported ones`, [
      { field: 'municipalityCode', message: 'is not a supported municipality (GET /municipalities)' },
    ]);
  }
  return municipality;
}

/** How a refusal names a city: `São Paulo (3550308)`. */
export function municipalityLabel(municipality: Pick<MunicipalityConfig, 'name' | 'code'>): string {
  return `${municipality.name} (${municipality.code})`;
}
