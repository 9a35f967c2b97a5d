import fs from 'node:fs';
import { z } from 'zod';
import { MunicipalityListSchema, type MunicipalityConfig, type MunicipalityInput } from '../../contracts/municipality';
import { builtInMunicipalities } from './builtInMunicipalities';

/** Looks municipalities up by IBGE code. */
export interface MunicipalityRegistry {
  get(code: string): MunicipalityConfig | undefined;
  list(): readonly MunicipalityConfig[];
}

/** A registry over `configs` (defaults applied), each city once. */
export function createMunicipalityRegistry(configs: readonly MunicipalityInput[]): MunicipalityRegistry {
  const byCode = new Map<string, MunicipalityConfig>();
  for (const config of MunicipalityListSchema.parse(configs)) {
    if (byCode.has(config.code)) throw new Error(`municipality ${config.code} is listed twice`);
    byCode.set(config.code, config);
  }
  const list = [...byCode.values()];
  return {
    get: (code) => byCode.get(code),
    list: () => list,
  };
}

/** The environment variables of the built-in list's national system: its base URL and the CA file of its server certificate. */
export const NACIONAL_REGISTRY_ENV = { Endpoint: 'NACIONAL_ENDPOINT', CaFile: 'NACIONAL_CA_FILE' } as const;

/**
 * The registry from the environment: `MUNICIPALITIES_FILE` (a JSON array of municipalities,
 * `contracts/municipality.ts`) or the built-in list under the base URLs `PROVIDER_ENDPOINT` (ABRASF
 * cities; `PROVIDER_TLS_ENDPOINT` for those that require mutual TLS) and `NACIONAL_ENDPOINT` with
 * `NACIONAL_CA_FILE` (the national system). The
 * adapters and the API read the same one.
 */
export function loadMunicipalityRegistry(env: Readonly<Record<string, string | undefined>> = process.env): MunicipalityRegistry {
  const file = env.MUNICIPALITIES_FILE;
  if (file === undefined || file === '') {
    const nacional = { endpoint: env[NACIONAL_REGISTRY_ENV.Endpoint] || undefined, caFile: env[NACIONAL_REGISTRY_ENV.CaFile] || undefined };
    return createMunicipalityRegistry(builtInMunicipalities(env.PROVIDER_ENDPOINT || undefined, env.PROVIDER_TLS_ENDPOINT || undefined, nacional));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`MUNICIPALITIES_FILE ${file} could not be read as JSON`, { cause: error });
  }
  const result = MunicipalityListSchema.safeParse(parsed);
  if (!result.success) throw new Error(`MUNICIPALITIES_FILE ${file} is not a list of municipalities: ${z.prettifyError(result.error)}`);
  return createMunicipalityRegistry(parsed as MunicipalityInput[]);
}
