import { z } from 'zod';
import { INVOICE_EVENT_SOURCE, INVOICE_EVENT_TYPES, InvoiceCancelledDetailSchema, InvoiceFailedDetailSchema, InvoiceIssuedDetailSchema, InvoiceSubstitutedDetailSchema } from './invoiceEvents';

const Envelope = {
  version: z.string(),
  id: z.string().min(1),
  source: z.literal(INVOICE_EVENT_SOURCE),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
};

/**
 * An invoice event as EventBridge delivers it to a Lambda target: the envelope, and the detail of
 * its `detail-type`'s contract (`contracts/invoiceEvents.ts`).
 * @see https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html
 */
export const InvoiceBusEventSchema = z.discriminatedUnion('detail-type', [
  z.object({ ...Envelope, 'detail-type': z.literal(INVOICE_EVENT_TYPES.Issued), detail: InvoiceIssuedDetailSchema }),
  z.object({ ...Envelope, 'detail-type': z.literal(INVOICE_EVENT_TYPES.Failed), detail: InvoiceFailedDetailSchema }),
  z.object({ ...Envelope, 'detail-type': z.literal(INVOICE_EVENT_TYPES.Cancelled), detail: InvoiceCancelledDetailSchema }),
  z.object({ ...Envelope, 'detail-type': z.literal(INVOICE_EVENT_TYPES.Substituted), detail: InvoiceSubstitutedDetailSchema }),
]);
export type InvoiceBusEvent = z.infer<typeof InvoiceBusEventSchema>;

/** The bus rule that sends every invoice event to the invoice metrics function (the CDK app's and the local cloud's). */
export const INVOICE_METRICS_EVENT_PATTERN = { source: [INVOICE_EVENT_SOURCE], 'detail-type': Object.values(INVOICE_EVENT_TYPES) } as const;

/** The invoice metrics function's timeout: a parse and one log line per event. */
export const INVOICE_METRICS_TIMEOUT_SECONDS = 10;
