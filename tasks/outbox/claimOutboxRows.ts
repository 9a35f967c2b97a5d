import { BeginTransactionCommand, CommitTransactionCommand, ExecuteStatementCommand, RollbackTransactionCommand, type Field, type RDSDataClient } from '@aws-sdk/client-rds-data';
import { DEFAULT_ORDERS_SCHEMAS } from '../../contracts/ordersSchemaNames';
import { CLAIM_LOCK_SQL, claimSql, unleasedRowsSql } from './outboxStatements';
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
 * Leases the next rows in one short Data API transaction: the advisory lock first, so the claim
 * statement's snapshot sees every lease an earlier claim committed (a lone UPDATE would re-check
 * only the rows it updates, and could take an aggregate's tail while another relay holds its
 * head). Nothing is held once it commits: publishing happens outside any transaction. When no
 * unpublished row is unleased, one statement says so and no transaction begins.
 * @see https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_BeginTransaction.html
 */
export async function claimOutboxRows(db: OutboxDatabase, request: ClaimRequest): Promise<ClaimedRow[]> {
  const target = { resourceArn: db.clusterArn, secretArn: db.secretArn, database: db.database };
  const schema = db.schema ?? DEFAULT_ORDERS_SCHEMAS.orders;
  const probe = await db.rds.send(new ExecuteStatementCommand({ ...target, sql: unleasedRowsSql(schema), parameters: [{ name: 'aggregatePrefix', value: { stringValue: request.aggregatePrefix } }] }));
  if (probe.records?.[0]?.[0]?.booleanValue !== true) return [];
  const { transactionId } = await db.rds.send(new BeginTransactionCommand(target));
  if (transactionId === undefined) throw new OutboxError('BeginTransaction answered no transactionId');
  try {
    await db.rds.send(new ExecuteStatementCommand({ ...target, transactionId, sql: CLAIM_LOCK_SQL }));
    const answer = await db.rds.send(
      new ExecuteStatementCommand({
        ...target,
        transactionId,
        sql: claimSql(schema),
        parameters: [
          { name: 'aggregatePrefix', value: { stringValue: request.aggregatePrefix } },
          { name: 'maxRows', value: { longValue: request.maxRows } },
          { name: 'leaseSeconds', value: { longValue: request.leaseSeconds } },
        ],
      }),
    );
    await db.rds.send(new CommitTransactionCommand({ resourceArn: db.clusterArn, secretArn: db.secretArn, transactionId }));
    return (answer.records ?? []).map(rowOf).sort((a, b) => a.seq - b.seq);
  } catch (error) {
    await db.rds.send(new RollbackTransactionCommand({ resourceArn: db.clusterArn, secretArn: db.secretArn, transactionId })).catch(() => undefined);
    throw error;
  }
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
