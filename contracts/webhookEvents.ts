import { z } from 'zod';
import { CERTIFICATE_EVENT_SOURCE, CERTIFICATE_EVENT_TYPES } from './certificateEvents';
import { CnpjSchema, IsoTimestampSchema, UlidSchema } from './fields';
import { INVOICE_EVENT_SOURCE, INVOICE_EVENT_TYPES } from './invoiceEvents';

/** The event types a webhook endpoint may subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'invoice.issued',
  'invoice.failed',
  'invoice.cancelled',
  'invoice.substituted',
  'certificate.expiring',
  'billing.run.finished',
  'order.confirmed',
  'order.failed',
] as const;
export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;

/** One bus event a webhook type is made from: its EventBridge `source` and `detail-type`. */
export interface WebhookEventRoute {
  readonly type: WebhookEventType;
  readonly source: string;
  readonly detailType: string;
}

/**
 * Where each webhook type comes from on the event bus. Every detail names its tenant in
 * `companyCnpj`. Billing runs have no publisher yet: their type is
 * accepted at registration and delivered once something publishes it.
 */
export const WEBHOOK_EVENT_ROUTES: readonly WebhookEventRoute[] = [
  { type: 'invoice.issued', source: INVOICE_EVENT_SOURCE, detailType: INVOICE_EVENT_TYPES.Issued },
  { type: 'invoice.failed', source: INVOICE_EVENT_SOURCE, detailType: INVOICE_EVENT_TYPES.Failed },
  { type: 'invoice.cancelled', source: INVOICE_EVENT_SOURCE, detailType: INVOICE_EVENT_TYPES.Cancelled },
  { type: 'invoice.substituted', source: INVOICE_EVENT_SOURCE, detailType: INVOICE_EVENT_TYPES.Substituted },
  { type: 'certificate.expiring', source: CERTIFICATE_EVENT_SOURCE, detailType: CERTIFICATE_EVENT_TYPES.Expiring },
  { type: 'billing.run.finished', source: 'nfse-flow.billing', detailType: 'BillingRunFinished' },
  { type: 'order.confirmed', source: 'nfse-flow.orders', detailType: 'OrderConfirmed' },
  { type: 'order.failed', source: 'nfse-flow.orders', detailType: 'OrderFailed' },
];

/**
 * The body of every delivery, as the Standard Webhooks specification recommends: the type, when
 * the event happened, and the bus event's detail as `data`.
 * @see https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#payload-structure
 */
export const WebhookPayloadSchema = z.strictObject({
  type: WebhookEventTypeSchema,
  timestamp: IsoTimestampSchema,
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

/** EventBridge `Source` of the webhook service's own events. */
export const WEBHOOK_EVENT_SOURCE = 'nfse-flow.webhooks';

/** EventBridge `DetailType`s of the webhook service. */
export const WEBHOOK_SERVICE_EVENT_TYPES = { EndpointDisabled: 'WebhookEndpointDisabled' } as const;

/** Detail of `WebhookEndpointDisabled`: the tenant's endpoint failed every delivery for days and is no longer sent to. */
export const WebhookEndpointDisabledDetailSchema = z.strictObject({
  endpointId: UlidSchema,
  companyCnpj: CnpjSchema,
  url: z.string(),
  failingSince: IsoTimestampSchema,
  disabledAt: IsoTimestampSchema,
});
export type WebhookEndpointDisabledDetail = z.infer<typeof WebhookEndpointDisabledDetailSchema>;
