import { DescribeArchiveCommand, EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CreateEventSourceMappingCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ORDER_EVENT_SOURCE, ORDER_EVENT_TYPES } from '../../../contracts/orderEvents';
import { appResourceNames, type AppResourceNames } from '../../../local/bootstrap/appResourceNames';
import { routeOrderEvents } from '../../../local/bootstrap/routeOrderEvents';
import { rdsDataAdmin } from '../../../local/rds-data/rdsDataAdmin';
import { claimOutboxRows, type OutboxDatabase } from '../../../tasks/outbox/claimOutboxRows';
import { ORDER_EVENT_LOG_CONSUMER } from '../../../tasks/outbox/consumer/handler';
import { OutboxMarkError } from '../../../tasks/outbox/errors';
import { relayOutbox, type RelayDependencies } from '../../../tasks/outbox/relayOutbox';
import { eventually } from '../../harness/eventually';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { SHARED_ORDERS_CONSUMER, SHARED_ORDERS_CONSUMER_CLUSTER } from '../../harness/sharedFunctions';
import { busWithTap, collect, confirmedDetail, execute, insertRow, outboxDatabase, rowStates, type WrittenRow } from './outboxTestKit';

describe('relayOutbox, against the local cloud', () => {
  const prefix = uniqueName('outbox');
  const clusterArn = `arn:aws:rds:us-east-1:000000000000:cluster:${prefix}`;
  let names: AppResourceNames;
  let db: OutboxDatabase;
  let events: EventBridgeClient;
  let sqs: SQSClient;
  let tapUrl: string;
  /** Every entry PutEvents accepted on this suite's bus, which its archive must have counted. */
  let putOnBus = 0;

  beforeAll(async () => {
    names = appResourceNames({ prefix, endpoint: testClientConfig().endpoint });
    db = await outboxDatabase(clusterArn);
    ({ events, sqs, tapUrl } = await busWithTap(prefix));
    await routeOrderEvents({ events, sqs }, names);
    // The app's orders-events queue, consumed by the sample consumer the global setup registered.
    await new LambdaClient(testClientConfig()).send(
      new CreateEventSourceMappingCommand({ EventSourceArn: `arn:aws:sqs:us-east-1:000000000000:${names.ordersEventsQueue}`, FunctionName: SHARED_ORDERS_CONSUMER, BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] }),
    );
  }, 60_000);

  const deps = (overrides: Partial<RelayDependencies> = {}): RelayDependencies => ({ ...db, events, eventBusName: names.eventBus, now: Date.now, ...overrides });
  const run = async (aggregatePrefix: string, overrides: Partial<RelayDependencies> = {}, leaseSeconds = 60): ReturnType<typeof relayOutbox> => {
    const result = await relayOutbox(deps(overrides), { aggregatePrefix, leaseSeconds });
    putOnBus += result.published.length;
    return result;
  };

  it('publishes every row once, one row per aggregate in each PutEvents, in seq order within each aggregate', async () => {
    const scope = `${prefix}-order-`;
    const rows: WrittenRow[] = [];
    // 12 rows of order A and 3 of order B, interleaved as two sagas would write them.
    for (let i = 0; i < 12; i++) {
      rows.push(await insertRow(db, `${scope}A`, confirmedDetail(`${scope}A`)));
      if (i < 3) rows.push(await insertRow(db, `${scope}B`, confirmedDetail(`${scope}B`)));
    }
    const a = rows.filter((row) => row.aggregateId === `${scope}A`).map((row) => row.eventId);
    const b = rows.filter((row) => row.aggregateId === `${scope}B`).map((row) => row.eventId);

    const result = await run(scope);

    expect(result).toEqual({ claimed: 15, published: [a[0], b[0], a[1], b[1], a[2], b[2], ...a.slice(3)], failed: [], released: 0 });
    expect(await rowStates(db, scope)).toEqual(rows.map((row) => ({ eventId: row.eventId, published: true, leased: false })));
    const tapped = await collect(sqs, tapUrl, 15);
    expect(tapped.map((event) => event.detail.eventId).sort()).toEqual(rows.map((row) => row.eventId).sort());
    const byId = new Map(rows.map((row) => [row.eventId, row]));
    for (const event of tapped) expect({ source: event.source, detailType: event['detail-type'], detail: event.detail }).toEqual({ source: ORDER_EVENT_SOURCE, detailType: ORDER_EVENT_TYPES.Confirmed, detail: byId.get(event.detail.eventId)?.detail });
    expect(await run(scope)).toEqual({ claimed: 0, published: [], failed: [], released: 0 });
  });

  it('publishes each row once when two relays run at the same time', async () => {
    const scope = `${prefix}-race-`;
    const rows: WrittenRow[] = [];
    for (let i = 0; i < 30; i++) rows.push(await insertRow(db, `${scope}${i % 10}`));
    // Each relay with clients of its own, as two Lambda invocations would have.
    const second = { rds: new RDSDataClient(testClientConfig()), events: new EventBridgeClient(testClientConfig()) };

    const [one, two] = await Promise.all([run(scope), run(scope, second)]);

    const all = [...one.published, ...two.published];
    expect(all).toHaveLength(30);
    expect(new Set(all)).toEqual(new Set(rows.map((row) => row.eventId)));
    expect(one.failed).toEqual([]);
    expect(two.failed).toEqual([]);
    for (let i = 0; i < 10; i++) {
      const own = rows.filter((row) => row.aggregateId === `${scope}${i}`).map((row) => row.eventId);
      // An aggregate is claimed whole by one relay: the other never holds its later rows.
      expect([one.published.filter((id) => own.includes(id)), two.published.filter((id) => own.includes(id))].filter((list) => list.length > 0)).toEqual([own]);
    }
    expect(await rowStates(db, scope)).toEqual(rows.map((row) => ({ eventId: row.eventId, published: true, leased: false })));
    expect(new Set((await collect(sqs, tapUrl, 30)).map((event) => event.detail.eventId)).size).toBe(30);
  });

  it('claims in one statement, and makes only that call when every unpublished row of its scope is leased or none is left', async () => {
    const scope = `${prefix}-idle-`;
    await insertRow(db, `${scope}1`);
    // The relay's own Data API client, recording each call it makes.
    const rds = new RDSDataClient(testClientConfig());
    const calls: string[] = [];
    rds.middlewareStack.add(
      (next, context) => async (args) => {
        calls.push(context.commandName ?? '?');
        return next(args);
      },
      { step: 'initialize', name: 'recordCalls' },
    );
    expect((await run(scope, { rds })).claimed).toBe(1);
    // The claim (one statement, its probe inside: no transaction held open across calls) and the mark.
    expect(calls).toEqual(['ExecuteStatementCommand', 'ExecuteStatementCommand']);
    calls.length = 0;

    const idle = await run(scope, { rds });

    expect(idle).toEqual({ claimed: 0, published: [], failed: [], released: 0 });
    expect(calls).toEqual(['ExecuteStatementCommand']);
    await collect(sqs, tapUrl, 1);
    // A row another relay holds: nothing to claim either.
    const held = await insertRow(db, `${scope}2`);
    expect((await claimOutboxRows(db, { maxRows: 10, leaseSeconds: 600, aggregatePrefix: scope })).map((row) => row.eventId)).toEqual([held.eventId]);
    calls.length = 0;
    expect(await run(scope, { rds })).toEqual({ claimed: 0, published: [], failed: [], released: 0 });
    expect(calls).toEqual(['ExecuteStatementCommand']);
  });

  it('publishes a row again with the same eventId when the relay dies between PutEvents and the mark, and the consumer processes it once', async () => {
    const scope = `${prefix}-crash-`;
    const row = await insertRow(db, `${scope}1`);
    const admin = rdsDataAdmin(testClientConfig().endpoint, clusterArn);
    // The relay's own EventBridge client: once PutEvents answers, the Data API goes down, so the mark fails as if the relay had died there.
    const crashing = new EventBridgeClient(testClientConfig());
    crashing.middlewareStack.add(
      (next) => async (args) => {
        const output = await next(args);
        await admin.outage(600);
        return output;
      },
      { step: 'initialize', name: 'dataApiDownAfterPutEvents' },
    );
    const rds = new RDSDataClient({ ...testClientConfig(), maxAttempts: 1 });

    await expect(relayOutbox(deps({ events: crashing, rds }), { aggregatePrefix: scope, leaseSeconds: 2 })).rejects.toThrow(OutboxMarkError);
    putOnBus += 1;
    await admin.resume();

    expect(await rowStates(db, scope)).toEqual([{ eventId: row.eventId, published: false, leased: true }]);
    const second = await eventually(`the row of ${scope}1 published again once its lease is over`, () => run(scope), (result) => result.published.length > 0, { timeoutMs: 15_000, intervalMs: 250 });
    expect(second).toEqual({ claimed: 1, published: [row.eventId], failed: [], released: 0 });
    const tapped = await collect(sqs, tapUrl, 2);
    expect(tapped.map((event) => event.detail.eventId)).toEqual([row.eventId, row.eventId]);
    expect(tapped[0]?.id).not.toBe(tapped[1]?.id);

    // Both copies reached the consumer's queue and left it (none in its DLQ), and it recorded one.
    const consumerDb = { ...db, clusterArn: SHARED_ORDERS_CONSUMER_CLUSTER };
    await eventually(`both copies of ${row.eventId} consumed`, () => queueDepth(names.ordersEventsQueue), (depth) => depth === 0, { timeoutMs: 15_000, intervalMs: 200 });
    expect(await queueDepth(names.ordersEventsDlq)).toBe(0);
    const processed = await execute(consumerDb, 'SELECT consumer FROM faturamento.mensagens_processadas WHERE event_id = CAST(:eventId AS uuid)', { eventId: row.eventId });
    expect(processed.map(([consumer]) => consumer?.stringValue)).toEqual([ORDER_EVENT_LOG_CONSUMER]);
    const logged = await execute(consumerDb, 'SELECT order_id, detail_type, CAST(detail AS text) FROM faturamento.order_event_log WHERE event_id = CAST(:eventId AS uuid)', { eventId: row.eventId });
    expect(logged.map(([orderId, detailType, detail]) => [orderId?.stringValue, detailType?.stringValue, JSON.parse(detail?.stringValue ?? 'null')])).toEqual([[`${scope}1`, ORDER_EVENT_TYPES.Confirmed, row.detail]]);
  });

  it('leaves a row PutEvents refused unpublished, with the later rows of its aggregate, and publishes the others', async () => {
    const scope = `${prefix}-partial-`;
    // PutEvents refuses a detail that is not a JSON object (MalformedDetail), entry by entry.
    const refused = await insertRow(db, `${scope}P`, ['not', 'an', 'object']);
    const behind = await insertRow(db, `${scope}P`);
    const other = await insertRow(db, `${scope}Q`);

    const result = await run(scope);

    expect(result).toEqual({ claimed: 3, published: [other.eventId], failed: [{ eventId: refused.eventId, errorCode: 'MalformedDetail', errorMessage: 'Detail is malformed.' }], released: 2 });
    expect(await rowStates(db, scope)).toEqual([
      { eventId: refused.eventId, published: false, leased: false },
      { eventId: behind.eventId, published: false, leased: false },
      { eventId: other.eventId, published: true, leased: false },
    ]);
    // Handed back at once: the next run tries the refused row again, and still holds the one behind it.
    expect(await run(scope)).toEqual({ claimed: 2, published: [], failed: [{ eventId: refused.eventId, errorCode: 'MalformedDetail', errorMessage: 'Detail is malformed.' }], released: 2 });
    await collect(sqs, tapUrl, 1);
  });

  it('stops publishing once half its lease is gone and hands the rest back, so no later relay publishes a row it still sends', async () => {
    const scope = `${prefix}-slow-`;
    const first = await insertRow(db, `${scope}1`);
    const second = await insertRow(db, `${scope}2`);
    // The clock reads the claim's time, then 31 s later: past half of the 60 s lease before the first PutEvents.
    const readings = [Date.now(), Date.now() + 31_000];
    const now = (): number => readings.shift() ?? Date.now() + 31_000;

    const slow = await run(scope, { now });

    expect(slow).toEqual({ claimed: 2, published: [], failed: [], released: 2 });
    expect(await rowStates(db, scope)).toEqual([
      { eventId: first.eventId, published: false, leased: false },
      { eventId: second.eventId, published: false, leased: false },
    ]);
    expect(await run(scope)).toEqual({ claimed: 2, published: [first.eventId, second.eventId], failed: [], released: 0 });
    await collect(sqs, tapUrl, 2);
  });

  it('keeps every event of the bus in its archive for 90 days', async () => {
    // Not an order event: the archive keeps the whole bus.
    await events.send(new PutEventsCommand({ Entries: [{ EventBusName: names.eventBus, Source: 'nfse-flow.invoices', DetailType: 'InvoiceIssued', Detail: '{}' }] }));

    const archive = await events.send(new DescribeArchiveCommand({ ArchiveName: names.busArchive }));

    expect(archive).toMatchObject({
      ArchiveName: `${prefix}-archive`,
      EventSourceArn: `arn:aws:events:us-east-1:000000000000:event-bus/${prefix}-events`,
      State: 'ENABLED',
      RetentionDays: 90,
      EventCount: putOnBus + 1,
      EventPattern: JSON.stringify({ account: ['000000000000'] }),
    });
  });

  async function queueDepth(queue: string): Promise<number> {
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${testClientConfig().endpoint}/000000000000/${queue}`, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    return Number(Attributes?.ApproximateNumberOfMessages ?? 'NaN') + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 'NaN');
  }
});
