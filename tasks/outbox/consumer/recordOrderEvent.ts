import { ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
import type { OrderBusEvent } from '../../../contracts/orderBusEvent';
import { DEFAULT_ORDERS_SCHEMAS } from '../../../contracts/ordersSchemaNames';
import type { OutboxDatabase } from '../claimOutboxRows';

/** The outcome of one delivery: first time (its effect applied) or a duplicate (dropped). */
export type RecordOutcome = 'processed' | 'duplicate';

/**
 * The consumer's effect and its dedup record in one statement: the `order_event_log` row is
 * inserted only when `(consumer, eventId)` was not yet in `mensagens_processadas`, so a
 * duplicate (the relay re-publishing, SQS redelivering) changes nothing, and a crash between
 * the two cannot happen. Any real consumer does the same with its own effect in place of the log.
 */
function recordSql(schema: string): string {
  return `WITH first_time AS (
  INSERT INTO ${schema}.mensagens_processadas (consumer, event_id)
  VALUES (:consumer, CAST(:eventId AS uuid))
  ON CONFLICT DO NOTHING
  RETURNING event_id
)
INSERT INTO ${schema}.order_event_log (consumer, event_id, order_id, detail_type, detail)
SELECT :consumer, event_id, :orderId, :detailType, CAST(:detail AS jsonb) FROM first_time`;
}

/** Records one order event for `consumer`, once per `detail.eventId`. */
export async function recordOrderEvent(db: OutboxDatabase, consumer: string, event: OrderBusEvent): Promise<RecordOutcome> {
  const answer = await db.rds.send(
    new ExecuteStatementCommand({
      resourceArn: db.clusterArn,
      secretArn: db.secretArn,
      database: db.database,
      sql: recordSql(db.schema ?? DEFAULT_ORDERS_SCHEMAS.orders),
      parameters: [
        { name: 'consumer', value: { stringValue: consumer } },
        { name: 'eventId', value: { stringValue: event.detail.eventId } },
        { name: 'orderId', value: { stringValue: event.detail.orderId } },
        { name: 'detailType', value: { stringValue: event['detail-type'] } },
        { name: 'detail', value: { stringValue: JSON.stringify(event.detail) } },
      ],
    }),
  );
  return answer.numberOfRecordsUpdated === 1 ? 'processed' : 'duplicate';
}
