import { randomUUID } from 'node:crypto';
import { CreateEventBusCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { ExecuteStatementCommand, RDSDataClient, type Field } from '@aws-sdk/client-rds-data';
import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ORDER_EVENT_SOURCE, ORDER_EVENT_TYPES, OrderConfirmedDetailSchema } from '../../../contracts/orderEvents';
import { ORDER_EVENT_LOG_SCHEMA_SQL } from '../../../contracts/orderEventLogSchemaSql';
import { OUTBOX_SCHEMA_SQL } from '../../../contracts/outboxSchemaSql';
import { splitSqlStatements } from '../../../contracts/invoicesSchemaSql';
import { DEFAULT_ORDERS_SCHEMAS } from '../../../contracts/ordersSchemaNames';
import type { OutboxDatabase } from '../../../tasks/outbox/claimOutboxRows';
import { testClientConfig } from '../../harness/localCloudEnv';

/** An outbox row as a test wrote it. */
export interface WrittenRow {
  readonly seq: number;
  readonly eventId: string;
  readonly aggregateId: string;
  readonly detailType: string;
  readonly detail: unknown;
}

/** A message the tap queue received: the EventBridge envelope. */
export interface TappedEvent {
  readonly id: string;
  readonly source: string;
  readonly 'detail-type': string;
  readonly detail: { readonly eventId: string } & Record<string, unknown>;
}

/** The outbox tables (idempotent DDL, as bootstrapApp applies it) and a database handle on a cluster ARN of the test's own. */
export async function outboxDatabase(clusterArn: string): Promise<OutboxDatabase> {
  const rds = new RDSDataClient(testClientConfig());
  const db = { rds, clusterArn, secretArn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:outbox-tests', database: 'nfse' };
  for (const sql of [...splitSqlStatements(OUTBOX_SCHEMA_SQL), ...splitSqlStatements(ORDER_EVENT_LOG_SCHEMA_SQL)]) await execute(db, sql);
  return db;
}

/** The orders schema the database's outbox is in. */
export function schemaOf(db: OutboxDatabase): string {
  return db.schema ?? DEFAULT_ORDERS_SCHEMAS.orders;
}

/** One statement; the records. */
export async function execute(db: OutboxDatabase, sql: string, parameters: Record<string, string> = {}): Promise<Field[][]> {
  const answer = await db.rds.send(
    new ExecuteStatementCommand({
      resourceArn: db.clusterArn,
      secretArn: db.secretArn,
      database: db.database,
      sql,
      parameters: Object.entries(parameters).map(([name, value]) => ({ name, value: { stringValue: value } })),
    }),
  );
  return answer.records ?? [];
}

/** A valid OrderConfirmed detail for `orderId`, with a fresh eventId. */
export function confirmedDetail(orderId: string, companyCnpj = '11222333000181'): { eventId: string } & Record<string, unknown> {
  return OrderConfirmedDetailSchema.parse({ eventId: randomUUID(), orderId, companyCnpj, invoiceId: '01JZ0000000000000000000000', nfseNumber: '42', confirmedAt: '2026-12-07T06:00:00.000Z' });
}

/** Inserts one row, as the saga does in its transaction; `detail` is stored as given (a non-object detail is what PutEvents refuses). */
export async function insertRow(db: OutboxDatabase, aggregateId: string, detail: unknown = confirmedDetail(aggregateId), detailType: string = ORDER_EVENT_TYPES.Confirmed): Promise<WrittenRow> {
  const eventId = typeof detail === 'object' && detail !== null && 'eventId' in detail ? String(detail.eventId) : randomUUID();
  const [record] = await execute(
    db,
    `INSERT INTO ${schemaOf(db)}.eventos_outbox (event_id, aggregate_id, source, detail_type, detail)
     VALUES (CAST(:eventId AS uuid), :aggregateId, :source, :detailType, CAST(:detail AS jsonb)) RETURNING seq`,
    { eventId, aggregateId, source: ORDER_EVENT_SOURCE, detailType, detail: JSON.stringify(detail) },
  );
  return { seq: Number(record?.[0]?.longValue), eventId, aggregateId, detailType, detail };
}

/** The rows of these aggregates: event id, whether published, whether still leased. */
export async function rowStates(db: OutboxDatabase, aggregatePrefix: string): Promise<Array<{ eventId: string; published: boolean; leased: boolean }>> {
  const records = await execute(
    db,
    `SELECT CAST(event_id AS text), published_at IS NOT NULL, claimed_until IS NOT NULL FROM ${schemaOf(db)}.eventos_outbox WHERE starts_with(aggregate_id, :prefix) ORDER BY seq`,
    { prefix: aggregatePrefix },
  );
  return records.map(([eventId, published, leased]) => ({ eventId: String(eventId?.stringValue), published: published?.booleanValue === true, leased: leased?.booleanValue === true }));
}

/** A bus and a queue receiving every order event on it (a second target beside the app's). */
export async function busWithTap(prefix: string): Promise<{ events: EventBridgeClient; sqs: SQSClient; tapUrl: string }> {
  const config = testClientConfig();
  const events = new EventBridgeClient(config);
  const sqs = new SQSClient(config);
  await events.send(new CreateEventBusCommand({ Name: `${prefix}-events` }));
  const tap = await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-tap` }));
  if (tap.QueueUrl === undefined) throw new Error('no tap queue');
  await events.send(new PutRuleCommand({ Name: `${prefix}-tap`, EventBusName: `${prefix}-events`, EventPattern: JSON.stringify({ source: [ORDER_EVENT_SOURCE] }) }));
  await events.send(new PutTargetsCommand({ Rule: `${prefix}-tap`, EventBusName: `${prefix}-events`, Targets: [{ Id: 'tap', Arn: `arn:aws:sqs:us-east-1:000000000000:${prefix}-tap` }] }));
  return { events, sqs, tapUrl: tap.QueueUrl };
}

/** Receives from the queue until `count` messages have come (deliveries run in the background). */
export async function collect(sqs: SQSClient, queueUrl: string, count: number): Promise<TappedEvent[]> {
  const received: TappedEvent[] = [];
  const deadline = Date.now() + 20_000;
  while (received.length < count) {
    if (Date.now() > deadline) throw new Error(`${queueUrl}: ${received.length} of ${count} messages after 20 s`);
    const answer = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    const messages = answer.Messages ?? [];
    received.push(...messages.map((message) => JSON.parse(message.Body ?? '{}') as TappedEvent));
    if (messages.length > 0) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })) }));
  }
  return received;
}
