import { z } from 'zod';
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
  /** Optimistic concurrency: a write names the version it read (`If-Match`), and bumps it. */
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Company = z.infer<typeof CompanySchema>;
