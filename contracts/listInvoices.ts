import { z } from 'zod';
import { ProviderNameSchema } from './municipality';
import { CnpjSchema, IsoDateSchema, MoneySchema, MunicipalityCodeSchema, UlidSchema } from './fields';
import { InvoiceStatusSchema } from './invoiceStatus';

/** `GET /invoices` query string. */
export const ListInvoicesQuerySchema = z.strictObject({
  /** Required when the caller has more than one company. */
  companyCnpj: CnpjSchema.optional().describe('The company whose invoices to list; required when the caller has more than one'),
  status: InvoiceStatusSchema.optional(),
  municipalityCode: MunicipalityCodeSchema.optional(),
  from: IsoDateSchema.optional().describe('Created on or after this day (UTC)'),
  to: IsoDateSchema.optional().describe('Created on or before this day (UTC)'),
  /** @default 50 */
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Invoices per page'),
  nextToken: z.string().max(2048).optional().describe('Where the page starts: the `nextToken` of the previous answer, sent back as is with the same filters'),
});
export type ListInvoicesQuery = z.infer<typeof ListInvoicesQuerySchema>;

/** One invoice in a listing: no tomador data. */
export const InvoiceSummarySchema = z.strictObject({
  invoiceId: UlidSchema,
  companyCnpj: CnpjSchema,
  municipalityCode: MunicipalityCodeSchema,
  total: MoneySchema,
  status: InvoiceStatusSchema,
  createdAt: z.string(),
  processedAt: z.string().optional(),
  nfseNumber: z.string().optional(),
  errorCode: z.string().optional(),
  /** The city's words for `errorCode` (a rejection, a refused cancellation). */
  errorMessage: z.string().optional(),
  /** The system that issues it (`abrasf-2.04`, `nacional`), when recorded. */
  provider: ProviderNameSchema.optional(),
});
export type InvoiceSummary = z.infer<typeof InvoiceSummarySchema>;

/** `GET /invoices` answer, newest first. */
export const ListInvoicesResponseSchema = z.strictObject({
  items: z.array(InvoiceSummarySchema),
  nextToken: z.string().optional().describe('Present when more items follow: send it as the `nextToken` parameter for the next page'),
});
export type ListInvoicesResponse = z.infer<typeof ListInvoicesResponseSchema>;

/** `GET /reports/revenue` query string. */
export const RevenueQuerySchema = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM').describe('The month, YYYY-MM (UTC)'),
  companyCnpj: CnpjSchema.optional().describe('One company; required when the caller has more than one'),
});
export type RevenueQuery = z.infer<typeof RevenueQuerySchema>;

/** Revenue of ISSUED invoices by municipality in a month (from Aurora). */
export const RevenueReportSchema = z.strictObject({
  month: z.string(),
  companyCnpj: CnpjSchema.optional(),
  rows: z.array(z.strictObject({ municipalityCode: z.string(), invoices: z.number().int(), revenue: z.string() })),
  total: z.string(),
});
export type RevenueReport = z.infer<typeof RevenueReportSchema>;
