import { z } from 'zod';
import { CnpjSchema, IsoTimestampSchema, UlidSchema } from './fields';
import { WebhookEventTypeSchema } from './webhookEvents';

/**
 * A delivery is one event to one endpoint: `{bus event id}_{endpoint id}`. It is also the name of
 * its first WebhookDeliveryWorkflow execution, so the same event twice (EventBridge delivers at
 * least once) starts one delivery, not two.
 */
export const DeliveryIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a delivery id ({event id}_{endpoint id})');

/** What one POST got. */
export const AttemptOutcomeSchema = z.enum([
  /** 2xx. */
  'delivered',
  /** A 4xx other than 408 and 429, or a destination we never send to: not retried. */
  'rejected',
  /** Anything else (5xx, 408, 429, a timeout, a refused connection): retried with backoff. */
  'retryable',
]);
export type AttemptOutcome = z.infer<typeof AttemptOutcomeSchema>;

/** One POST of a delivery: what the sender Lambda answers, and what the delivery records. */
export const WebhookAttemptSchema = z.strictObject({
  at: IsoTimestampSchema,
  outcome: AttemptOutcomeSchema,
  /** The HTTP status; absent when no answer came (timeout, connection refused, blocked address). */
  statusCode: z.number().int().optional(),
  durationMs: z.number().int().min(0),
  /** Why it was not delivered, in words. */
  error: z.string().optional(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttemptSchema>;

export const DeliveryStatusSchema = z.enum(['pending', 'delivered', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

/** A delivery as the API shows it. */
export const WebhookDeliverySchema = z.strictObject({
  id: DeliveryIdSchema,
  endpointId: UlidSchema,
  type: WebhookEventTypeSchema,
  /** The `webhook-id` header: the same on every attempt and every replay, so a receiver can drop duplicates. */
  webhookId: z.string(),
  status: DeliveryStatusSchema,
  createdAt: IsoTimestampSchema,
  deliveredAt: IsoTimestampSchema.optional(),
  failedAt: IsoTimestampSchema.optional(),
  error: z.string().optional(),
  /** The payload sent (JSON text), byte for byte what was signed. */
  payload: z.string(),
  attempts: z.array(WebhookAttemptSchema),
  replays: z.number().int().min(0),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const ListDeliveriesResponseSchema = z.strictObject({ items: z.array(WebhookDeliverySchema).describe('The latest deliveries (at most 100), newest first') });
export type ListDeliveriesResponse = z.infer<typeof ListDeliveriesResponseSchema>;

/** `/webhooks/deliveries/{id}`. */
export const DeliveryPathSchema = z.strictObject({ id: DeliveryIdSchema.describe('The delivery id') });

/** `POST /webhooks/deliveries/{id}/replay` answer. */
export const ReplayedDeliverySchema = z.strictObject({ deliveryId: DeliveryIdSchema, executionArn: z.string() });
export type ReplayedDelivery = z.infer<typeof ReplayedDeliverySchema>;

/** WebhookDeliveryWorkflow's input: the fan-out's, and a replay's (the delivery record's fields). */
export const WebhookDeliveryInputSchema = z.strictObject({
  deliveryId: DeliveryIdSchema,
  endpointId: UlidSchema,
  companyCnpj: CnpjSchema,
  eventId: z.string(),
  webhookId: z.string(),
  type: WebhookEventTypeSchema,
  /** The event's time: with the event id, the delivery's sort key. */
  createdAt: IsoTimestampSchema,
  payload: z.string(),
});
export type WebhookDeliveryInput = z.infer<typeof WebhookDeliveryInputSchema>;

/** What WebhookDeliveryWorkflow hands the sender Lambda: everything one POST needs, nothing to look up but the secret. */
export const SendWebhookRequestSchema = z.strictObject({
  url: z.string(),
  /** The endpoint's signing secret in Secrets Manager (name or ARN): never in the execution's history. */
  secretId: z.string(),
  webhookId: z.string(),
  payload: z.string(),
});
export type SendWebhookRequest = z.infer<typeof SendWebhookRequestSchema>;
