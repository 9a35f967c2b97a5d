import { z } from 'zod';
import { CnpjSchema, IsoTimestampSchema, MoneySchema, MunicipalityCodeSchema, UlidSchema } from './fields';
import { InvoiceErrorSchema } from './invoiceRecord';

/** EventBridge `Source` of every invoice event. */
export const INVOICE_EVENT_SOURCE = 'nfse-flow.invoices';

/** EventBridge `DetailType`s. */
export const INVOICE_EVENT_TYPES = {
  Issued: 'InvoiceIssued',
  Failed: 'InvoiceFailed',
  Cancelled: 'InvoiceCancelled',
  Substituted: 'InvoiceSubstituted',
} as const;
export type InvoiceEventType = (typeof INVOICE_EVENT_TYPES)[keyof typeof INVOICE_EVENT_TYPES];

const Common = {
  invoiceId: UlidSchema,
  companyCnpj: CnpjSchema,
  municipalityCode: MunicipalityCodeSchema,
  total: MoneySchema,
  executionArn: z.string(),
};

/** Detail of `InvoiceIssued`. No tomador data: events are not the place for personal data. */
export const InvoiceIssuedDetailSchema = z.strictObject({ ...Common, nfseNumber: z.string(), verificationCode: z.string(), issuedAt: IsoTimestampSchema });
/** Detail of `InvoiceFailed`. */
export const InvoiceFailedDetailSchema = z.strictObject({ ...Common, error: InvoiceErrorSchema, failedAt: IsoTimestampSchema });
/** Detail of `InvoiceCancelled`. */
export const InvoiceCancelledDetailSchema = z.strictObject({ ...Common, nfseNumber: z.string(), cancelledAt: IsoTimestampSchema });

/**
 * Detail of `InvoiceSubstituted`: `invoiceId` is the replaced invoice (now SUBSTITUTED),
 * `substitutedBy` the new one (ISSUED, its NFS-e `nfseNumber`); `total` is the new invoice's.
 */
export const InvoiceSubstitutedDetailSchema = z.strictObject({
  ...Common,
  substitutedBy: UlidSchema,
  nfseNumber: z.string(),
  replacedNfseNumber: z.string(),
  reasonCode: z.number().int(),
  substitutedAt: IsoTimestampSchema,
});

export type InvoiceIssuedDetail = z.infer<typeof InvoiceIssuedDetailSchema>;
export type InvoiceFailedDetail = z.infer<typeof InvoiceFailedDetailSchema>;
export type InvoiceCancelledDetail = z.infer<typeof InvoiceCancelledDetailSchema>;
export type InvoiceSubstitutedDetail = z.infer<typeof InvoiceSubstitutedDetailSchema>;

/** The detail each event type carries, by `DetailType`. */
export const INVOICE_EVENT_DETAIL_SCHEMAS = {
  [INVOICE_EVENT_TYPES.Issued]: InvoiceIssuedDetailSchema,
  [INVOICE_EVENT_TYPES.Failed]: InvoiceFailedDetailSchema,
  [INVOICE_EVENT_TYPES.Cancelled]: InvoiceCancelledDetailSchema,
  [INVOICE_EVENT_TYPES.Substituted]: InvoiceSubstitutedDetailSchema,
} as const satisfies Record<InvoiceEventType, z.ZodType>;
export type InvoiceEventDetail<Type extends InvoiceEventType> = z.infer<(typeof INVOICE_EVENT_DETAIL_SCHEMAS)[Type]>;
