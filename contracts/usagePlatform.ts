import { z } from 'zod';

/**
 * The usage platform's REST API (volumetria), as it answers: we parse only what we use and let
 * it add fields. `valorTotal` is a JSON number in reais, as the seed's payloads show; the client
 * turns it into integer centavos at the edge, so no float goes further.
 */

/** The products we bill, each with the quantity the platform counts. */
export const BILLED_PRODUCTS = ['cobranca', 'pixpay'] as const;
export type BilledProduct = (typeof BILLED_PRODUCTS)[number];

/** A company as the usage platform numbers it. */
export const UsageCompanyIdSchema = z.number().int().positive();

/** Reais with at most 2 decimals, as a JSON number. */
const ReaisSchema = z.number().min(0).refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, 'must have at most 2 decimals');

/** Cobrança: bank slips (títulos) issued. */
export const CobrancaVolumeSchema = z.object({ idEmpresa: UsageCompanyIdSchema, qtdeTitulos: z.number().int().min(0), valorTotal: ReaisSchema });
export type CobrancaVolume = z.infer<typeof CobrancaVolumeSchema>;

/** PIX Pay: drivers paid. */
export const PixpayVolumeSchema = z.object({ idEmpresa: UsageCompanyIdSchema, qtdeMotoristas: z.number().int().min(0), valorTotal: ReaisSchema });
export type PixpayVolume = z.infer<typeof PixpayVolumeSchema>;

/** A page of `GET /v1/volumetria/{produto}?competencia=YYYY-MM&pagina=N`. */
export function usagePageSchema<Item extends z.ZodType>(item: Item): z.ZodObject<{ competencia: z.ZodString; pagina: z.ZodNumber; totalPaginas: z.ZodNumber; itens: z.ZodArray<Item> }> {
  return z.object({ competencia: z.string(), pagina: z.number().int().min(1), totalPaginas: z.number().int().min(0), itens: z.array(item) });
}
export const CobrancaPageSchema = usagePageSchema(CobrancaVolumeSchema);
export const PixpayPageSchema = usagePageSchema(PixpayVolumeSchema);

/** A client company of the platform (`GET /v1/empresas?pagina=N`). */
export const UsageCompanySchema = z.object({
  idEmpresa: UsageCompanyIdSchema,
  cnpj: z.string(),
  razaoSocial: z.string().min(1),
  email: z.string().optional(),
});
export type UsageCompany = z.infer<typeof UsageCompanySchema>;
export const UsageCompanyPageSchema = z.object({ pagina: z.number().int().min(1), totalPaginas: z.number().int().min(0), itens: z.array(UsageCompanySchema) });
export type UsageCompanyPage = z.infer<typeof UsageCompanyPageSchema>;

/** The platform's error body (4xx/5xx). */
export const UsageErrorSchema = z.object({ erro: z.string() });
