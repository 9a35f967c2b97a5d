import { z } from 'zod';
import { MunicipalityCodeSchema } from './fields';
import { CityCancellationSchema, CityEnvironmentSchema, CitySigningSchema, ProviderNameSchema } from './municipality';
import { MunicipalityHealthSchema } from './municipalityHealth';

/** What a city's system does and requires, as `GET /municipalities` shows it. */
export const MunicipalityCapabilitiesSchema = z.strictObject({
  /** The XML elements the city requires signed, and the algorithm. */
  signing: CitySigningSchema,
  /** Whether the company's A1 certificate must be presented on the TLS connection. */
  mtls: z.boolean(),
  /** How an NFS-e is cancelled there (by the city's own operation or the national event) and the reason codes it takes. */
  cancellation: CityCancellationSchema,
  /** Whether an NFS-e can be replaced by another. */
  substitution: z.boolean(),
  /** What a company's record must hold before it emits there. */
  requires: z.strictObject({
    inscricaoMunicipal: z.boolean(),
    /** Its A1 certificate: wherever the city requires a signature or mutual TLS. */
    certificate: z.boolean(),
  }),
  /** The city's limits, shared by every adapter task. */
  limits: z.strictObject({ concurrency: z.number().int().positive(), ratePerSecond: z.number().positive().optional() }),
});
export type MunicipalityCapabilities = z.infer<typeof MunicipalityCapabilitiesSchema>;

/**
 * A municipality as the API answers it: its registry entry without what only the adapters need
 * (the endpoint, the CA file, the answer-code overrides), and its recent health.
 */
export const MunicipalityViewSchema = z.strictObject({
  code: MunicipalityCodeSchema,
  name: z.string(),
  uf: z.string().optional(),
  provider: ProviderNameSchema,
  /** The ABRASF variant where the city's system departs from the standard. */
  dialect: z.string().optional(),
  environment: CityEnvironmentSchema,
  mode: z.enum(['sync', 'async']),
  capabilities: MunicipalityCapabilitiesSchema,
  health: MunicipalityHealthSchema,
});
export type MunicipalityView = z.infer<typeof MunicipalityViewSchema>;

/** `GET /municipalities`: every municipality the registry holds, in its order. */
export const ListMunicipalitiesResponseSchema = z.strictObject({ items: z.array(MunicipalityViewSchema) });
export type ListMunicipalitiesResponse = z.infer<typeof ListMunicipalitiesResponseSchema>;

/** `/municipalities/{code}`: the IBGE code. */
export const MunicipalityPathSchema = z.strictObject({ code: MunicipalityCodeSchema });
export type MunicipalityPath = z.infer<typeof MunicipalityPathSchema>;
