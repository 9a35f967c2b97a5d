import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { ORDER_EVENT_LOG_CONSUMER } from '../../tasks/outbox/consumer/handler';
import { logger as handlerLogger } from '../../tasks/shared/logger';
import { eventually } from '../harness/eventually';
import { timeScale, uniqueName } from '../harness/localCloudEnv';
import { startStackOfItsOwn, type StackOfItsOwn } from '../harness/stackOfItsOwn';
import { execute, insertRow, schemaOf } from '../tasks/outbox/outboxTestKit';

// The relay and the consumer run in this process: quiet unless POWERTOOLS_LOG_LEVEL asks otherwise.
if (process.env.POWERTOOLS_LOG_LEVEL === undefined) handlerLogger.setLogLevel('WARN');

describe('the local stack runs the outbox relay on its own', () => {
  const prefix = uniqueName('relayloop');
  let stack: StackOfItsOwn;
  let app: StackOfItsOwn['app'];

  beforeAll(async () => {
    // A cloud of its own, with its Lambda service (the shared cloud's runs in jest's main process);
    // the relay every second, as npm start runs it.
    stack = await startStackOfItsOwn({ prefix, timeScale: timeScale(), app: { adapters: { mode: 'in-process', count: 0 }, seedDevCertificates: false, outboxRelayIntervalMs: 1000 } });
    ({ app } = stack);
  }, 120_000);

  afterAll(async () => {
    await stack.stop();
  });

  it('publishes a row a writer inserted and the sample consumer records it, with no call to the relay', async () => {
    const { config } = stack;
    // The app's own outbox (its orders schema): no other suite's rows are in it.
    const db = { rds: new RDSDataClient(config), clusterArn: app.names.dbClusterArn, secretArn: app.names.dbSecretArn, database: app.names.dbName, schema: app.names.ordersSchemas.orders };
    const row = await insertRow(db, `${prefix}-order-1`);

    const logged = await eventually(
      `the consumer's record of ${row.eventId}`,
      () => execute(db, `SELECT consumer, order_id FROM ${schemaOf(db)}.order_event_log WHERE event_id = CAST(:eventId AS uuid)`, { eventId: row.eventId }),
      (records) => records.length > 0,
      { timeoutMs: 20_000, intervalMs: 200 },
    );

    expect(logged.map(([consumer, orderId]) => [consumer?.stringValue, orderId?.stringValue])).toEqual([[ORDER_EVENT_LOG_CONSUMER, `${prefix}-order-1`]]);
    const [published] = await execute(db, `SELECT published_at IS NOT NULL FROM ${schemaOf(db)}.eventos_outbox WHERE event_id = CAST(:eventId AS uuid)`, { eventId: row.eventId });
    expect(published?.[0]?.booleanValue).toBe(true);
  });
});
