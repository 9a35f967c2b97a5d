import fs from 'node:fs';
import { z } from 'zod';
import { MunicipalityCodeSchema } from '../../contracts/fields';

/** One municipality the adapter can talk to, with its limits. */
export const MunicipalityConfigSchema = z.strictObject({
  /** IBGE code, 7 digits. */
  code: MunicipalityCodeSchema,
  name: z.string().min(1),
  provider: z.literal('abrasf-2.04'),
  /** `sync`: GerarNfse answers with the NFS-e; `async`: RecepcionarLoteRps + ConsultarLoteRps. */
  mode: z.enum(['sync', 'async']),
  endpoint: z.url(),
  environment: z.enum(['homologacao', 'producao']),
  /** Calls the city accepts at once, across every adapter process. */
  concurrency: z.number().int().positive(),
  /** Calls per second the city accepts across every adapter process; absent: no rate limit. */
  ratePerSecond: z.number().positive().optional(),
});
export type MunicipalityConfig = z.infer<typeof MunicipalityConfigSchema>;

const MunicipalityListSchema = z.array(MunicipalityConfigSchema);

/** Looks municipalities up by IBGE code. */
export interface MunicipalityRegistry {
  get(code: string): MunicipalityConfig | undefined;
  list(): readonly MunicipalityConfig[];
}

/** The base of the built-in list's endpoints when `PROVIDER_ENDPOINT` is not set: the local provider mock. */
export const DEFAULT_PROVIDER_ENDPOINT = 'http://127.0.0.1:4580/nfse';

/**
 * The built-in list (homologation): each city's system at `{base}/{IBGE code}`, as the provider
 * mock serves them in local runs. Every city has a system of its own, as in reality: one shared
 * endpoint would mix up their RPS numbering.
 */
export function builtInMunicipalities(base: string = DEFAULT_PROVIDER_ENDPOINT): MunicipalityConfig[] {
  const at = (code: string): Pick<MunicipalityConfig, 'code' | 'endpoint' | 'provider' | 'environment'> => ({ code, endpoint: `${base.replace(/\/+$/, '')}/${code}`, provider: 'abrasf-2.04', environment: 'homologacao' });
  return [
    { ...at('3550308'), name: 'São Paulo', mode: 'sync', concurrency: 8, ratePerSecond: 20 },
    { ...at('3304557'), name: 'Rio de Janeiro', mode: 'sync', concurrency: 4 },
    { ...at('3106200'), name: 'Belo Horizonte', mode: 'async', concurrency: 2, ratePerSecond: 5 },
  ];
}

/** A registry over `configs`, each city with its own limits (every adapter task shares them: `limits/CityLimiter.ts`). */
export function createMunicipalityRegistry(configs: readonly MunicipalityConfig[]): MunicipalityRegistry {
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

/**
 * The registry from the environment: `MUNICIPALITIES_FILE` (a JSON array of municipalities) or
 * the built-in list under the base URL `PROVIDER_ENDPOINT`.
 */
export function loadMunicipalityRegistry(env: Readonly<Record<string, string | undefined>> = process.env): MunicipalityRegistry {
  const file = env.MUNICIPALITIES_FILE;
  if (file === undefined || file === '') return createMunicipalityRegistry(builtInMunicipalities(env.PROVIDER_ENDPOINT || undefined));
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`MUNICIPALITIES_FILE ${file} could not be read as JSON`, { cause: error });
  }
  const result = MunicipalityListSchema.safeParse(parsed);
  if (!result.success) throw new Error(`MUNICIPALITIES_FILE ${file} is not a list of municipalities: ${z.prettifyError(result.error)}`);
  return createMunicipalityRegistry(result.data);
}
