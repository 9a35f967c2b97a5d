import { ExecuteStatementCommand, type RDSDataClient } from '@aws-sdk/client-rds-data';
import { splitSqlStatements } from '../../contracts/invoicesSchemaSql';
import { ORDER_EVENT_LOG_SCHEMA_SQL, OUTBOX_GRANTS_SQL, OUTBOX_ROLES } from '../../contracts/orderEventLogSchemaSql';
import { ORDERS_GRANTS_SQL, ORDERS_ROLES } from '../../contracts/ordersGrantsSql';
import { ORDERS_SCHEMA_SQL } from '../../contracts/ordersSchemaSql';
import { OUTBOX_SCHEMA_SQL } from '../../contracts/outboxSchemaSql';
import type { MigrationProperties } from '../../infra/lambda/migrateSchema';
import { DEFAULT_ORDERS_SCHEMAS } from '../../contracts/ordersSchemaNames';
import { insertOrderSql } from '../../tasks/orders/createOrder';
import { claimOutboxRows } from '../../tasks/outbox/claimOutboxRows';
import { claimSql } from '../../tasks/outbox/outboxStatements';
import { orderEventIds } from '../../tasks/orders/orderEventIds';
import { OrdersDatabase, type SqlValue } from '../../tasks/orders/OrdersDatabase';
import { putProducts } from '../../tasks/orders/products';
import { CONFIRM_ORDER_SQL, MARK_INVOICE_ERROR_SQL, MARK_STOCK_ERROR_SQL, RELEASE_RESERVATIONS_SQL, RESERVE_STOCK_SQL } from '../../workflows/steps/orderSql';
import { substitutePlaceholders } from '../../workflows/asl/placeholders';
import type { DataApiProcess } from '../local/rds-data/dataApiProcess';
import { startMigratedDataApi } from './helpers/migratedDataApi';
import { asDatabaseRole } from './helpers/asDatabaseRole';

const CLUSTER = 'arn:aws:rds:us-east-1:000000000000:cluster:order-roles';
const MASTER_SECRET = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:master';
/** `POST /orders`' statement as the API runs it in AWS. */
const INSERT_ORDER_SQL = insertOrderSql(DEFAULT_ORDERS_SCHEMAS.orders);
/** What DataStack hands the migration for the orders: the outbox and orders schemas, then the grants. */
const MIGRATION: MigrationProperties = {
  ClusterArn: CLUSTER,
  SecretArn: MASTER_SECRET,
  Database: 'nfse',
  Statements: [...splitSqlStatements(OUTBOX_SCHEMA_SQL), ...splitSqlStatements(ORDER_EVENT_LOG_SCHEMA_SQL), ...splitSqlStatements(ORDERS_SCHEMA_SQL), ...splitSqlStatements(ORDERS_GRANTS_SQL), ...splitSqlStatements(OUTBOX_GRANTS_SQL)],
  Roles: [...Object.values(ORDERS_ROLES), ...Object.values(OUTBOX_ROLES)],
};

describe('the orders saga’s database users on Postgres (PGlite through the local Data API)', () => {
  let db: DataApiProcess;
  const asRole = <T>(role: string, work: (client: RDSDataClient) => Promise<T>, commit = false): Promise<T | string> =>
    asDatabaseRole({ db, cluster: CLUSTER, masterSecret: MASTER_SECRET, database: 'nfse' }, role, work, commit);
  /** A statement's rows (JSON), with each parameter sent as text, as the saga's SQL states send them. */
  const rows = (client: RDSDataClient, sql: string, parameters: Readonly<Record<string, SqlValue>> = {}): Promise<Array<Record<string, unknown>>> =>
    new OrdersDatabase({ rds: client, clusterArn: CLUSTER, secretArn: MASTER_SECRET, database: 'nfse' }).query(deployed(sql), parameters);
  /** A statement as the deployed state machine runs it (the saga's `${StockSchema}` and `${OrdersSchema}` filled in as WorkflowsStack does). */
  const deployed = (sql: string): string => substitutePlaceholders(sql, { StockSchema: DEFAULT_ORDERS_SCHEMAS.stock, OrdersSchema: DEFAULT_ORDERS_SCHEMAS.orders });

  /** The parameters POST /orders inserts an order with. */
  const order = (orderId: string, sku: string, quantity: number): Record<string, SqlValue> => ({
    order_id: orderId,
    company_cnpj: '11222333000181',
    municipality_code: '3550308',
    customer: JSON.stringify({ document: '52998224725', name: 'Maria' }),
    items: JSON.stringify([{ sku, quantity, unitPrice: '1.00' }]),
    total: `${quantity}.00`,
    execution_arn: `arn:aws:states:us-east-1:000000000000:execution:nfse-dev-OrderSagaWorkflow:${orderId}`,
    created_by: 'client-1',
    created_at: '2026-12-07T10:00:00.000Z',
    event_id: orderEventIds(orderId).created,
    detail: JSON.stringify({ orderId }),
  });
  const reserve = (orderId: string, sku: string, quantity: number): Record<string, SqlValue> => ({
    order_id: orderId,
    items: JSON.stringify([{ sku, quantity }]),
    event_id: orderEventIds(orderId).reservationConfirmed,
    detail: JSON.stringify({ orderId }),
  });

  beforeAll(async () => {
    db = await startMigratedDataApi(MIGRATION);
  }, 120_000);

  afterAll(async () => {
    await db?.stop();
  });

  it('creates LOGIN roles that cannot create roles or databases and are no superusers', async () => {
    const roles = await db.client.send(
      new ExecuteStatementCommand({ resourceArn: CLUSTER, secretArn: MASTER_SECRET, sql: "SELECT rolname, rolcanlogin, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname LIKE 'nfse_order%' ORDER BY rolname" }),
    );
    expect(roles.records?.map((record) => record.map((field) => field.stringValue ?? field.booleanValue))).toEqual([
      ['nfse_order_invoice', true, false, false, false],
      ['nfse_order_saga', true, false, false, false],
      ['nfse_orders_api', true, false, false, false],
      ['nfse_orders_consumer', true, false, false, false],
    ]);
  });

  it('lets the API load the stock, take an order with its outbox row and read both back', async () => {
    const taken = await asRole(
      ORDERS_ROLES.api,
      async (client) => {
        const products = await putProducts(new OrdersDatabase({ rds: client, clusterArn: CLUSTER, secretArn: MASTER_SECRET, database: 'nfse' }), { products: [{ sku: 'SKU-A', description: 'a', quantity: 5 }, { sku: 'SKU-B', description: 'b', quantity: 1 }] });
        const inserted = await rows(client, INSERT_ORDER_SQL, order('o-1', 'SKU-A', 2));
        const events = await rows(client, "SELECT detail_type FROM faturamento.eventos_outbox WHERE aggregate_id = 'o-1'");
        return { products: products.map((product) => [product.sku, product.quantity]), inserted, events };
      },
      true,
    );
    expect(taken).toEqual({ products: [['SKU-A', 5], ['SKU-B', 1]], inserted: [], events: [{ detail_type: 'NotaFiscalCriada' }] });
  });

  it('lets the saga reserve, confirm, release and fail orders, writing their outbox rows', async () => {
    await asRole(ORDERS_ROLES.api, (client) => Promise.all([rows(client, INSERT_ORDER_SQL, order('o-2', 'SKU-A', 1)), rows(client, INSERT_ORDER_SQL, order('o-3', 'SKU-B', 2))]), true);
    const ids = (orderId: string): ReturnType<typeof orderEventIds> => orderEventIds(orderId);

    const saga = await asRole(
      ORDERS_ROLES.saga,
      async (client) => ({
        reserved: await rows(client, RESERVE_STOCK_SQL, reserve('o-1', 'SKU-A', 2)),
        confirmed: await rows(client, CONFIRM_ORDER_SQL, { order_id: 'o-1', invoice_id: 'inv-1', nfse_number: '7', confirmed_event_id: ids('o-1').confirmed, confirmed_detail: '{}' }),
        reservedToFail: await rows(client, RESERVE_STOCK_SQL, reserve('o-2', 'SKU-A', 1)),
        released: await rows(client, RELEASE_RESERVATIONS_SQL, { order_id: 'o-2' }),
        failed: await rows(client, MARK_INVOICE_ERROR_SQL, { order_id: 'o-2', error_code: 'Invoice.Failed', error_message: 'no', invoice_id: 'inv-2', failed_event_id: ids('o-2').failed, failed_detail: '{}' }),
        short: await rows(client, RESERVE_STOCK_SQL, reserve('o-3', 'SKU-B', 2)),
        stockError: await rows(client, MARK_STOCK_ERROR_SQL, {
          order_id: 'o-3',
          error_code: 'Stock.Insufficient',
          error_message: 'short',
          short_items: '[]',
          reservation_failed_event_id: ids('o-3').reservationFailed,
          reservation_failed_detail: '{}',
          failed_event_id: ids('o-3').failed,
          failed_detail: '{}',
        }),
      }),
      true,
    );

    expect(saga).toEqual({
      reserved: [{ reserved: true, short_items: '[]' }],
      confirmed: [{ marked: 1 }],
      reservedToFail: [{ reserved: true, short_items: '[]' }],
      released: [{ released: 1 }],
      failed: [{ marked: 1 }],
      short: [{ reserved: false, short_items: '[{"sku": "SKU-B", "available": 1, "requested": 2}]' }],
      stockError: [{ marked: 1 }],
    });
    const outcome = await rows(db.client, 'SELECT order_id, status FROM faturamento.pedidos ORDER BY order_id');
    expect(outcome).toEqual([
      { order_id: 'o-1', status: 'CONFIRMADA' },
      { order_id: 'o-2', status: 'FAILED' },
      { order_id: 'o-3', status: 'ERRO_ESTOQUE' },
    ]);
  });

  it('lets the invoice Lambda read an order, and nothing more', async () => {
    expect(await asRole(ORDERS_ROLES.invoice, (client) => rows(client, "SELECT company_cnpj, total::text AS total FROM faturamento.pedidos WHERE order_id = 'o-1'"))).toEqual([{ company_cnpj: '11222333000181', total: '2.00' }]);
    expect(await asRole(ORDERS_ROLES.invoice, (client) => rows(client, "UPDATE faturamento.pedidos SET status = 'FAILED'"))).toBe('ERROR: permission denied for table pedidos');
    expect(await asRole(ORDERS_ROLES.invoice, (client) => rows(client, 'SELECT * FROM faturamento.eventos_outbox'))).toBe('ERROR: permission denied for table eventos_outbox');
    expect(await asRole(ORDERS_ROLES.invoice, (client) => rows(client, 'SELECT * FROM estoque.produtos'))).toBe('ERROR: permission denied for schema estoque\n  Position: 15');
  });

  it('refuses the API a reservation and the saga a new order, and both a DELETE or a schema change', async () => {
    expect(await asRole(ORDERS_ROLES.api, (client) => rows(client, "UPDATE estoque.reservas SET status = 'released'"))).toBe('ERROR: permission denied for table reservas');
    expect(await asRole(ORDERS_ROLES.api, (client) => rows(client, "UPDATE faturamento.pedidos SET status = 'CONFIRMADA'"))).toBe('ERROR: permission denied for table pedidos');
    expect(await asRole(ORDERS_ROLES.saga, (client) => rows(client, INSERT_ORDER_SQL, order('o-9', 'SKU-A', 1)))).toBe('ERROR: permission denied for table pedidos');
    expect(await asRole(ORDERS_ROLES.saga, (client) => rows(client, "INSERT INTO estoque.produtos (sku, description, quantity) VALUES ('X', 'x', 1)"))).toBe('ERROR: permission denied for table produtos');
    for (const role of [ORDERS_ROLES.api, ORDERS_ROLES.saga]) {
      expect(await asRole(role, (client) => rows(client, 'DELETE FROM estoque.produtos'))).toBe('ERROR: permission denied for table produtos');
      expect(await asRole(role, (client) => rows(client, 'DELETE FROM faturamento.eventos_outbox'))).toBe('ERROR: permission denied for table eventos_outbox');
      expect(await asRole(role, (client) => rows(client, 'ALTER TABLE faturamento.pedidos ADD COLUMN note text'))).toBe('ERROR: must be owner of table pedidos');
    }
  });

  it('lets the outbox relay claim the rows with its own grants (the claim_outbox_rows function), and no other user', async () => {
    await asRole(ORDERS_ROLES.api, (client) => rows(client, INSERT_ORDER_SQL, order('o-relay', 'SKU-A', 1)), true);
    const claim = (client: RDSDataClient): Promise<string[]> =>
      claimOutboxRows({ rds: client, clusterArn: CLUSTER, secretArn: MASTER_SECRET, database: 'nfse' }, { maxRows: 10, leaseSeconds: 60, aggregatePrefix: 'o-relay' }).then((claimed) => claimed.map((row) => row.eventId));

    expect(await asRole(OUTBOX_ROLES.relay, claim)).toEqual([orderEventIds('o-relay').created]);
    // The claim statement itself (a user without SELECT on the outbox is stopped earlier, at the relay's probe).
    for (const role of [ORDERS_ROLES.api, ORDERS_ROLES.saga, ORDERS_ROLES.invoice, OUTBOX_ROLES.consumer]) {
      expect(await asRole(role, (client) => rows(client, claimSql(DEFAULT_ORDERS_SCHEMAS.orders), { aggregatePrefix: 'o-relay', maxRows: '10', leaseSeconds: '60' }))).toBe(
        'ERROR: permission denied for function claim_outbox_rows',
      );
    }
  });
});
