import { ORDER_EVENT_TYPES } from '../../contracts/orderEvents';
import { outboxInsertSql } from '../../contracts/outboxInsert';
import { placeholder } from '../asl/placeholders';

/** The stock's and the orders' schemas: `estoque` and `faturamento` in AWS, each app's own on a shared test database. */
const STOCK = placeholder('StockSchema');
const ORDERS = placeholder('OrdersSchema');

/**
 * The saga's statements, each on one line (asl-validator refuses a newline in a JSONata-mode string). Each is ONE statement (data-modifying CTEs), so the change and its
 * outbox row commit together with no transaction held across Data API calls, and each is
 * idempotent: a retry or a redrive of its state changes nothing the first run changed.
 */

/**
 * Reserves every item or none. The products are locked (`FOR UPDATE`, in SKU order so two orders
 * never deadlock) and the verdict is taken from the locked, latest quantities; each decrement
 * still carries its own `quantity >= requested` guard, and the table's CHECK refuses a negative
 * stock. An order that already holds reservations (a retried state) takes nothing again and
 * answers reserved. Answers one row: `reserved`, and `short_items` (JSON text) when not.
 */
export const RESERVE_STOCK_SQL = [
  'WITH req AS (SELECT r.sku, r.quantity FROM jsonb_to_recordset(CAST(:items AS jsonb)) AS r(sku text, quantity integer)),',
  ` held AS (SELECT count(*) > 0 AS already FROM ${STOCK}.reservas WHERE order_id = :order_id),`,
  ` stock AS (SELECT p.sku, p.quantity FROM ${STOCK}.produtos p WHERE p.sku IN (SELECT sku FROM req) ORDER BY p.sku FOR UPDATE),`,
  ' short AS (SELECT req.sku, req.quantity AS requested, COALESCE(stock.quantity, 0) AS available FROM req LEFT JOIN stock ON stock.sku = req.sku WHERE COALESCE(stock.quantity, 0) < req.quantity),',
  ' verdict AS (SELECT held.already, NOT EXISTS (SELECT 1 FROM short) AS enough FROM held),',
  ` taken AS (UPDATE ${STOCK}.produtos p SET quantity = p.quantity - req.quantity, version = p.version + 1, updated_at = now() FROM req, verdict`,
  '  WHERE p.sku = req.sku AND p.quantity >= req.quantity AND verdict.enough AND NOT verdict.already RETURNING p.sku),',
  ` reserved AS (INSERT INTO ${STOCK}.reservas (order_id, sku, quantity, status) SELECT :order_id, req.sku, req.quantity, 'reserved' FROM req, verdict`,
  '  WHERE verdict.enough AND NOT verdict.already ON CONFLICT (order_id, sku) DO NOTHING RETURNING sku),',
  ` marked AS (UPDATE ${ORDERS}.pedidos SET status = 'RESERVED', updated_at = now() FROM verdict WHERE order_id = :order_id AND status = 'PENDING' AND (verdict.enough OR verdict.already) RETURNING order_id),`,
  ` announced AS (${outboxInsertSql({ schema: ORDERS, detailType: ORDER_EVENT_TYPES.ReservationConfirmed, eventId: ':event_id', aggregateId: ':order_id', detail: ':detail', from: 'verdict', where: 'verdict.enough OR verdict.already' })})`,
  ' SELECT (verdict.enough OR verdict.already) AS reserved,',
  "  (SELECT COALESCE(jsonb_agg(jsonb_build_object('sku', sku, 'requested', requested, 'available', available) ORDER BY sku), '[]'::jsonb) FROM short)::text AS short_items",
  ' FROM verdict',
].join('');

/** ERRO_ESTOQUE with the short items, and ReservaFalhou + OrderFailed, once (the transition accepts its own target). */
export const MARK_STOCK_ERROR_SQL = [
  `WITH marked AS (UPDATE ${ORDERS}.pedidos SET status = 'ERRO_ESTOQUE', error_code = :error_code, error_message = :error_message, short_items = CAST(:short_items AS jsonb), updated_at = now()`,
  "  WHERE order_id = :order_id AND status IN ('PENDING', 'ERRO_ESTOQUE') RETURNING order_id),",
  ` reservation_failed AS (${outboxInsertSql({ schema: ORDERS, detailType: ORDER_EVENT_TYPES.ReservationFailed, eventId: ':reservation_failed_event_id', aggregateId: 'marked.order_id', detail: ':reservation_failed_detail', from: 'marked', returning: true })}),`,
  // After ReservaFalhou (it selects from its row): both were inserted together, or both are there already.
  ` order_failed AS (${outboxInsertSql({ schema: ORDERS, detailType: ORDER_EVENT_TYPES.Failed, eventId: ':failed_event_id', aggregateId: 'marked.order_id', detail: ':failed_detail', from: 'marked, reservation_failed' })})`,
  ' SELECT count(*) AS marked FROM marked',
].join('');

/**
 * The compensation: every reservation still `reserved` becomes `released` and its units go back,
 * in one statement. The status guard makes a second run release (and restore) nothing.
 */
export const RELEASE_RESERVATIONS_SQL = [
  `WITH released AS (UPDATE ${STOCK}.reservas SET status = 'released', updated_at = now() WHERE order_id = :order_id AND status = 'reserved' RETURNING sku, quantity),`,
  ` restored AS (UPDATE ${STOCK}.produtos p SET quantity = p.quantity + released.quantity, version = p.version + 1, updated_at = now() FROM released WHERE p.sku = released.sku RETURNING p.sku)`,
  ' SELECT count(*) AS released FROM released',
].join('');

/** FAILED with the invoice's error, and OrderFailed, once. */
export const MARK_INVOICE_ERROR_SQL = [
  `WITH marked AS (UPDATE ${ORDERS}.pedidos SET status = 'FAILED', error_code = :error_code, error_message = :error_message, invoice_id = COALESCE(:invoice_id, invoice_id), updated_at = now()`,
  "  WHERE order_id = :order_id AND status IN ('RESERVED', 'FAILED') RETURNING order_id),",
  ` order_failed AS (${outboxInsertSql({ schema: ORDERS, detailType: ORDER_EVENT_TYPES.Failed, eventId: ':failed_event_id', aggregateId: 'marked.order_id', detail: ':failed_detail', from: 'marked' })})`,
  ' SELECT count(*) AS marked FROM marked',
].join('');

/** CONFIRMADA with its invoice, the reservations consumed, and OrderConfirmed, once. */
export const CONFIRM_ORDER_SQL = [
  `WITH consumed AS (UPDATE ${STOCK}.reservas SET status = 'consumed', updated_at = now() WHERE order_id = :order_id AND status = 'reserved' RETURNING sku),`,
  ` marked AS (UPDATE ${ORDERS}.pedidos SET status = 'CONFIRMADA', invoice_id = :invoice_id, nfse_number = :nfse_number, error_code = NULL, error_message = NULL, updated_at = now()`,
  "  WHERE order_id = :order_id AND status IN ('RESERVED', 'CONFIRMADA') RETURNING order_id),",
  ` confirmed AS (${outboxInsertSql({ schema: ORDERS, detailType: ORDER_EVENT_TYPES.Confirmed, eventId: ':confirmed_event_id', aggregateId: 'marked.order_id', detail: ':confirmed_detail', from: 'marked' })})`,
  ' SELECT count(*) AS marked FROM marked',
].join('');
