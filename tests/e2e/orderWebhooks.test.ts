import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { relayOutbox } from '../../tasks/outbox/relayOutbox';
import type { OutboxDatabase } from '../../tasks/outbox/claimOutboxRows';
import { eventually } from '../harness/eventually';
import { testClientConfig } from '../harness/localCloudEnv';
import { confirmedDetail, execute, insertRow, schemaOf } from '../tasks/outbox/outboxTestKit';
import { startE2eApp, type E2eApp } from './e2eApp';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './webhookReceiver';

const CNPJ = '11222333000181';

describe('order webhooks, end to end: outbox row → relay → bus → fan-out → signed delivery', () => {
  let e2e: E2eApp;
  let receiver: WebhookReceiver;
  let secret: string;
  let db: OutboxDatabase;
  const events = new EventBridgeClient(testClientConfig());

  beforeAll(async () => {
    e2e = await startE2eApp();
    receiver = await startWebhookReceiver();
    const token = await e2e.token('orders-webhooks-client', [CNPJ]);
    const created = await e2e.call('POST', '/webhooks', token, { companyCnpj: CNPJ, url: receiver.url, events: ['order.confirmed'], description: 'orders receiver' });
    expect(created.status).toBe(201);
    secret = String(created.body.secret);
    const { names } = e2e.app;
    db = { rds: e2e.rds, clusterArn: names.dbClusterArn, secretArn: names.dbSecretArn, database: names.dbName, schema: names.ordersSchemas.orders };
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
    await receiver.stop();
  });

  /** One relay run over this app's outbox (its own schema), to this app's bus. */
  const relay = (): ReturnType<typeof relayOutbox> => relayOutbox({ ...db, events, eventBusName: e2e.app.names.eventBus, now: Date.now });
  const postsFor = (eventId: string): ReceivedWebhook[] => receiver.received.filter((post) => (JSON.parse(post.body) as { data: { eventId?: string } }).data.eventId === eventId);

  it('delivers order.confirmed once, with the webhook-id of the outbox row, even when the relay publishes the row twice', async () => {
    const orderId = `${e2e.app.names.prefix}-order-1`;
    const row = await insertRow(db, orderId, confirmedDetail(orderId, CNPJ));

    expect(await relay()).toEqual({ claimed: 1, published: [row.eventId], failed: [], released: 0 });
    const [post] = await eventually(`the order.confirmed POST of ${row.eventId}`, () => postsFor(row.eventId), (posts) => posts.length > 0, { timeoutMs: 20_000, intervalMs: 100 });
    expect(receiver.verify(post as ReceivedWebhook, secret)).toMatchObject({ type: 'order.confirmed', data: row.detail });
    expect(post?.headers['webhook-id']).toBe(row.eventId);

    // As after a relay killed between PutEvents and the mark: the row is unpublished, and goes out again,
    // followed by a later order's row: the fan-out is Express (no executions to list), so the later
    // row's POST is how the test knows the bus has handed on the row published twice.
    await execute(db, `UPDATE ${schemaOf(db)}.eventos_outbox SET published_at = NULL WHERE event_id = CAST(:eventId AS uuid)`, { eventId: row.eventId });
    const laterOrderId = `${e2e.app.names.prefix}-order-2`;
    const later = await insertRow(db, laterOrderId, confirmedDetail(laterOrderId, CNPJ));
    expect(await relay()).toEqual({ claimed: 2, published: [row.eventId, later.eventId], failed: [], released: 0 });
    await eventually(`the order.confirmed POST of ${later.eventId}`, () => postsFor(later.eventId), (posts) => posts.length > 0, { timeoutMs: 20_000, intervalMs: 100 });
    expect(postsFor(row.eventId)).toHaveLength(1);
    const deliveries = await e2e.sfn.send(new ListExecutionsCommand({ stateMachineArn: e2e.app.names.env.WEBHOOK_DELIVERY_STATE_MACHINE_ARN, maxResults: 1000 }));
    expect(deliveries.executions?.filter((execution) => execution.name?.startsWith(`${row.eventId}_`))).toHaveLength(1);
  });
});
