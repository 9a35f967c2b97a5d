import { checkedSchemaName, DEFAULT_ORDERS_SCHEMAS } from './ordersSchemaNames';

/**
 * The transactional outbox of the orders saga (seed 004), in Aurora through the RDS Data API.
 * Whoever changes an order or the stock inserts the event's row **in the same transaction** as
 * the change; the relay publishes unpublished rows to the bus in `seq` order and marks them
 * published. A row published twice (the relay killed between PutEvents and the mark) carries the
 * same `event_id` (also in the detail's `eventId`), which consumers record in
 * `faturamento.mensagens_processadas` to process each event once. In the orders schema named
 * (`faturamento` in AWS). Idempotent: safe to re-apply.
 */
export function outboxSchemaSql(ordersSchema: string): string {
  const schema = checkedSchemaName(ordersSchema);
  return `CREATE SCHEMA IF NOT EXISTS ${schema};

CREATE TABLE IF NOT EXISTS ${schema}.eventos_outbox (
  seq            bigserial PRIMARY KEY,
  event_id       uuid NOT NULL UNIQUE,
  aggregate_id   text NOT NULL,
  source         text NOT NULL,
  detail_type    text NOT NULL,
  detail         jsonb NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  claimed_until  timestamptz,
  published_at   timestamptz
);

CREATE INDEX IF NOT EXISTS eventos_outbox_unpublished_idx ON ${schema}.eventos_outbox (seq) WHERE published_at IS NULL;

CREATE TABLE IF NOT EXISTS ${schema}.mensagens_processadas (
  consumer      text NOT NULL,
  event_id      uuid NOT NULL,
  processed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
`;
}

/** The outbox in AWS (`faturamento`). */
export const OUTBOX_SCHEMA_SQL = outboxSchemaSql(DEFAULT_ORDERS_SCHEMAS.orders);
