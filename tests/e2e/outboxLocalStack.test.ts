import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { startLocalApp, type LocalApp } from '../../local/app/startLocalApp';
import { isLambdaService } from '../../local/lambda/LambdaService';
import { startLocalCloud, type LocalCloud } from '../../local/startLocalCloud';
import { ORDER_EVENT_LOG_CONSUMER } from '../../tasks/outbox/consumer/handler';
import { logger as handlerLogger } from '../../tasks/shared/logger';
import { eventually } from '../harness/eventually';
import { testClientConfig, timeScale, uniqueName } from '../harness/localCloudEnv';
import { execute, insertRow, schemaOf } from '../tasks/outbox/outboxTestKit';

// The relay and the consumer run in this process: quiet unless POWERTOOLS_LOG_LEVEL asks otherwise.
if (process.env.POWERTOOLS_LOG_LEVEL === undefined) handlerLogger.setLogLevel('WARN');

describe('the local stack runs the outbox relay on its own', () => {
  const prefix = uniqueName('relayloop');
  let cloud: LocalCloud;
  let app: LocalApp;
  let authDir: string;

  beforeAll(async () => {
    // A cloud of its own, with its Lambda service (the shared cloud's runs in jest's main process)
    // and the shared cloud's Data API (PGlite cannot start inside a test file).
    cloud = await startLocalCloud({
      port: 0,
      timeScale: timeScale(),
      services: ['sqs', 'dynamodb', 's3', 'rds-data', 'lambda', 'events', 'states', 'secretsmanager', 'apigateway'],
      borrow: { 'rds-data': testClientConfig().endpoint },
      logger: pino({ level: 'silent' }),
    });
    authDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nfse-relayloop-'));
    const lambda = cloud.services.get('lambda');
    app = await startLocalApp({
      endpoint: cloud.endpoint,
      clock: cloud.clock,
      timeScale: timeScale(),
      prefix,
      apiPort: 0,
      mockPort: 0,
      authDir,
      adapters: { mode: 'in-process', count: 0 },
      seedDevCertificates: false,
      lambda: isLambdaService(lambda) ? lambda : undefined,
      // As npm start runs it.
      outboxRelayIntervalMs: 1000,
      logger: pino({ level: 'silent' }),
    });
  }, 120_000);

  afterAll(async () => {
    await app.stop();
    await cloud.stop();
    await fs.rm(authDir, { recursive: true, force: true });
  });

  it('publishes a row a writer inserted and the sample consumer records it, with no call to the relay', async () => {
    const config = { endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
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
