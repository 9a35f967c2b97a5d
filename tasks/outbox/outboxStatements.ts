/**
 * The relay's SQL on `{schema}.eventos_outbox` (`faturamento` in AWS). Each runs as one Data API call; lists of rows
 * travel as a JSON array string, since ExecuteStatement takes no array parameters
 * (https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_SqlParameter.html).
 */

/**
 * Whether any unpublished row is unleased: one indexed probe, outside any transaction, that lets a
 * relay with nothing to claim (its schedule on an idle outbox, a nudge whose rows an earlier run
 * took) stop before the claim and its lock. A superset of what the claim takes (a row behind a
 * leased head counts), so it never turns away a claim that would have found rows.
 */
export function unleasedRowsSql(schema: string): string {
  return `SELECT EXISTS (
  SELECT 1 FROM ${schema}.eventos_outbox
  WHERE published_at IS NULL AND starts_with(aggregate_id, :aggregatePrefix) AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
) AS unleased`;
}

/**
 * Leases the unpublished rows of the aggregates whose earliest unpublished row nobody holds, in
 * one autocommit statement: `claim_outbox_rows` (see `contracts/outboxSchemaSql.ts`) takes the
 * claims' advisory lock, then claims in a statement of its own.
 */
export function claimSql(schema: string): string {
  return `SELECT seq, event_id, aggregate_id, source, detail_type, detail FROM ${schema}.claim_outbox_rows(:aggregatePrefix, CAST(:maxRows AS integer), CAST(:leaseSeconds AS double precision))`;
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
