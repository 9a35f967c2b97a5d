import { z } from 'zod';
import { DeliveryIdSchema, DeliveryStatusSchema, WebhookAttemptSchema } from './webhookDelivery';
import { CnpjSchema, IsoTimestampSchema, UlidSchema } from './fields';
import { WebhookEventTypeSchema } from './webhookEvents';
import { WebhookStatusSchema } from './webhookEndpoint';

/**
 * The webhooks table (`WEBHOOKS_TABLE`): endpoints and their deliveries, one table, keys `pk`/`sk`
 * and one GSI, `lookup` (`gsi1pk`/`gsi1sk`, every attribute projected):
 *
 * | item | pk | sk | gsi1pk | gsi1sk |
 * | --- | --- | --- | --- | --- |
 * | endpoint | `endpoint#{id}` | `endpoint` | `company#{cnpj}` | `endpoint#{id}` |
 * | delivery | `endpoint#{endpointId}` | `delivery#{createdAt}#{eventId}` | `delivery#{deliveryId}` | `delivery` |
 *
 * So an endpoint is one GetItem; a company's endpoints (the fan-out's question, and `GET
 * /webhooks`) one Query of the index; an endpoint's deliveries, newest first, one Query of its
 * partition; a delivery by id (replay) one Query of the index.
 */
export const WEBHOOKS_TABLE_KEY = { partitionKey: 'pk', sortKey: 'sk' } as const;
export const WEBHOOKS_LOOKUP_INDEX = { name: 'lookup', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } as const;

/** The keys of each kind of item. */
export const webhookKeys = {
  endpoint: (endpointId: string) => ({ pk: `endpoint#${endpointId}`, sk: 'endpoint' }),
  companyEndpoints: (cnpj: string) => `company#${cnpj}`,
  endpointLookup: (cnpj: string, endpointId: string) => ({ gsi1pk: `company#${cnpj}`, gsi1sk: `endpoint#${endpointId}` }),
  deliveries: (endpointId: string) => `endpoint#${endpointId}`,
  deliverySortPrefix: 'delivery#',
  deliveryLookup: (deliveryId: string) => `delivery#${deliveryId}`,
} as const;

/** An endpoint item. */
export const WebhookEndpointRecordSchema = z.object({
  pk: z.string(),
  sk: z.literal('endpoint'),
  id: UlidSchema,
  companyCnpj: CnpjSchema,
  url: z.string(),
  events: z.array(WebhookEventTypeSchema),
  description: z.string().optional(),
  status: WebhookStatusSchema,
  /** The endpoint's signing secret in Secrets Manager (its name). */
  secretId: z.string(),
  createdAt: IsoTimestampSchema,
  createdBy: z.string(),
  failingSince: IsoTimestampSchema.optional(),
  disabledAt: IsoTimestampSchema.optional(),
  secretRotatedAt: IsoTimestampSchema.optional(),
});
export type WebhookEndpointRecord = z.infer<typeof WebhookEndpointRecordSchema>;

/** A delivery item: written by WebhookDeliveryWorkflow (every attempt appended as it happens). */
export const WebhookDeliveryRecordSchema = z.object({
  pk: z.string(),
  sk: z.string(),
  id: DeliveryIdSchema,
  endpointId: UlidSchema,
  companyCnpj: CnpjSchema,
  eventId: z.string(),
  webhookId: z.string(),
  type: WebhookEventTypeSchema,
  payload: z.string(),
  createdAt: IsoTimestampSchema,
  status: DeliveryStatusSchema,
  executionArn: z.string(),
  attempts: z.array(WebhookAttemptSchema),
  replays: z.number().int().min(0),
  deliveredAt: IsoTimestampSchema.optional(),
  failedAt: IsoTimestampSchema.optional(),
  error: z.string().optional(),
});
export type WebhookDeliveryRecord = z.infer<typeof WebhookDeliveryRecordSchema>;
