import { z } from 'zod';
import { CompanyCertificateSchema } from './certificate';
import { AddressSchema } from './emitInvoiceRequest';
import { CnpjSchema, IssRateSchema, MunicipalityCodeSchema } from './fields';

/**
 * Situation before the Simples Nacional (national DPS `opSimpNac`; ABRASF `OptanteSimplesNacional`
 * and `RegimeEspecialTributacao` 5/6).
 */
export const SIMPLES_NACIONAL = ['naoOptante', 'mei', 'meEpp'] as const;
export const SimplesNacionalSchema = z.enum(SIMPLES_NACIONAL);

/**
 * How an ME/EPP in the Simples Nacional pays its taxes once over a sublimit (national DPS
 * `regApTribSN`): 1 federal and municipal through the SN; 2 federal through the SN and ISS
 * outside it; 3 both outside it.
 */
export const SIMPLES_NACIONAL_APURACAO = ['federaisEMunicipalPeloSn', 'federaisPeloSnIssForaDoSn', 'federaisEMunicipalForaDoSn'] as const;

/**
 * Special taxation regime (national `regEspTrib`; ABRASF `RegimeEspecialTributacao` where it has
 * the same regime: microempresaMunicipal 1, estimativa 2, sociedadeProfissionais 3, atoCooperado 4).
 */
export const REGIMES_ESPECIAIS = ['nenhum', 'atoCooperado', 'estimativa', 'microempresaMunicipal', 'notarioRegistrador', 'profissionalAutonomo', 'sociedadeProfissionais', 'outros'] as const;

/** What a company pays taxes as: what every RPS and DPS it issues declares. */
export const TaxRegimeSchema = z
  .strictObject({
    simplesNacional: SimplesNacionalSchema,
    /** Only for `meEpp`. @default federaisEMunicipalPeloSn */
    simplesNacionalApuracao: z.enum(SIMPLES_NACIONAL_APURACAO).optional(),
    regimeEspecial: z.enum(REGIMES_ESPECIAIS).default('nenhum'),
    /** Whether the city grants the company a fiscal incentive (ABRASF `IncentivoFiscal`). @default false */
    incentivoFiscal: z.boolean().default(false),
  })
  .refine((regime) => regime.simplesNacionalApuracao === undefined || regime.simplesNacional === 'meEpp', {
    message: 'only an ME/EPP in the Simples Nacional (simplesNacional "meEpp") declares simplesNacionalApuracao',
    path: ['simplesNacionalApuracao'],
  });
export type TaxRegime = z.infer<typeof TaxRegimeSchema>;

/** What the company usually provides: the defaults of an invoice that does not say. */
export const DefaultServiceSchema = z.strictObject({
  /** Item of the LC 116/2003 list, e.g. "01.07". */
  code: z.string().regex(/^\d{2}\.\d{2}$/, 'must be the LC 116 item, e.g. "01.07"'),
  /** The city's own service code (CodigoTributacaoMunicipio / cTribMun). */
  municipalTaxCode: z.string().min(1).max(20).optional(),
  /** National service code (cTribNac, 6 digits), for the NFS-e Nacional. */
  nationalTaxCode: z.string().regex(/^\d{6}$/, 'must be the 6-digit national code (cTribNac)').optional(),
  /** ISS rate, percent. */
  issRate: IssRateSchema,
  description: z.string().trim().min(1).max(2000).optional(),
});
export type DefaultService = z.infer<typeof DefaultServiceSchema>;

/** The company fields a client sends (`PUT /companies/{cnpj}` body; `PATCH` takes any part). */
export const CompanyInputSchema = z.strictObject({
  razaoSocial: z.string().trim().min(1).max(150),
  nomeFantasia: z.string().trim().min(1).max(60).optional(),
  /** Inscrição municipal in the company's municipality; most cities require it on every RPS. */
  inscricaoMunicipal: z.string().regex(/^[0-9A-Za-z./-]{1,15}$/, 'must be 1-15 letters, digits or . / -').optional(),
  /** Where the company is established (IBGE): whose NFS-e system issues its notes. */
  municipalityCode: MunicipalityCodeSchema,
  address: AddressSchema,
  taxRegime: TaxRegimeSchema,
  defaultService: DefaultServiceSchema.optional(),
  contactEmail: z.email({ message: 'must be an e-mail address' }).max(80),
  /**
   * Settings of its municipality's provider this company overrides (e.g. a series of its own,
   * a different signature algorithm), by name; validated against the municipality registry.
   */
  providerOverrides: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type CompanyInput = z.infer<typeof CompanyInputSchema>;

/** A company (the prestador) as stored (`COMPANIES_TABLE`, PK `cnpj`) and answered. */
export const CompanySchema = CompanyInputSchema.extend({
  cnpj: CnpjSchema,
  /** Optimistic concurrency: answered as the `ETag`; a write may name it in `If-Match` (412 when it moved on). */
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Who wrote the current version (`sub` or `client_id`). */
  updatedBy: z.string().min(1),
  /**
   * Its A1 certificate, once uploaded (`PUT /companies/{cnpj}/certificate`): metadata, secret and
   * status, never key material. The company's PUT keeps it and its PATCH cannot name it.
   */
  certificate: CompanyCertificateSchema.optional(),
});
export type Company = z.infer<typeof CompanySchema>;

/** `/companies/{cnpj}...`: the company's CNPJ. */
export const CompanyPathSchema = z.strictObject({ cnpj: CnpjSchema.describe("The company's CNPJ: 14 characters, no punctuation") });

/**
 * `PATCH /companies/{cnpj}`: a JSON Merge Patch (RFC 7386) of the company's fields — objects are
 * merged, `null` removes an optional field — whose result must still be a valid company.
 */
export const CompanyPatchSchema = z
  .strictObject(Object.fromEntries(Object.keys(CompanyInputSchema.shape).map((key) => [key, z.unknown().optional()])) as Record<keyof CompanyInput, z.ZodOptional<z.ZodUnknown>>)
  .refine((patch) => Object.keys(patch).length > 0, { message: 'name at least one field to change', when: (payload) => payload.issues.length === 0 });
export type CompanyPatch = z.infer<typeof CompanyPatchSchema>;

/** `GET /companies` query. */
export const ListCompaniesQuerySchema = z.strictObject({
  /** @default 50 */
  limit: z.coerce.number().int().min(1).max(100).default(50).describe('Companies per page'),
  nextToken: z.string().max(2048).optional().describe('Where the page starts: the `nextToken` of the previous answer, sent back as is with the same filters'),
});
export type ListCompaniesQuery = z.infer<typeof ListCompaniesQuerySchema>;

/** `GET /companies`: the caller's companies by CNPJ (every company for ops, a page at a time). */
export const ListCompaniesResponseSchema = z.strictObject({
  items: z.array(CompanySchema),
  nextToken: z.string().optional().describe('Present when more items follow: send it as the `nextToken` parameter for the next page'),
});
export type ListCompaniesResponse = z.infer<typeof ListCompaniesResponseSchema>;
