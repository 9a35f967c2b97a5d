import { createHash } from 'node:crypto';
import type { OrderEventIds } from '../../contracts/order';
import { ORDER_EVENT_TYPES, type OrderEventType } from '../../contracts/orderEvents';

/** The UUID namespace of nfse-flow's order events (drawn once; never change it: ids already published derive from it). */
const ORDER_EVENTS_NAMESPACE = Buffer.from('6f1d2c9a4b7e4f3a9c1d8e2f5a6b7c8d', 'hex');

/** RFC 9562 UUIDv5: SHA-1 of namespace and name, version 5, variant 10. https://www.rfc-editor.org/rfc/rfc9562#name-uuid-version-5 */
export function uuidV5(name: string, namespace: Buffer = ORDER_EVENTS_NAMESPACE): string {
  const bytes = createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The outbox `event_id` of an order's event of one type: the same on every retry, redrive and replay. */
export function orderEventId(orderId: string, type: OrderEventType): string {
  return uuidV5(`${orderId}#${type}`);
}

/** Every event id of the order, as the saga's input carries them. */
export function orderEventIds(orderId: string): OrderEventIds {
  return {
    created: orderEventId(orderId, ORDER_EVENT_TYPES.Created),
    reservationConfirmed: orderEventId(orderId, ORDER_EVENT_TYPES.ReservationConfirmed),
    reservationFailed: orderEventId(orderId, ORDER_EVENT_TYPES.ReservationFailed),
    confirmed: orderEventId(orderId, ORDER_EVENT_TYPES.Confirmed),
    failed: orderEventId(orderId, ORDER_EVENT_TYPES.Failed),
  };
}
