import { checkedSchemaName, DEFAULT_ORDERS_SCHEMAS } from './ordersSchemaNames';

/** The advisory lock every relay's claim takes first (a constant of this application). */
const OUTBOX_CLAIM_LOCK_KEY = 4820017331;

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

-- The relay's claim in one autocommit statement (one Data API call, no transaction held across
-- calls): the advisory lock first, then the claim in a statement of its own, whose snapshot (a
-- VOLATILE function's statements each take one, under READ COMMITTED) sees every lease an earlier
-- claim committed; a lone UPDATE would re-check only the rows it updates, and could take an
-- aggregate's tail while another relay holds its head. Leases the unpublished rows of the
-- aggregates whose earliest unpublished row nobody holds, oldest first. When no unpublished row is
-- unleased (an idle outbox, a nudge whose rows an earlier run took), one indexed probe says so and
-- the lock is never taken: a superset of what the claim takes, so it never turns a claim away.
CREATE OR REPLACE FUNCTION ${schema}.claim_outbox_rows(aggregate_prefix text, max_rows integer, lease_seconds double precision)
RETURNS TABLE (seq bigint, event_id text, aggregate_id text, source text, detail_type text, detail text)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM ${schema}.eventos_outbox u
    WHERE u.published_at IS NULL AND starts_with(u.aggregate_id, aggregate_prefix) AND (u.claimed_until IS NULL OR u.claimed_until < clock_timestamp())
  ) THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(${OUTBOX_CLAIM_LOCK_KEY});
  RETURN QUERY
  WITH heads AS (
    SELECT DISTINCT ON (h.aggregate_id) h.aggregate_id, h.seq, h.claimed_until
    FROM ${schema}.eventos_outbox h
    WHERE h.published_at IS NULL AND starts_with(h.aggregate_id, aggregate_prefix)
    ORDER BY h.aggregate_id, h.seq
  ), free AS (
    SELECT heads.aggregate_id FROM heads
    WHERE heads.claimed_until IS NULL OR heads.claimed_until < clock_timestamp()
    ORDER BY heads.seq
    LIMIT max_rows
  ), picked AS (
    SELECT o.seq FROM ${schema}.eventos_outbox o JOIN free ON free.aggregate_id = o.aggregate_id
    WHERE o.published_at IS NULL
    ORDER BY o.seq
    LIMIT max_rows
  )
  UPDATE ${schema}.eventos_outbox o
  SET claimed_until = clock_timestamp() + make_interval(secs => lease_seconds)
  FROM picked
  WHERE o.seq = picked.seq
  RETURNING o.seq, CAST(o.event_id AS text), o.aggregate_id, o.source, o.detail_type, CAST(o.detail AS text);
END $$;

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
