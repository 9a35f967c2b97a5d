import { z } from 'zod';
import { IsoTimestampSchema, UlidSchema } from './fields';
import { InvoiceErrorSchema } from './invoiceRecord';

/** A message on `FAILURES_QUEUE_URL`: an invoice that failed, for ops to reprocess. */
export const FailureMessageSchema = z.strictObject({
  invoiceId: UlidSchema,
  workflow: z.enum(['emission', 'cancellation']),
  executionArn: z.string(),
  error: InvoiceErrorSchema,
  failedAt: IsoTimestampSchema,
});
export type FailureMessage = z.infer<typeof FailureMessageSchema>;
