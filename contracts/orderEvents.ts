import { z } from 'zod';
import { CnpjSchema, IsoTimestampSchema, MoneySchema } from './fields';

/** EventBridge `Source` of every order event (on the app's bus, beside the invoice events). */
export const ORDER_EVENT_SOURCE = 'nfse-flow.orders';

/**
 * EventBridge `DetailType`s. The first three keep seed 004's names for whoever already listens
 * to them (`NotaFiscalCriada` is our order created); the last two are what webhooks deliver as
 * `order.confirmed` and `order.failed`.
 */
export const ORDER_EVENT_TYPES = {
  Created: 'NotaFiscalCriada',
  ReservationConfirmed: 'ReservaConfirmada',
  ReservationFailed: 'ReservaFalhou',
  Confirmed: 'OrderConfirmed',
  Failed: 'OrderFailed',
} as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[keyof typeof ORDER_EVENT_TYPES];

/**
 * Every detail carries the outbox row's `eventId`: the relay may publish a row twice (killed
 * between PutEvents and marking it published), and consumers drop the second by this id, not by
 * EventBridge's own event id, which differs per PutEvents.
 */
const Common = {
  eventId: z.uuid(),
  orderId: z.string().min(1),
  companyCnpj: CnpjSchema,
};

const OrderItemSchema = z.strictObject({ sku: z.string().min(1), quantity: z.number().int().positive() });

/** Detail of `NotaFiscalCriada`: the order was accepted (PENDING). */
export const OrderCreatedDetailSchema = z.strictObject({
  ...Common,
  items: z.array(OrderItemSchema.extend({ unitPrice: MoneySchema })).min(1),
  total: MoneySchema,
  createdAt: IsoTimestampSchema,
});
/** Detail of `ReservaConfirmada`: every item reserved, in one transaction. */
export const ReservationConfirmedDetailSchema = z.strictObject({ ...Common, items: z.array(OrderItemSchema).min(1), reservedAt: IsoTimestampSchema });
/** Detail of `ReservaFalhou`: some item was short; nothing was reserved. */
export const ReservationFailedDetailSchema = z.strictObject({
  ...Common,
  shortItems: z.array(z.strictObject({ sku: z.string().min(1), requested: z.number().int().positive(), available: z.number().int().min(0) })).min(1),
  failedAt: IsoTimestampSchema,
});
/** Detail of `OrderConfirmed`: the invoice was issued and the reservations consumed (CONFIRMADA). */
export const OrderConfirmedDetailSchema = z.strictObject({ ...Common, invoiceId: z.string().min(1), nfseNumber: z.string(), confirmedAt: IsoTimestampSchema });
/** Detail of `OrderFailed`: short of stock (ERRO_ESTOQUE) or the invoice failed and the stock was given back (FAILED). */
export const OrderFailedDetailSchema = z.strictObject({
  ...Common,
  status: z.enum(['ERRO_ESTOQUE', 'FAILED']),
  error: z.strictObject({ code: z.string(), message: z.string() }),
  failedAt: IsoTimestampSchema,
});

/** The detail each event type carries, by `DetailType`. */
export const ORDER_EVENT_DETAIL_SCHEMAS = {
  [ORDER_EVENT_TYPES.Created]: OrderCreatedDetailSchema,
  [ORDER_EVENT_TYPES.ReservationConfirmed]: ReservationConfirmedDetailSchema,
  [ORDER_EVENT_TYPES.ReservationFailed]: ReservationFailedDetailSchema,
  [ORDER_EVENT_TYPES.Confirmed]: OrderConfirmedDetailSchema,
  [ORDER_EVENT_TYPES.Failed]: OrderFailedDetailSchema,
} as const satisfies Record<OrderEventType, z.ZodType>;
export type OrderEventDetail<Type extends OrderEventType> = z.infer<(typeof ORDER_EVENT_DETAIL_SCHEMAS)[Type]>;
