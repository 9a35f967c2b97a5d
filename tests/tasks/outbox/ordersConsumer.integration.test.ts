import { randomUUID } from 'node:crypto';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { ORDER_EVENT_SOURCE, ORDER_EVENT_TYPES } from '../../../contracts/orderEvents';
import { rdsDataAdmin } from '../../../local/rds-data/rdsDataAdmin';
import type { OutboxDatabase } from '../../../tasks/outbox/claimOutboxRows';
import { ORDER_EVENT_LOG_CONSUMER, orderEventsConsumer } from '../../../tasks/outbox/consumer/handler';
import { logger } from '../../../tasks/shared/logger';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { confirmedDetail, execute, outboxDatabase, schemaOf } from './outboxTestKit';

describe('orderEventsConsumer, against the local Data API', () => {
  const prefix = uniqueName('consumer');
  const clusterArn = `arn:aws:rds:us-east-1:000000000000:cluster:${prefix}`;
  let db: OutboxDatabase;
  /** Data API calls the consumer made (its client's own count). */
  let calls = 0;

  const message = (messageId: string, detail: { readonly eventId: string } & Record<string, unknown>): SQSRecord =>
    ({
      messageId,
      body: JSON.stringify({ version: '0', id: randomUUID(), 'detail-type': ORDER_EVENT_TYPES.Confirmed, source: ORDER_EVENT_SOURCE, account: '000000000000', time: '2026-12-07T06:00:00Z', region: 'us-east-1', resources: [], detail }),
    }) as SQSRecord;

  /** The consumer's log rows for these events, and its dedup records, as `[eventId, orderId]` and eventIds. */
  async function recorded(eventIds: readonly string[]): Promise<{ log: string[][]; processed: string[] }> {
    const ids = JSON.stringify(eventIds);
    const log = await execute(db, `SELECT CAST(event_id AS text), order_id FROM ${schemaOf(db)}.order_event_log WHERE consumer = :consumer AND event_id IN (SELECT CAST(jsonb_array_elements_text(CAST(:ids AS jsonb)) AS uuid)) ORDER BY order_id`, { consumer: ORDER_EVENT_LOG_CONSUMER, ids });
    const processed = await execute(db, `SELECT CAST(event_id AS text) FROM ${schemaOf(db)}.mensagens_processadas WHERE consumer = :consumer AND event_id IN (SELECT CAST(jsonb_array_elements_text(CAST(:ids AS jsonb)) AS uuid)) ORDER BY 1`, { consumer: ORDER_EVENT_LOG_CONSUMER, ids });
    return { log: log.map((row) => row.map((field) => field.stringValue ?? '')), processed: processed.map(([field]) => field?.stringValue ?? '') };
  }

  function consumer(): ReturnType<typeof orderEventsConsumer> {
    const rds = new RDSDataClient({ ...testClientConfig(), maxAttempts: 1 });
    rds.middlewareStack.add((next) => (args) => {
      calls += 1;
      return next(args);
    }, { step: 'initialize', name: 'countConsumerCalls' });
    return orderEventsConsumer(() => ({ ...db, rds }));
  }

  beforeAll(async () => {
    logger.setLogLevel('SILENT');
    db = await outboxDatabase(clusterArn);
  }, 60_000);

  beforeEach(() => {
    calls = 0;
  });

  it('records a batch of ten events in one Data API call, each once', async () => {
    // Arrange
    const details = Array.from({ length: 10 }, (_, i) => confirmedDetail(`${prefix}-batch-${i}`));

    // Act
    const response = await consumer()({ Records: details.map((detail, i) => message(`m${i}`, detail)) } as SQSEvent);
    const { log, processed } = await recorded(details.map((d) => d.eventId));

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(calls).toBe(1);
    expect(log).toEqual(details.map((d) => [d.eventId, d.orderId]).sort((a, b) => String(a[1]).localeCompare(String(b[1]))));
    expect(processed).toEqual(details.map((d) => d.eventId).sort());
  });

  it('processes an event id once when it comes twice in one batch and again in a later one', async () => {
    // Arrange: the relay published the same row twice (same eventId), and SQS delivers it once more later
    const twice = confirmedDetail(`${prefix}-dup-a`);
    const other = confirmedDetail(`${prefix}-dup-b`);
    const consume = consumer();

    // Act
    const first = await consume({ Records: [message('d1', twice), message('d2', other), message('d3', twice)] } as SQSEvent);
    const again = await consume({ Records: [message('d4', twice)] } as SQSEvent);
    const { log, processed } = await recorded([twice.eventId, other.eventId]);

    // Assert
    expect(first).toEqual({ batchItemFailures: [] });
    expect(again).toEqual({ batchItemFailures: [] });
    expect(log).toEqual([[twice.eventId, `${prefix}-dup-a`], [other.eventId, `${prefix}-dup-b`]]);
    expect(processed).toEqual([twice.eventId, other.eventId].sort());
  });

  it('fails only the messages that are not order events, and records the others', async () => {
    // Arrange
    const good = confirmedDetail(`${prefix}-mixed`);

    // Act
    const response = await consumer()({ Records: [message('bad-json', { eventId: 'x' }), { messageId: 'not-json', body: '{' } as SQSRecord, message('good', good)] } as SQSEvent);
    const { log } = await recorded([good.eventId]);

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad-json' }, { itemIdentifier: 'not-json' }] });
    expect(log).toEqual([[good.eventId, `${prefix}-mixed`]]);
  });

  it('reports every order event of the batch as failed when the Data API is down, and records them once on redelivery', async () => {
    // Arrange
    const details = [confirmedDetail(`${prefix}-down-1`), confirmedDetail(`${prefix}-down-2`)];
    const records = [message('x1', details[0] ?? confirmedDetail('')), message('not-json', { eventId: 'x' }), message('x2', details[1] ?? confirmedDetail(''))];
    const admin = rdsDataAdmin(testClientConfig().endpoint, clusterArn);
    const consume = consumer();

    // Act
    await admin.outage(600);
    let failed;
    try {
      failed = await consume({ Records: records } as SQSEvent);
    } finally {
      await admin.resume();
    }
    const nothing = await recorded(details.map((d) => d.eventId));
    const redelivered = await consume({ Records: records } as SQSEvent);
    const { log } = await recorded(details.map((d) => d.eventId));

    // Assert
    expect(failed).toEqual({ batchItemFailures: [{ itemIdentifier: 'x1' }, { itemIdentifier: 'not-json' }, { itemIdentifier: 'x2' }] });
    expect(nothing).toEqual({ log: [], processed: [] });
    expect(redelivered).toEqual({ batchItemFailures: [{ itemIdentifier: 'not-json' }] });
    expect(log).toEqual(details.map((d) => [d.eventId, d.orderId]));
  });
});
