/**
 * The relay's SQL on `{schema}.eventos_outbox` (`faturamento` in AWS). Each runs as one Data API call; lists of rows
 * travel as a JSON array string, since ExecuteStatement takes no array parameters
 * (https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_SqlParameter.html).
 */

/**
 * Serialises claims among relays: held by the claim transaction only (never while publishing),
 * it makes each claim see the leases every earlier claim committed. A constant of our own.
 */
export const CLAIM_LOCK_SQL = 'SELECT pg_advisory_xact_lock(4820017331) AS locked';

/**
 * Whether any unpublished row is unleased: one indexed probe, outside any transaction, that lets a
 * relay with nothing to claim (its schedule on an idle outbox, a nudge whose rows an earlier run
 * took) stop before the claim's transaction. A superset of what the claim takes (a row behind a
 * leased head counts), so it never turns away a claim that would have found rows.
 */
export function unleasedRowsSql(schema: string): string {
  return `SELECT EXISTS (
  SELECT 1 FROM ${schema}.eventos_outbox
  WHERE published_at IS NULL AND starts_with(aggregate_id, :aggregatePrefix) AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
) AS unleased`;
}

/**
 * Leases the unpublished rows of the aggregates whose earliest unpublished row nobody holds
 * (never a later row of an aggregate whose head another relay is publishing), oldest first.
 */
export function claimSql(schema: string): string {
  return `WITH heads AS (
  SELECT DISTINCT ON (aggregate_id) aggregate_id, seq, claimed_until
  FROM ${schema}.eventos_outbox
  WHERE published_at IS NULL AND starts_with(aggregate_id, :aggregatePrefix)
  ORDER BY aggregate_id, seq
), free AS (
  SELECT aggregate_id FROM heads
  WHERE claimed_until IS NULL OR claimed_until < clock_timestamp()
  ORDER BY seq
  LIMIT :maxRows
), picked AS (
  SELECT o.seq FROM ${schema}.eventos_outbox o JOIN free USING (aggregate_id)
  WHERE o.published_at IS NULL
  ORDER BY o.seq
  LIMIT :maxRows
)
UPDATE ${schema}.eventos_outbox o
SET claimed_until = clock_timestamp() + make_interval(secs => CAST(:leaseSeconds AS double precision))
FROM picked
WHERE o.seq = picked.seq
RETURNING o.seq, CAST(o.event_id AS text) AS event_id, o.aggregate_id, o.source, o.detail_type, CAST(o.detail AS text) AS detail`;
}

/** Marks rows PutEvents accepted; their lease ends with them. */
export function markPublishedSql(schema: string): string {
  return `UPDATE ${schema}.eventos_outbox
SET published_at = clock_timestamp(), claimed_until = NULL
WHERE seq IN (SELECT CAST(jsonb_array_elements_text(CAST(:seqs AS jsonb)) AS bigint)) AND published_at IS NULL`;
}

/** Hands rows back unpublished, so the next run (of any relay) may claim them at once. */
export function releaseSql(schema: string): string {
  return `UPDATE ${schema}.eventos_outbox
SET claimed_until = NULL
WHERE seq IN (SELECT CAST(jsonb_array_elements_text(CAST(:seqs AS jsonb)) AS bigint)) AND published_at IS NULL`;
}
