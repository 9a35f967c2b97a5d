import { z } from 'zod';
import { CnpjSchema } from './fields';

/** A competência: the month billed, `YYYY-MM`. */
export const CompetenciaSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM (01 to 12)');
export type Competencia = z.infer<typeof CompetenciaSchema>;

/** How much of one product a company used in the month: a count and its value in integer centavos. */
export const ProductVolumeSchema = z.strictObject({ quantity: z.number().int().min(0), centavos: z.number().int().min(0) });
export type ProductVolume = z.infer<typeof ProductVolumeSchema>;

/**
 * One client company's usage of a month, as FetchVolumes hands it to the Map (one item per
 * company): the usage platform's numbers, joined with its company record, money in centavos.
 */
export const CompanyUsageSchema = z.strictObject({
  /** The usage platform's id of the company, as text (`"17"`). */
  empresaId: z.string().regex(/^\d+$/),
  cnpj: CnpjSchema,
  razaoSocial: z.string().min(1),
  email: z.string().optional(),
  cobranca: ProductVolumeSchema,
  pixpay: ProductVolumeSchema,
});
export type CompanyUsage = z.infer<typeof CompanyUsageSchema>;
