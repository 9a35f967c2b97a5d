import { z } from 'zod';
import { ABRASF_OPERATIONS } from '../../adapter-container/providers/abrasf-2.04/abrasfWsdl';

/** The failures the mock can inject. */
export const FAILURE_KINDS = ['transient5xx', 'soapFault', 'rejection', 'acceptThenTimeout'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

const OPERATION_NAMES = ABRASF_OPERATIONS;

const rate = z.number().min(0).max(1);

/** The runtime-settable behaviour of the mock (`POST /_mock/config` takes any part of it). */
export const ProviderMockKnobsSchema = z.strictObject({
  /** Added before every SOAP answer, ms. */
  latencyMs: z.number().int().min(0),
  /** The latency of these cities (IBGE code → ms) instead of `latencyMs`: one slow city beside fast ones. */
  cityLatencyMs: z.record(z.string().regex(/^\d{7}$/), z.number().int().min(0)),
  /** Probability per call of each injected failure (checked in this order, after `failNext`). */
  errorRates: z.strictObject({ transient5xx: rate, soapFault: rate, rejection: rate, acceptThenTimeout: rate }),
  /** Operations the error rates apply to (failNext entries name their own). */
  errorOperations: z.array(z.enum(OPERATION_NAMES)),
  /** The ListaMensagemRetorno code and message of an injected rejection. */
  rejectionCode: z.string().min(1).max(4),
  rejectionMessage: z.string().min(1).max(200),
  /**
   * A second RPS with the same (cnpj, serie, numero): `reject` answers E10 "RPS já informado"
   * (ABRASF); `returnExisting` answers the NFS-e already issued, as some cities do.
   */
  duplicateRps: z.enum(['reject', 'returnExisting']),
  /**
   * `perCity`: each municipality's system keeps its own RPS index, as separate city systems do.
   * `shared`: one index for every city, so RPS 1 of São Paulo and RPS 1 of Rio are "the same" —
   * a misbehaving provider, to watch the adapter refuse an NFS-e that is not ours (Provider.Mismatch).
   */
  rpsScope: z.enum(['perCity', 'shared']),
  /** How each city (IBGE code) processes RPS; GerarNfse is refused by async cities. */
  cityModes: z.record(z.string().regex(/^\d{7}$/), z.enum(['sync', 'async'])),
  /** Mode of the cities not in `cityModes`. */
  defaultMode: z.enum(['sync', 'async']),
  /** ConsultarLoteRps answers "not yet processed" this many times before the NFS-e. */
  pendingConsults: z.number().int().min(0),
  /** Refuse every CancelarNfse with `cancellationRejectionCode`. */
  rejectCancellations: z.boolean(),
  cancellationRejectionCode: z.string().min(1).max(4),
  /** Accept CNPJs with letters (valid from July 2026; the 2.04 XSD's tsCnpj takes them). */
  acceptAlphanumericCnpj: z.boolean(),
  /** Validate nfseCabecMsg/nfseDadosMsg against the XSD (only when the XSDs are installed). */
  validateXml: z.boolean(),
});
export type ProviderMockKnobs = z.infer<typeof ProviderMockKnobsSchema>;

/** A partial update of the knobs (`errorRates` may be partial too). */
export const ProviderMockKnobsPatchSchema = ProviderMockKnobsSchema.partial().extend({
  errorRates: ProviderMockKnobsSchema.shape.errorRates.partial().optional(),
});
export type ProviderMockKnobsPatch = z.infer<typeof ProviderMockKnobsPatchSchema>;

/** `POST /_mock/fail`: fail the next `count` calls (of these operations) with `kind`. */
export const FailNextSchema = z.strictObject({
  kind: z.enum(FAILURE_KINDS),
  count: z.number().int().min(1).default(1),
  operations: z.array(z.enum(OPERATION_NAMES)).optional(),
});
export type FailNext = z.input<typeof FailNextSchema>;

/** The knobs of a fresh mock: a healthy, synchronous city with no latency. */
export function defaultKnobs(): ProviderMockKnobs {
  return {
    latencyMs: 0,
    cityLatencyMs: {},
    errorRates: { transient5xx: 0, soapFault: 0, rejection: 0, acceptThenTimeout: 0 },
    errorOperations: [...OPERATION_NAMES],
    rejectionCode: 'E160',
    rejectionMessage: 'Rejeição simulada pelo provedor (mock).',
    duplicateRps: 'reject',
    rpsScope: 'perCity',
    cityModes: {},
    defaultMode: 'sync',
    pendingConsults: 2,
    rejectCancellations: false,
    cancellationRejectionCode: 'E159',
    acceptAlphanumericCnpj: true,
    validateXml: true,
  };
}

/** `knobs` with `patch` applied (validated: throws a ZodError on a bad patch). */
export function applyKnobsPatch(knobs: ProviderMockKnobs, patch: unknown): ProviderMockKnobs {
  const parsed = ProviderMockKnobsPatchSchema.parse(patch);
  const { errorRates, ...rest } = parsed;
  const definedRest = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  return { ...knobs, ...definedRest, errorRates: { ...knobs.errorRates, ...errorRates } };
}
