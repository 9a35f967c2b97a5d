import { z } from 'zod';
import { ORDER_EVENT_SOURCE, ORDER_EVENT_TYPES } from './orderEvents';

/**
 * An order event as EventBridge delivers it to a target (the SQS body of `…-orders-events`): the
 * envelope, and a detail that carries at least the outbox row's `eventId` and the `orderId`. The
 * envelope's `id` differs per PutEvents; consumers deduplicate by `detail.eventId`.
 * @see https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html
 */
export const OrderBusEventSchema = z.object({
  version: z.string(),
  id: z.string().min(1),
  'detail-type': z.enum(ORDER_EVENT_TYPES),
  source: z.literal(ORDER_EVENT_SOURCE),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.looseObject({ eventId: z.uuid(), orderId: z.string().min(1) }),
});
export type OrderBusEvent = z.infer<typeof OrderBusEventSchema>;
