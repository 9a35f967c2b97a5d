import { z } from 'zod';
import { MunicipalityCodeSchema } from './fields';

/** The city systems we speak: the national API (Sefin Nacional) and ABRASF 2.04 web services. */
export const PROVIDER_NAMES = ['abrasf-2.04', 'nacional'] as const;
export const ProviderNameSchema = z.enum(PROVIDER_NAMES);
export type ProviderName = z.infer<typeof ProviderNameSchema>;

/** Homologação (produção restrita, for tests) or produção (legal notes). */
export const CityEnvironmentSchema = z.enum(['homologacao', 'producao']);
export type CityEnvironment = z.infer<typeof CityEnvironmentSchema>;

/** XMLDSig signature algorithms (RSA with the digest of the same family). */
export const SignatureAlgorithmSchema = z.enum(['rsa-sha256', 'rsa-sha1']);
export type SignatureAlgorithm = z.infer<typeof SignatureAlgorithmSchema>;

/**
 * Elements a city may require signed, each by its `Id` attribute: ABRASF's RPS
 * (`InfDeclaracaoPrestacaoServico`), lot (`LoteRps`), cancellation request
 * (`InfPedidoCancelamento`) and substitution request (`SubstituicaoNfse`, which wraps a
 * cancellation request and an RPS); the national DPS (`infDPS`) and event request (`infPedReg`).
 * In the order they are signed when one document holds several: an RPS before the lot or the
 * substitution that wraps it.
 */
export const SIGNED_ELEMENTS = ['InfDeclaracaoPrestacaoServico', 'LoteRps', 'InfPedidoCancelamento', 'SubstituicaoNfse', 'infDPS', 'infPedReg'] as const;
export const SignedElementSchema = z.enum(SIGNED_ELEMENTS);
export type SignedElement = z.infer<typeof SignedElementSchema>;

/** What the city requires signed, and how. */
export const CitySigningSchema = z.strictObject({
  /** @default 'rsa-sha256' (national manual names SHA-1, production clients use SHA-256: `docs/nacional.md`) */
  algorithm: SignatureAlgorithmSchema.default('rsa-sha256'),
  /** The elements signed; empty: the city takes unsigned XML. @default [] */
  elements: z.array(SignedElementSchema).default([]),
});
export type CitySigning = z.infer<typeof CitySigningSchema>;

/**
 * The city's own codes for answers that mean more than "rejected" (they differ between city
 * systems); absent ones take the provider's defaults.
 */
export const CityCodesSchema = z.strictObject({
  /** "RPS/DPS já informado": issued before, read it instead of failing (ABRASF E10, national E0014). */
  rpsAlreadyInformed: z.array(z.string().min(1)).optional(),
  /** "Lote ainda não processado" (asynchronous cities; ABRASF E92). */
  batchNotYetProcessed: z.array(z.string().min(1)).optional(),
  /** "NFS-e já cancelada": a repeated cancellation is a success (ABRASF E79). */
  alreadyCancelled: z.array(z.string().min(1)).optional(),
});
export type CityCodesOverride = z.infer<typeof CityCodesSchema>;

/** How an NFS-e is cancelled there, and the reason codes the city accepts. */
export const CityCancellationSchema = z.strictObject({
  /** `city`: the city's own CancelarNfse; `event`: the national event e101101. */
  by: z.enum(['city', 'event']),
  /** The `reasonCode`s a cancel request may carry. */
  reasonCodes: z.array(z.number().int().positive()).min(1),
  /** Whether a free-text reason is mandatory, and its length (national: 15 to 255 characters). */
  reasonText: z.strictObject({ minLength: z.number().int().nonnegative(), maxLength: z.number().int().positive() }).optional(),
});
export type CityCancellation = z.infer<typeof CityCancellationSchema>;

/** ABRASF 2.04 cancellation codes (1 erro na emissão … 5 duplicidade): the API's historical default. */
export const ABRASF_CANCELLATION: CityCancellation = { by: 'city', reasonCodes: [1, 2, 3, 4, 5] };
/** The national event e101101: 1 erro na emissão, 2 serviço não prestado, 9 outros, with a 15–255 character reason. */
export const NACIONAL_CANCELLATION: CityCancellation = { by: 'event', reasonCodes: [1, 2, 9], reasonText: { minLength: 15, maxLength: 255 } };

/**
 * What a company record must hold before it may issue in this municipality, beyond its A1
 * certificate (required wherever the city requires a signature or mutual TLS: {@link certificateRequired}).
 */
export const CityRequirementsSchema = z.strictObject({
  /** The prestador's inscrição municipal. @default true */
  inscricaoMunicipal: z.boolean().default(true),
});
export type CityRequirements = z.infer<typeof CityRequirementsSchema>;

/** What a city's verification URL template may name: each `{field}` is replaced by the NFS-e's own value, URL-encoded. */
export const VERIFICATION_URL_FIELDS = ['nfseNumber', 'verificationCode', 'cnpj', 'inscricaoMunicipal'] as const;
export type VerificationUrlField = (typeof VERIFICATION_URL_FIELDS)[number];

/**
 * The city's public page that shows an NFS-e, as a template: `https://…?nf={nfseNumber}&cod={verificationCode}`.
 * Only the {@link VERIFICATION_URL_FIELDS} may be named; the filled URL must stay a URL.
 */
export const VerificationUrlTemplateSchema = z
  .string()
  .regex(/^https?:\/\//, 'must start with https:// or http://')
  .refine((template) => [...template.matchAll(/\{([^}]*)\}/g)].every(([, name]) => (VERIFICATION_URL_FIELDS as readonly string[]).includes(name ?? '')), {
    message: `may name only ${VERIFICATION_URL_FIELDS.map((field) => `{${field}}`).join(', ')}`,
  });

/**
 * One municipality as the adapters and the API see it: which system issues its NFS-e, where,
 * and what that system requires. The registry (`lib/municipalities/`) holds the built-in list;
 * `MUNICIPALITIES_FILE` replaces it with a configured one.
 */
export const MunicipalityConfigSchema = z.strictObject({
  /** IBGE code, 7 digits. */
  code: MunicipalityCodeSchema,
  name: z.string().min(1),
  /** The state (UF), two letters. */
  uf: z.string().regex(/^[A-Z]{2}$/, 'must be the two-letter UF').optional(),
  provider: ProviderNameSchema,
  /** The ABRASF system's variant where it departs from the standard (e.g. `ginfes`, `betha`); absent: standard 2.04. */
  dialect: z.string().min(1).optional(),
  /** `sync`: one call answers with the NFS-e; `async`: a lot is sent, then consulted by protocol. */
  mode: z.enum(['sync', 'async']),
  environment: CityEnvironmentSchema,
  /** The city system's URL in `environment`. */
  endpoint: z.url(),
  /** The client certificate (the company's A1) must be presented on the TLS connection. @default false */
  mtls: z.boolean().default(false),
  /** A PEM file of the CAs trusted for the city's server certificate; absent: Node's bundled roots. */
  caFile: z.string().min(1).optional(),
  /** @default unsigned */
  signing: CitySigningSchema.default({ algorithm: 'rsa-sha256', elements: [] }),
  codes: CityCodesSchema.optional(),
  /** @default ABRASF's own cancellation, codes 1–5 */
  cancellation: CityCancellationSchema.default(ABRASF_CANCELLATION),
  /** Whether the city replaces an NFS-e by another (SubstituirNfse, or the national `subst`). @default false */
  substitution: z.boolean().default(false),
  /**
   * The city's page that shows an NFS-e (see {@link VerificationUrlTemplateSchema}): the QR code of
   * our DANFSe-like PDF for an ABRASF city links it. Absent: the PDF has no QR code.
   */
  verificationUrl: VerificationUrlTemplateSchema.optional(),
  /** @default inscrição municipal required */
  requires: CityRequirementsSchema.default({ inscricaoMunicipal: true }),
  /** Calls the city accepts at once, across every adapter task. */
  concurrency: z.number().int().positive(),
  /** Calls per second the city accepts across every adapter task; absent: no rate limit. */
  ratePerSecond: z.number().positive().optional(),
});
/** A municipality with every default applied (what the registry serves). */
export type MunicipalityConfig = z.infer<typeof MunicipalityConfigSchema>;
/** A municipality as written in a registry file or the built-in table (defaults may be left out). */
export type MunicipalityInput = z.input<typeof MunicipalityConfigSchema>;

/** Whether issuing there needs the company's A1 certificate: to sign what the city requires signed, or to open mutual TLS. */
export function certificateRequired(municipality: Pick<MunicipalityConfig, 'mtls' | 'signing'>): boolean {
  return municipality.mtls || municipality.signing.elements.length > 0;
}

export const MunicipalityListSchema = z.array(MunicipalityConfigSchema);
