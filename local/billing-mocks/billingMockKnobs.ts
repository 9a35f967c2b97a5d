import { z } from 'zod';

/** A fault planned for one key (a contract's `cCodIntCtr` or a client's `codigo_cliente_integracao`). */
export const PlannedFaultSchema = z.strictObject({
  /**
   * `transient`: a 5xx; `rejected`: a client fault (permanent); `redundant`: "consumo redundante"
   * naming `redundantWindowSeconds`, and every call of the key refused so until they have passed
   * (as if an identical call had just been consumed), nothing written.
   */
  kind: z.enum(['transient', 'rejected', 'redundant']),
  /** How many calls fail; absent, every call (a permanent refusal). */
  times: z.number().int().min(1).optional(),
});
export type PlannedFault = z.infer<typeof PlannedFaultSchema>;

/** Knobs of the ERP mock (`POST /_mock/omie/config`). */
export const OmieKnobsSchema = z.strictObject({
  /** Added to every call. @default 0 */
  latencyMs: z.number().int().min(0).max(60_000),
  /** Calls a minute per app_key before 429 (Omie documents 240). @default 240 */
  rateLimitPerMinute: z.number().int().min(1),
  /** Window in which the same call with the same parameters is refused as redundant (Omie: 60 s). @default 60 */
  redundantWindowSeconds: z.number().int().min(0),
  /** Share of calls that fail with a 5xx at random (0..1). @default 0 */
  transientRate: z.number().min(0).max(1),
  /** Faults planned per key. @default {} */
  faults: z.record(z.string(), PlannedFaultSchema),
});
export type OmieKnobs = z.infer<typeof OmieKnobsSchema>;
export const OmieKnobsPatchSchema = OmieKnobsSchema.partial();
export type OmieKnobsPatch = z.infer<typeof OmieKnobsPatchSchema>;

export function defaultOmieKnobs(): OmieKnobs {
  return { latencyMs: 0, rateLimitPerMinute: 240, redundantWindowSeconds: 60, transientRate: 0, faults: {} };
}

/** Knobs of the usage platform mock (`POST /_mock/usage/config`). */
export const UsageKnobsSchema = z.strictObject({
  /** @default 0 */
  latencyMs: z.number().int().min(0).max(60_000),
  /** Share of calls answered 503 at random (0..1). @default 0 */
  transientRate: z.number().min(0).max(1),
  /** Items per page of every list. @default 100 */
  pageSize: z.number().int().min(1).max(1000),
});
export type UsageKnobs = z.infer<typeof UsageKnobsSchema>;
export const UsageKnobsPatchSchema = UsageKnobsSchema.partial();
export type UsageKnobsPatch = z.infer<typeof UsageKnobsPatchSchema>;

export function defaultUsageKnobs(): UsageKnobs {
  return { latencyMs: 0, transientRate: 0, pageSize: 100 };
}
