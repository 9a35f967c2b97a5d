import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { ordersSchemaSql } from '../../../contracts/ordersSchemaSql';
import { ENV } from '../../../contracts/wiring';
import { appSchemaStatements } from '../../../local/bootstrap/bootstrapApp';
import { appResourceNames, type AppResourceNames } from '../../../local/bootstrap/appResourceNames';
import { applySchemaMigration } from '../../../local/bootstrap/applySchemaMigration';
import { insertOrderSql } from '../../../tasks/orders/createOrder';
import { OrdersDatabase } from '../../../tasks/orders/OrdersDatabase';
import { relayOutbox } from '../../../tasks/outbox/relayOutbox';
import type { OutboxDatabase } from '../../../tasks/outbox/claimOutboxRows';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { busWithTap, collect, confirmedDetail, rowStates } from '../../tasks/outbox/outboxTestKit';

describe('the orders schemas of each app on a shared Postgres', () => {
  const [first, second] = [uniqueName('orders-a'), uniqueName('orders-b')].map((prefix) => appResourceNames({ prefix, endpoint: testClientConfig().endpoint })) as [AppResourceNames, AppResourceNames];
  const rds = new RDSDataClient(testClientConfig());
  const outbox = (names: AppResourceNames): OutboxDatabase => ({ rds, clusterArn: names.dbClusterArn, secretArn: names.dbSecretArn, database: names.dbName, schema: names.ordersSchemas.orders });

  /** A statement on the second app's database, its rows as JSON. */
  const db2 = (sql: string): Promise<Array<Record<string, unknown>>> => new OrdersDatabase({ rds, clusterArn: second.dbClusterArn, secretArn: second.dbSecretArn, database: second.dbName }).query(sql);

  afterAll(() => rds.destroy());

  it('names `estoque` and `faturamento` for npm start and schemas of its own for any other prefix', () => {
    expect(appResourceNames({ endpoint: 'http://x' }).ordersSchemas).toEqual({ stock: 'estoque', orders: 'faturamento' });
    const names = appResourceNames({ prefix: 'e2e-1234-Ab9', endpoint: 'http://x' });
    expect([names.env[ENV.StockSchema], names.env[ENV.OrdersSchema]]).toEqual(['estoque_e2e_1234_ab9', 'faturamento_e2e_1234_ab9']);
    expect(first.ordersSchemas.orders).not.toBe(second.ordersSchemas.orders);
  });

  it("publishes an app's row in its relay's first run, behind another app's backlog, and leaves that backlog alone", async () => {
    const { events, sqs, tapUrl } = await busWithTap(first.prefix);
    for (const names of [first, second]) await applySchemaMigration(outbox(names), appSchemaStatements(names));
    // An app that runs no relay (as the orders suites' apps on the shared cloud): 150 older rows, more than a relay run claims (100).
    await db2(`INSERT INTO ${second.ordersSchemas.orders}.eventos_outbox (event_id, aggregate_id, source, detail_type, detail)
      SELECT gen_random_uuid(), '${second.prefix}-order-' || n, 'nfse-flow.orders', 'NotaFiscalCriada', '{}'::jsonb FROM generate_series(1, 150) AS n`);
    const orderId = `${first.prefix}-order-1`;
    // The order's NotaFiscalCriada row, written as POST /orders writes it (any detail with an eventId will do).
    const detail = confirmedDetail(orderId);
    const db = new OrdersDatabase({ rds, clusterArn: first.dbClusterArn, secretArn: first.dbSecretArn, database: first.dbName, schemas: first.ordersSchemas });

    await db.query(insertOrderSql(first.ordersSchemas.orders), {
      order_id: orderId, company_cnpj: '11222333000181', municipality_code: '3550308', customer: '{}', items: '[]', total: '1.00',
      execution_arn: 'arn:aws:states:us-east-1:000000000000:execution:x:1', created_by: 'test', created_at: '2026-12-07T06:00:00.000Z', event_id: String(detail.eventId), detail: JSON.stringify(detail),
    });
    const firstRelay = await relayOutbox({ ...outbox(first), events, eventBusName: `${first.prefix}-events`, now: Date.now });

    expect(firstRelay).toEqual({ claimed: 1, published: [detail.eventId], failed: [], released: 0 });
    expect(await rowStates(outbox(first), orderId)).toEqual([{ eventId: detail.eventId, published: true, leased: false }]);
    expect((await collect(sqs, tapUrl, 1)).map((event) => event.detail.eventId)).toEqual([detail.eventId]);
    expect(await db2(`SELECT count(*)::int AS waiting FROM ${second.ordersSchemas.orders}.eventos_outbox WHERE published_at IS NULL AND claimed_until IS NULL`)).toEqual([{ waiting: 150 }]);
  }, 60_000);

  it('refuses a schema name it would have to quote', () => {
    expect(() => ordersSchemaSql({ stock: 'estoque', orders: 'faturamento; DROP SCHEMA nfse' })).toThrow('not an orders schema name: faturamento; DROP SCHEMA nfse');
  });
});
