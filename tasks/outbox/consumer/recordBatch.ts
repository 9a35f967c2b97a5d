import type { SQSRecord } from 'aws-lambda';
import { OrderBusEventSchema, type OrderBusEvent } from '../../../contracts/orderBusEvent';
import type { OutboxDatabase } from '../claimOutboxRows';
import { OrderEventMalformedError } from '../errors';
import { recordOrderEvents, type RecordOutcome } from './recordOrderEvents';

/** What became of one message before the batch processor reports it. */
export type MessageOutcome =
  | { readonly kind: 'recorded'; readonly event: OrderBusEvent; readonly outcome: RecordOutcome }
  | { readonly kind: 'failed'; readonly error: Error };

/** The order event a message carries, or why it carries none. */
function parseMessage(record: SQSRecord): OrderBusEvent | OrderEventMalformedError {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    return new OrderEventMalformedError(record.messageId, 'its body is not JSON');
  }
  const parsed = OrderBusEventSchema.safeParse(body);
  if (!parsed.success) return new OrderEventMalformedError(record.messageId, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  return parsed.data;
}

/**
 * Records the batch's order events in one Data API call and answers each message's outcome: a
 * message that is not an order event fails alone; when the call fails, every order event of the
 * batch fails with its error (nothing of it was recorded) and SQS delivers them again.
 */
export async function recordBatch(db: OutboxDatabase, consumer: string, records: readonly SQSRecord[]): Promise<Map<string, MessageOutcome>> {
  const outcomes = new Map<string, MessageOutcome>();
  const events: { readonly messageId: string; readonly event: OrderBusEvent }[] = [];
  for (const record of records) {
    const parsed = parseMessage(record);
    if (parsed instanceof Error) outcomes.set(record.messageId, { kind: 'failed', error: parsed });
    else events.push({ messageId: record.messageId, event: parsed });
  }
  try {
    const recorded = await recordOrderEvents(db, consumer, events.map(({ event }) => event));
    events.forEach(({ messageId, event }, i) => outcomes.set(messageId, { kind: 'recorded', event, outcome: recorded[i] ?? 'duplicate' }));
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    for (const { messageId } of events) outcomes.set(messageId, { kind: 'failed', error });
  }
  return outcomes;
}
