import { z } from 'zod';
import { TomadorSchema } from './emitInvoiceRequest';
import { CnpjSchema, MoneySchema, MunicipalityCodeSchema, UlidSchema } from './fields';
import { ORDER_STATUSES } from './ordersSchemaSql';
import { SkuSchema } from './product';

export const OrderStatusSchema = z.enum(ORDER_STATUSES);

/** One line of an order. */
export const OrderItemSchema = z.strictObject({
  sku: SkuSchema,
  quantity: z.number().int().min(1).max(100_000),
  unitPrice: MoneySchema,
});
export type OrderItem = z.infer<typeof OrderItemSchema>;

/** `POST /orders` body. */
export const CreateOrderRequestSchema = z.strictObject({
  companyCnpj: CnpjSchema,
  /** The tomador of the invoice the order becomes: personal data, never in the saga's input. */
  customer: TomadorSchema,
  items: z
    .array(OrderItemSchema)
    .min(1)
    .max(100)
    .refine((items) => new Set(items.map((item) => item.sku)).size === items.length, 'must not name a SKU twice'),
  /** Where the invoice is issued. @default the company's municipality */
  municipalityCode: MunicipalityCodeSchema.optional(),
});
export type CreateOrderRequest = z.infer<typeof CreateOrderRequestSchema>;

/** `POST /orders` answer. */
export const CreatedOrderSchema = z.strictObject({ orderId: UlidSchema, status: z.literal('PENDING') });
export type CreatedOrder = z.infer<typeof CreatedOrderSchema>;

/** `/orders/{id}` path parameters. */
export const OrderPathSchema = z.strictObject({ id: UlidSchema });

/** A state of the order's saga execution, from its history. */
export const OrderStepSchema = z.strictObject({
  name: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  enteredAt: z.string(),
  exitedAt: z.string().optional(),
  /** A state that undoes an earlier one (the stock given back after the invoice failed). */
  compensation: z.boolean(),
});
export type OrderStep = z.infer<typeof OrderStepSchema>;

/** An event the order wrote to the outbox, and whether the relay has published it yet. */
export const OrderEventViewSchema = z.strictObject({
  eventId: z.uuid(),
  detailType: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().optional(),
});

/** A short item: what was asked and what the stock had. */
export const ShortItemSchema = z.strictObject({ sku: z.string(), requested: z.number().int(), available: z.number().int().min(0) });

/** One order in a listing: no customer data. */
export const OrderSummarySchema = z.strictObject({
  orderId: UlidSchema,
  companyCnpj: CnpjSchema,
  municipalityCode: MunicipalityCodeSchema,
  total: MoneySchema,
  status: OrderStatusSchema,
  invoiceId: z.string().optional(),
  nfseNumber: z.string().optional(),
  error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
  executionArn: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrderSummary = z.infer<typeof OrderSummarySchema>;

/** `GET /orders/{id}` answer: the order, its saga's steps and its events. */
export const OrderViewSchema = OrderSummarySchema.extend({
  customer: TomadorSchema,
  items: z.array(OrderItemSchema),
  shortItems: z.array(ShortItemSchema).optional(),
  steps: z.array(OrderStepSchema),
  events: z.array(OrderEventViewSchema),
});
export type OrderView = z.infer<typeof OrderViewSchema>;

/** `GET /orders` query string. */
export const ListOrdersQuerySchema = z.strictObject({
  companyCnpj: CnpjSchema.optional().describe('The company whose orders to list; required when the caller has more than one'),
  status: OrderStatusSchema.optional(),
  /** @default 50 */
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Orders per page'),
  nextToken: z.string().max(2048).optional().describe('Where the page starts: the `nextToken` of the previous answer, sent back as is with the same filters'),
});
export type ListOrdersQuery = z.infer<typeof ListOrdersQuerySchema>;

/** `GET /orders` answer, newest first. */
export const ListOrdersResponseSchema = z.strictObject({
  items: z.array(OrderSummarySchema),
  nextToken: z.string().optional().describe('Present when more items follow: send it as the `nextToken` parameter for the next page'),
});
export type ListOrdersResponse = z.infer<typeof ListOrdersResponseSchema>;

/** The outbox event ids of an order, one per event type, derived from the order id. */
export const OrderEventIdsSchema = z.strictObject({
  created: z.uuid(),
  reservationConfirmed: z.uuid(),
  reservationFailed: z.uuid(),
  confirmed: z.uuid(),
  failed: z.uuid(),
});
export type OrderEventIds = z.infer<typeof OrderEventIdsSchema>;

/** OrderSagaWorkflow's input: no customer data (execution input is visible in the console). */
export const OrderSagaInputSchema = z.strictObject({
  orderId: UlidSchema,
  companyCnpj: CnpjSchema,
  items: z.array(z.strictObject({ sku: SkuSchema, quantity: z.number().int().positive() })).min(1),
  total: MoneySchema,
  eventIds: OrderEventIdsSchema,
});
export type OrderSagaInput = z.infer<typeof OrderSagaInputSchema>;

/** The saga's PrepareInvoice Lambda: the order's invoice, written once. */
export const PrepareOrderInvoiceEventSchema = z.strictObject({ orderId: UlidSchema });
export type PrepareOrderInvoiceEvent = z.infer<typeof PrepareOrderInvoiceEventSchema>;

/**
 * The error the saga's PrepareInvoice Lambda throws for an invoice the company cannot issue (no
 * record, no default service, a city no adapter serves): caught, and the saga compensates. Any
 * other failure of the Lambda stays uncaught, so the execution fails there and can be redriven.
 */
export const ORDER_INVOICE_REFUSED = 'Order.InvoiceRefused';
