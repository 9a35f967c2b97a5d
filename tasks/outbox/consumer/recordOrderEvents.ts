import { ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
import type { OrderBusEvent } from '../../../contracts/orderBusEvent';
import { DEFAULT_ORDERS_SCHEMAS } from '../../../contracts/ordersSchemaNames';
import type { OutboxDatabase } from '../claimOutboxRows';

/** The outcome of one delivery: first time (its effect applied) or a duplicate (dropped). */
export type RecordOutcome = 'processed' | 'duplicate';

/**
 * The consumer's effect and its dedup records for a whole batch in one statement: each event's
 * `order_event_log` row is inserted only when `(consumer, eventId)` was not yet in
 * `mensagens_processadas`, so a duplicate (the relay re-publishing, SQS redelivering, the same id
 * twice in one batch) changes nothing, and a crash between the two cannot happen. The batch comes
 * as one JSON parameter (the Data API takes no array parameters); an id twice in it is kept once,
 * at its first position. The statement answers the ids it recorded. Any real consumer does the
 * same with its own effect in place of the log.
 */
function recordSql(schema: string): string {
  return `WITH batch AS (
  SELECT DISTINCT ON (event_id) event_id, order_id, detail_type, detail
  FROM jsonb_to_recordset(CAST(:events AS jsonb)) AS e(position int, event_id uuid, order_id text, detail_type text, detail jsonb)
  ORDER BY event_id, position
),
first_time AS (
  INSERT INTO ${schema}.mensagens_processadas (consumer, event_id)
  SELECT :consumer, event_id FROM batch
  ON CONFLICT DO NOTHING
  RETURNING event_id
)
INSERT INTO ${schema}.order_event_log (consumer, event_id, order_id, detail_type, detail)
SELECT :consumer, batch.event_id, batch.order_id, batch.detail_type, batch.detail FROM batch JOIN first_time USING (event_id)
RETURNING CAST(event_id AS text)`;
}

/**
 * Records a batch of order events for `consumer` in one Data API call, once per `detail.eventId`,
 * and answers each event's outcome in the batch's order: `processed` for the first delivery of an
 * id, `duplicate` for an id already recorded or met earlier in the batch. All or nothing: when the
 * call fails, nothing of the batch was recorded.
 */
export async function recordOrderEvents(db: OutboxDatabase, consumer: string, events: readonly OrderBusEvent[]): Promise<RecordOutcome[]> {
  if (events.length === 0) return [];
  const rows = events.map((event, position) => ({
    position,
    event_id: event.detail.eventId,
    order_id: event.detail.orderId,
    detail_type: event['detail-type'],
    detail: event.detail,
  }));
  const answer = await db.rds.send(
    new ExecuteStatementCommand({
      resourceArn: db.clusterArn,
      secretArn: db.secretArn,
      database: db.database,
      sql: recordSql(db.schema ?? DEFAULT_ORDERS_SCHEMAS.orders),
      parameters: [
        { name: 'consumer', value: { stringValue: consumer } },
        { name: 'events', value: { stringValue: JSON.stringify(rows) } },
      ],
    }),
  );
  // Postgres writes a uuid in lower case; the contract accepts either case.
  const recorded = new Set((answer.records ?? []).map(([field]) => field?.stringValue));
  return events.map((event) => {
    const id = event.detail.eventId.toLowerCase();
    // The first of an id's deliveries takes the record; the others in the batch are duplicates.
    const first = recorded.delete(id);
    return first ? 'processed' : 'duplicate';
  });
}
