import { z } from 'zod';
import { CnpjSchema, IsoTimestampSchema, UlidSchema } from './fields';
import { WebhookEventTypeSchema } from './webhookEvents';

/** Endpoints one company may register. */
export const MAX_WEBHOOKS_PER_COMPANY = 10;

/** How long a rotated-out signing secret still signs deliveries, beside the new one. */
export const PREVIOUS_SECRET_GRACE_HOURS = 24;

/** `POST /webhooks`: where to send which events of which company. */
export const CreateWebhookRequestSchema = z.strictObject({
  companyCnpj: CnpjSchema.describe('The company whose events the endpoint receives'),
  url: z
    .string()
    .max(2048)
    .url({ message: 'must be an absolute URL, e.g. "https://example.com/webhooks/nfse"' })
    .describe('Where deliveries are POSTed: https (locally, http to loopback when the stack allows it)'),
  events: z.array(WebhookEventTypeSchema).min(1, 'must name at least one event type').max(20).describe('The event types to send'),
  description: z.string().max(200).optional(),
});
export type CreateWebhookRequest = z.infer<typeof CreateWebhookRequestSchema>;

export const WebhookStatusSchema = z.enum(['enabled', 'disabled']);
export type WebhookStatus = z.infer<typeof WebhookStatusSchema>;

/** A registered endpoint, as the API shows it: never its secret. */
export const WebhookEndpointSchema = z.strictObject({
  id: UlidSchema,
  companyCnpj: CnpjSchema,
  url: z.string(),
  events: z.array(WebhookEventTypeSchema),
  description: z.string().optional(),
  status: WebhookStatusSchema,
  createdAt: IsoTimestampSchema,
  createdBy: z.string().describe('The principal that registered it'),
  /** Set on the first failed delivery, cleared by a successful one: the endpoint is disabled once it is older than the limit. */
  failingSince: IsoTimestampSchema.optional(),
  disabledAt: IsoTimestampSchema.optional(),
  secretRotatedAt: IsoTimestampSchema.optional(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

/** A signing secret, shown once: `whsec_` and base64, as the Standard Webhooks libraries take it. */
export const WebhookSecretSchema = z.string().regex(/^whsec_[A-Za-z0-9+/=]{32,}$/);

/** `POST /webhooks` answer: the endpoint and its signing secret, which no later answer shows. */
export const CreatedWebhookSchema = WebhookEndpointSchema.extend({ secret: WebhookSecretSchema.describe('The signing secret: shown this once, keep it') });
export type CreatedWebhook = z.infer<typeof CreatedWebhookSchema>;

/** `POST /webhooks/{id}/rotate-secret` answer. */
export const RotatedWebhookSecretSchema = z.strictObject({
  id: UlidSchema,
  secret: WebhookSecretSchema.describe('The new signing secret: shown this once'),
  previousSecretValidUntil: IsoTimestampSchema.describe('Until then deliveries carry a signature with the previous secret too'),
});
export type RotatedWebhookSecret = z.infer<typeof RotatedWebhookSecretSchema>;

/** `GET /webhooks` query string. */
export const ListWebhooksQuerySchema = z.strictObject({ companyCnpj: CnpjSchema.describe("Only this company's endpoints (default: every company of the caller)").optional() });
export type ListWebhooksQuery = z.infer<typeof ListWebhooksQuerySchema>;

export const ListWebhooksResponseSchema = z.strictObject({ items: z.array(WebhookEndpointSchema) });
export type ListWebhooksResponse = z.infer<typeof ListWebhooksResponseSchema>;

/** `/webhooks/{id}`. */
export const WebhookPathSchema = z.strictObject({ id: UlidSchema.describe('The endpoint id') });

/**
 * The signing secrets of an endpoint, as its Secrets Manager secret holds them (JSON). While a
 * previous secret is in its grace period, deliveries carry a signature with each.
 */
export const WebhookSecretValueSchema = z.strictObject({
  current: WebhookSecretSchema,
  previous: WebhookSecretSchema.optional(),
  previousValidUntil: IsoTimestampSchema.optional(),
});
export type WebhookSecretValue = z.infer<typeof WebhookSecretValueSchema>;

/** The name of an endpoint's signing secret in Secrets Manager. */
export function webhookSecretName(prefix: string, endpointId: string): string {
  return `${prefix}/webhooks/${endpointId}/signing-secret`;
}
