import { z } from 'zod';
import { InvoiceRecordSchema } from './invoiceRecord';
import { UlidSchema } from './fields';

/** `GET /ping`: the API is up. */
export const PingResponseSchema = z.strictObject({
  status: z.literal('ok'),
  time: z.iso.datetime(),
});
export type PingResponse = z.infer<typeof PingResponseSchema>;

/** `201` answer of `POST /invoices`. */
export const EmitInvoiceResponseSchema = z.strictObject({
  invoiceId: UlidSchema,
  status: z.literal('EMITTED'),
  xmlKey: z.string(),
});
export type EmitInvoiceResponse = z.infer<typeof EmitInvoiceResponseSchema>;

/** `202` answer of `POST /invoices/{id}/cancel`: the cancellation is under way. */
export const CancelInvoiceResponseSchema = z.strictObject({
  invoiceId: UlidSchema,
  status: z.literal('CANCELLING'),
  executionArn: z.string(),
});
export type CancelInvoiceResponse = z.infer<typeof CancelInvoiceResponseSchema>;

/** `202` answer of `POST /invoices/{id}/substitute`: the new invoice, on its way to replace the old one. */
export const SubstituteInvoiceResponseSchema = z.strictObject({
  /** The new invoice. */
  invoiceId: UlidSchema,
  status: z.literal('EMITTED'),
  /** The invoice it replaces. */
  substitutes: UlidSchema,
  xmlKey: z.string(),
  executionArn: z.string(),
});
export type SubstituteInvoiceResponse = z.infer<typeof SubstituteInvoiceResponseSchema>;

/** `GET /invoices/{id}`: the record as clients see it (what ops did is in its history), plus presigned links on request. */
export const InvoiceViewSchema = InvoiceRecordSchema.omit({ companyCreatedAt: true, createdBy: true, cancelAttempts: true, reprocessCount: true, opsActions: true, substitutionFingerprint: true }).extend({
  xmlUrl: z.url().optional(),
  nfseXmlUrl: z.url().optional(),
  /** The NFS-e's PDF (`include=pdfUrl`): the national DANFSe, or for ABRASF cities our DANFSe-like auxiliary PDF. */
  pdfUrl: z.url().optional(),
});
export type InvoiceView = z.infer<typeof InvoiceViewSchema>;

/** One field that failed validation. */
export const FieldErrorSchema = z.strictObject({
  /** Dotted path into the body, e.g. `tomador.document`. */
  field: z.string(),
  message: z.string(),
});

/** Every 4xx/5xx body. `message` first, as API Gateway's own answers (`{"message":"Forbidden"}`). */
export const ErrorBodySchema = z.strictObject({
  message: z.string(),
  /** A stable machine-readable code, e.g. `ValidationFailed`, `IdempotencyKeyReused`. */
  code: z.string().optional(),
  errors: z.array(FieldErrorSchema).optional(),
  /** The execution a conflict is about, e.g. the billing run of the month that is running (409 `RunInProgress`). */
  executionArn: z.string().optional(),
  requestId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
