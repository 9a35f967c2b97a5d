import { ExecuteStatementCommand, type Field, type RDSDataClient } from '@aws-sdk/client-rds-data';
import { DEFAULT_ORDERS_SCHEMAS } from '../../contracts/ordersSchemaNames';
import { claimSql } from './outboxStatements';
import { OutboxError } from './errors';

/** Where the outbox lives: an Aurora cluster through the Data API. */
export interface OutboxDatabase {
  readonly rds: RDSDataClient;
  readonly clusterArn: string;
  readonly secretArn: string;
  readonly database: string;
  /** The orders schema holding the outbox. @default `faturamento` */
  readonly schema?: string;
}

/** An outbox row the relay leased. */
export interface ClaimedRow {
  readonly seq: number;
  readonly eventId: string;
  readonly aggregateId: string;
  readonly source: string;
  readonly detailType: string;
  /** The stored jsonb, as text: published as it is. */
  readonly detail: string;
}

/** What to claim. */
export interface ClaimRequest {
  readonly maxRows: number;
  readonly leaseSeconds: number;
  /** Only aggregates whose id starts with this. */
  readonly aggregatePrefix: string;
}

/**
 * Leases the next rows in one Data API call (`claimSql`: a probe for an unleased row, then the
 * advisory lock and a claim whose snapshot sees every lease an earlier claim committed), so no
 * transaction is held open across calls. Nothing is held once it returns: publishing happens
 * outside any transaction.
 */
export async function claimOutboxRows(db: OutboxDatabase, request: ClaimRequest): Promise<ClaimedRow[]> {
  const schema = db.schema ?? DEFAULT_ORDERS_SCHEMAS.orders;
  const answer = await db.rds.send(
    new ExecuteStatementCommand({
      resourceArn: db.clusterArn,
      secretArn: db.secretArn,
      database: db.database,
      sql: claimSql(schema),
      parameters: [
        { name: 'aggregatePrefix', value: { stringValue: request.aggregatePrefix } },
        { name: 'maxRows', value: { longValue: request.maxRows } },
        { name: 'leaseSeconds', value: { longValue: request.leaseSeconds } },
      ],
    }),
  );
  return (answer.records ?? []).map(rowOf).sort((a, b) => a.seq - b.seq);
}

function rowOf(record: Field[]): ClaimedRow {
  const [seq, eventId, aggregateId, source, detailType, detail] = record;
  return {
    seq: Number(seq?.longValue ?? seq?.stringValue),
    eventId: text(eventId, 'event_id'),
    aggregateId: text(aggregateId, 'aggregate_id'),
    source: text(source, 'source'),
    detailType: text(detailType, 'detail_type'),
    detail: text(detail, 'detail'),
  };
}

function text(field: Field | undefined, column: string): string {
  if (field?.stringValue === undefined) throw new OutboxError(`the claim returned no ${column}`);
  return field.stringValue;
}
