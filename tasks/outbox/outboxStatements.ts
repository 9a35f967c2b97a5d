/**
 * The relay's SQL on `{schema}.eventos_outbox` (`faturamento` in AWS). Each runs as one Data API call; lists of rows
 * travel as a JSON array string, since ExecuteStatement takes no array parameters
 * (https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_SqlParameter.html).
 */

/**
 * Leases the unpublished rows of the aggregates whose earliest unpublished row nobody holds, in
 * one autocommit statement: `claim_outbox_rows` (see `contracts/outboxSchemaSql.ts`) probes for
 * an unleased row, takes the claims' advisory lock only when there is one, then claims in a
 * statement of its own.
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
