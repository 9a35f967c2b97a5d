import { z } from 'zod';
import { CancellationReasonCodeSchema, CnpjSchema, IsoTimestampSchema, MoneySchema, MunicipalityCodeSchema, UlidSchema } from './fields';
import { RpsSchema } from './invoiceRecord';
import { ProviderNameSchema } from './municipality';
import { ChaveAcessoSchema } from './nacionalApi';

/**
 * Input of `EmissionWorkflow` (execution name = invoiceId, or `{invoiceId}-r{n}` on reprocess).
 * Only what the workflow needs: no tomador data (execution input is visible in the console).
 */
export const EmissionInputSchema = z.strictObject({
  invoiceId: UlidSchema,
  companyCnpj: CnpjSchema,
  municipalityCode: MunicipalityCodeSchema,
  total: MoneySchema,
  rps: RpsSchema,
  xmlKey: z.string(),
  nfseXmlKey: z.string(),
  createdAt: IsoTimestampSchema,
  /** The system that issues it (reported beside the invoice). */
  provider: ProviderNameSchema.optional(),
});
export type EmissionInput = z.infer<typeof EmissionInputSchema>;

/** Output of a successful `EmissionWorkflow`. */
export const EmissionOutputSchema = z.strictObject({
  invoiceId: UlidSchema,
  status: z.literal('ISSUED'),
  nfseNumber: z.string(),
  verificationCode: z.string(),
});
export type EmissionOutput = z.infer<typeof EmissionOutputSchema>;

/** Input of `CancellationWorkflow` (execution name = `{invoiceId}-cancel-{n}`). */
export const CancellationInputSchema = EmissionInputSchema.extend({
  nfseNumber: z.string().min(1),
  /** The national system's key of the NFS-e, which its cancellation event names (absent for ABRASF cities). */
  chaveAcesso: ChaveAcessoSchema.optional(),
  reasonCode: CancellationReasonCodeSchema,
  reason: z.string().max(255).optional(),
  requestedAt: IsoTimestampSchema,
});
export type CancellationInput = z.infer<typeof CancellationInputSchema>;

/** Output of a successful `CancellationWorkflow`. */
export const CancellationOutputSchema = z.strictObject({
  invoiceId: UlidSchema,
  status: z.literal('CANCELLED'),
  cancelledAt: IsoTimestampSchema,
});
export type CancellationOutput = z.infer<typeof CancellationOutputSchema>;

/** The invoice a substitution replaces, as SubstitutionWorkflow reports and marks it. */
export const ReplacedInvoiceSchema = EmissionInputSchema.extend({
  nfseNumber: z.string().min(1),
  chaveAcesso: ChaveAcessoSchema.optional(),
  verificationCode: z.string().optional(),
  processedAt: IsoTimestampSchema.optional(),
});
export type ReplacedInvoice = z.infer<typeof ReplacedInvoiceSchema>;

/**
 * Input of `SubstitutionWorkflow` (execution name = the new invoice's id): the new invoice as
 * emission takes it, the one it replaces, and why.
 */
export const SubstitutionInputSchema = EmissionInputSchema.extend({
  replaced: ReplacedInvoiceSchema,
  reasonCode: CancellationReasonCodeSchema,
  reason: z.string().max(255).optional(),
  requestedAt: IsoTimestampSchema,
});
export type SubstitutionInput = z.infer<typeof SubstitutionInputSchema>;

/** Output of a successful `SubstitutionWorkflow`. */
export const SubstitutionOutputSchema = z.strictObject({
  invoiceId: UlidSchema,
  status: z.literal('ISSUED'),
  substitutes: UlidSchema,
  nfseNumber: z.string(),
  substitutedAt: IsoTimestampSchema,
});
export type SubstitutionOutput = z.infer<typeof SubstitutionOutputSchema>;
