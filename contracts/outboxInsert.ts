import { ORDER_EVENT_SOURCE, type OrderEventType } from './orderEvents';

/** What an outbox row is made of, as SQL expressions of the statement it joins. */
export interface OutboxInsertOptions {
  /** The orders schema holding `eventos_outbox` (`faturamento` in AWS, a workflow's `${OrdersSchema}`). */
  readonly schema: string;
  readonly detailType: OrderEventType;
  /** The row's `event_id`: a named parameter holding the deterministic UUID (`:created_event_id`). */
  readonly eventId: string;
  /** The order the event is about (`aggregate_id`): a named parameter or a column. */
  readonly aggregateId: string;
  /** The detail: a named parameter holding its JSON text, or a jsonb expression. */
  readonly detail: string;
  /** Rows of this FROM clause (one per row), e.g. a CTE that says the change happened. @default one row */
  readonly from?: string;
  /** Only when this holds. @default always */
  readonly where?: string;
  /**
   * Answer the row inserted (`RETURNING event_id`), so a second event of the same statement can
   * select FROM this one and take the next `seq`: CTEs of one statement run in no set order.
   * @default false
   */
  readonly returning?: boolean;
}

/**
 * The one INSERT of an order event into `{schema}.eventos_outbox`, written as a statement (or a
 * data-modifying CTE) beside the change it announces, so both commit together or not at all.
 * `event_id` is derived from the order and the event type, so a retried or redriven step inserts
 * nothing new: `ON CONFLICT (event_id) DO NOTHING`. In `contracts/` because the API (the order
 * created) and the saga's SQL states (everything after) both write it.
 */
export function outboxInsertSql(options: OutboxInsertOptions): string {
  return [
    `INSERT INTO ${options.schema}.eventos_outbox (event_id, aggregate_id, source, detail_type, detail)`,
    ` SELECT CAST(${options.eventId} AS uuid), ${options.aggregateId}, '${ORDER_EVENT_SOURCE}', '${options.detailType}', CAST(${options.detail} AS jsonb)`,
    options.from !== undefined ? ` FROM ${options.from}` : '',
    options.where !== undefined ? ` WHERE ${options.where}` : '',
    ' ON CONFLICT (event_id) DO NOTHING',
    options.returning === true ? ' RETURNING event_id' : '',
  ].join('');
}
