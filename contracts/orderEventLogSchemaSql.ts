import { checkedSchemaName, DEFAULT_ORDERS_SCHEMAS } from './ordersSchemaNames';

/**
 * What the outbox relay and the sample order-events consumer add to `faturamento` (after
 * `OUTBOX_SCHEMA_SQL`). Idempotent: safe to re-apply.
 *
 * - `eventos_outbox_aggregate_idx`: the relay finds each aggregate's earliest unpublished row
 *   (`DISTINCT ON (aggregate_id) … ORDER BY aggregate_id, seq`) without reading published rows.
 * - `order_event_log`: the sample consumer's effect, one row per event it processed. Its insert
 *   and the `mensagens_processadas` one are one statement, so a duplicate leaves neither.
 */
export function orderEventLogSchemaSql(ordersSchema: string): string {
  const schema = checkedSchemaName(ordersSchema);
  return `CREATE INDEX IF NOT EXISTS eventos_outbox_aggregate_idx ON ${schema}.eventos_outbox (aggregate_id, seq) WHERE published_at IS NULL;

CREATE TABLE IF NOT EXISTS ${schema}.order_event_log (
  consumer     text NOT NULL,
  event_id     uuid NOT NULL,
  order_id     text NOT NULL,
  detail_type  text NOT NULL,
  detail       jsonb NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
`;
}

/** The consumer's tables in AWS (`faturamento`). */
export const ORDER_EVENT_LOG_SCHEMA_SQL = orderEventLogSchemaSql(DEFAULT_ORDERS_SCHEMAS.orders);

/** The database users of the relay and of the sample consumer (each signs in with its own Data API secret). */
export const OUTBOX_ROLES = { relay: 'nfse_outbox_relay', consumer: 'nfse_orders_consumer' } as const;

/**
 * What those users may do, applied once the roles and the tables exist: the relay reads and
 * marks the outbox, and alone may run its claim (`claim_outbox_rows`, which Postgres would let
 * every user run); the consumer records what it processed. Neither can change an order.
 */
export const OUTBOX_GRANTS_SQL = `GRANT USAGE ON SCHEMA faturamento TO nfse_outbox_relay, nfse_orders_consumer;
GRANT SELECT, UPDATE ON faturamento.eventos_outbox TO nfse_outbox_relay;
REVOKE EXECUTE ON FUNCTION faturamento.claim_outbox_rows(text, integer, double precision) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION faturamento.claim_outbox_rows(text, integer, double precision) TO nfse_outbox_relay;
GRANT SELECT, INSERT ON faturamento.mensagens_processadas, faturamento.order_event_log TO nfse_orders_consumer;
`;
