import { z } from 'zod';

/** The failures the national mock can inject. */
export const NACIONAL_FAILURE_KINDS = ['transient5xx', 'rejection', 'acceptThenTimeout'] as const;
export type NacionalFailureKind = (typeof NACIONAL_FAILURE_KINDS)[number];

/**
 * The mock's operations, as faults and stats name them: `emit` POST /nfse, `readDps` HEAD/GET
 * /dps/{Id}, `readNfse` GET /nfse/{chave}, `event` POST /nfse/{chave}/eventos, `readEvents` GET
 * .../eventos, `danfse` GET /danfse/{chave}, `parametros` GET /parametros_municipais/...
 */
export const NACIONAL_OPERATIONS = ['emit', 'readDps', 'readNfse', 'event', 'readEvents', 'danfse', 'parametros'] as const;
export type NacionalOperation = (typeof NACIONAL_OPERATIONS)[number];

const rate = z.number().min(0).max(1);

/** The runtime-settable behaviour of the national mock (`POST /_mock/config` takes any part of it). */
export const NacionalMockKnobsSchema = z.strictObject({
  /** Added before every API answer, ms. */
  latencyMs: z.number().int().min(0),
  /** Probability per call of each injected failure, drawn in this order (after `failNext`). */
  errorRates: z.strictObject({ transient5xx: rate, rejection: rate, acceptThenTimeout: rate }),
  /** Operations the error rates apply to. */
  errorOperations: z.array(z.enum(NACIONAL_OPERATIONS)),
  /** The `erros[0]` of an injected rejection. */
  rejectionCode: z.string().min(1).max(10),
  rejectionMessage: z.string().min(1).max(200),
  /** Validate every DPS and event request against the national XSDs. */
  validateXml: z.boolean(),
  /** Verify the XMLDSig of every DPS and event request (and that its certificate is the prestador's). */
  verifySignature: z.boolean(),
  /** Refuse every cancellation event with `cancellationRejectionCode`. */
  rejectCancellations: z.boolean(),
  cancellationRejectionCode: z.string().min(1).max(10),
});
export type NacionalMockKnobs = z.infer<typeof NacionalMockKnobsSchema>;

/** A partial update of the knobs (`errorRates` may be partial too). */
export const NacionalMockKnobsPatchSchema = NacionalMockKnobsSchema.partial().extend({
  errorRates: NacionalMockKnobsSchema.shape.errorRates.partial().optional(),
});
export type NacionalMockKnobsPatch = z.infer<typeof NacionalMockKnobsPatchSchema>;

/** `POST /_mock/fail`: fail the next `count` calls (of these operations) with `kind`. */
export const NacionalFailNextSchema = z.strictObject({
  kind: z.enum(NACIONAL_FAILURE_KINDS),
  count: z.number().int().min(1).default(1),
  operations: z.array(z.enum(NACIONAL_OPERATIONS)).optional(),
});
export type NacionalFailNext = z.input<typeof NacionalFailNextSchema>;

/** The knobs of a fresh mock: a healthy national system that checks everything. */
export function defaultNacionalKnobs(): NacionalMockKnobs {
  return {
    latencyMs: 0,
    errorRates: { transient5xx: 0, rejection: 0, acceptThenTimeout: 0 },
    errorOperations: ['emit'],
    rejectionCode: 'E0312',
    rejectionMessage: 'Rejeição simulada pela Sefin Nacional (mock).',
    validateXml: true,
    verifySignature: true,
    rejectCancellations: false,
    cancellationRejectionCode: 'E0842',
  };
}

/** `knobs` with `patch` applied (validated: throws a ZodError on a bad patch). */
export function applyNacionalKnobsPatch(knobs: NacionalMockKnobs, patch: unknown): NacionalMockKnobs {
  const { errorRates, ...rest } = NacionalMockKnobsPatchSchema.parse(patch);
  const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  return { ...knobs, ...defined, errorRates: { ...knobs.errorRates, ...errorRates } };
}

interface PendingFailure {
  readonly kind: NacionalFailureKind;
  remaining: number;
  readonly operations?: readonly NacionalOperation[];
}

/** Decides which calls fail and how: first the "fail the next N" queue (tests), then the random rates (demos, benchmarks). */
export class NacionalFaultPlan {
  private queue: PendingFailure[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  failNext(request: NacionalFailNext): void {
    const parsed = NacionalFailNextSchema.parse(request);
    this.queue.push({ kind: parsed.kind, remaining: parsed.count, ...(parsed.operations === undefined ? {} : { operations: parsed.operations }) });
  }

  /** The failure to inject into this call, if any. */
  next(operation: NacionalOperation, knobs: NacionalMockKnobs): NacionalFailureKind | undefined {
    const queued = this.queue.find((entry) => entry.operations === undefined || entry.operations.includes(operation));
    if (queued !== undefined) {
      queued.remaining -= 1;
      if (queued.remaining <= 0) this.queue = this.queue.filter((entry) => entry !== queued);
      return queued.kind;
    }
    if (!knobs.errorOperations.includes(operation)) return undefined;
    return NACIONAL_FAILURE_KINDS.find((kind) => knobs.errorRates[kind] > 0 && this.random() < knobs.errorRates[kind]);
  }

  pending(): number {
    return this.queue.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  clear(): void {
    this.queue = [];
  }
}
