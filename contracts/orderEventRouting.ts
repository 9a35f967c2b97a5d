import { ORDER_EVENT_SOURCE } from './orderEvents';

/** The bus rule that sends every order event to the `…-orders-events` queue. */
export const ORDER_EVENTS_PATTERN = { source: [ORDER_EVENT_SOURCE] } as const;

/** Receives of an order event before it moves to the queue's DLQ. */
export const ORDER_EVENTS_MAX_RECEIVES = 3;

/** The sample consumer's timeout; the queue's visibility is six times it, as Lambda advises for SQS sources. */
export const ORDERS_CONSUMER_TIMEOUT_SECONDS = 30;

/** Days the bus archive keeps every event for replay (seed 004). */
export const BUS_ARCHIVE_RETENTION_DAYS = 90;
