import { ulid } from 'ulid';
import { DEMO_COMPANY } from '../../local/app/demoInvoice';
import type { OrderEventDetail } from '../../contracts/orderEvents';
import { insertOrderSql } from '../../tasks/orders/createOrder';
import { orderEventIds } from '../../tasks/orders/orderEventIds';
import { OrdersDatabase } from '../../tasks/orders/OrdersDatabase';
import { executionArnOf } from '../../tasks/shared/executionArnOf';
import { executionExists } from '../../tasks/shared/executionExists';
import { restartOrderSagas } from '../../tasks/sweeper/restartOrderSagas';
import { executionEnded } from '../harness/executionEnded';
import { uniqueName } from '../harness/localCloudEnv';
import { startE2eApp, type E2eApp } from './e2eApp';

const CNPJ = '11222333000181';
const customer = { document: '52998224725', name: 'Maria da Silva' };
/** Older than the sweep's 5 minutes. */
const TEN_MINUTES_AGO = (): string => new Date(Date.now() - 600_000).toISOString();

describe('the sweeper, for orders whose saga never started', () => {
  let e2e: E2eApp;
  let db: OrdersDatabase;
  let sagaArn: string;
  const strays: string[] = [];

  beforeAll(async () => {
    e2e = await startE2eApp();
    const names = e2e.app.names;
    db = new OrdersDatabase({ rds: e2e.rds, clusterArn: names.dbClusterArn, secretArn: names.dbSecretArn, database: names.dbName, schemas: names.ordersSchemas });
    sagaArn = names.env.ORDER_SAGA_STATE_MACHINE_ARN;
  }, 60_000);

  afterAll(async () => {
    // Rows written past POST /orders, for no saga to take: gone, so no other sweep meets them.
    await db.query(`DELETE FROM ${db.schemas.orders}.pedidos WHERE order_id = ANY(string_to_array(:ids, ','))`, { ids: strays.join(',') });
    await e2e.stop();
  });

  /** An order as POST /orders records it (row and NotaFiscalCriada), whose start never happened. */
  async function recordWithoutStart(orderId: string, sku: string, createdAt: string): Promise<void> {
    const items = [{ sku, quantity: 1, unitPrice: '10.00' }];
    const eventIds = orderEventIds(orderId);
    const detail: OrderEventDetail<'NotaFiscalCriada'> = { eventId: eventIds.created, orderId, companyCnpj: CNPJ, items, total: '10.00', createdAt };
    await db.query(insertOrderSql(db.schemas.orders), {
      order_id: orderId,
      company_cnpj: CNPJ,
      municipality_code: DEMO_COMPANY.municipalityCode,
      customer: JSON.stringify(customer),
      items: JSON.stringify(items),
      total: '10.00',
      execution_arn: executionArnOf(sagaArn, orderId),
      created_by: 'order-sweeper-test',
      created_at: createdAt,
      event_id: eventIds.created,
      detail: JSON.stringify(detail),
    });
  }

  /** A PENDING row only (no outbox event), recorded for `machineArn`. */
  async function strayPending(machineArn: string, createdAt: string): Promise<string> {
    const orderId = ulid();
    strays.push(orderId);
    await db.query(
      `INSERT INTO ${db.schemas.orders}.pedidos (order_id, company_cnpj, municipality_code, customer, items, total, status, execution_arn, created_by, created_at, updated_at) VALUES (:id, :cnpj, '3550308', CAST(:customer AS jsonb), CAST(:items AS jsonb), 10.00, 'PENDING', :arn, 'order-sweeper-test', CAST(:at AS timestamptz), CAST(:at AS timestamptz))`,
      { id: orderId, cnpj: CNPJ, customer: JSON.stringify(customer), items: JSON.stringify([{ sku: 'NO-SUCH-SKU', quantity: 1, unitPrice: '10.00' }]), arn: executionArnOf(machineArn, orderId), at: createdAt },
    );
    return orderId;
  }

  it('starts the saga of an old PENDING order with none, under the order id, once; leaves young orders and other machines’ alone', async () => {
    const ops = await e2e.token('order-sweeper-ops', [CNPJ], 'ops');
    const sku = uniqueName('SWEPT').toUpperCase();
    expect((await e2e.call('PUT', '/products', ops, { products: [{ sku, description: 'swept order', quantity: 1 }] })).status).toBe(200);
    const orphan = ulid();
    await recordWithoutStart(orphan, sku, TEN_MINUTES_AGO());
    const young = await strayPending(sagaArn, new Date().toISOString());
    const elsewhere = await strayPending(sagaArn.replace(/:stateMachine:.*$/, ':stateMachine:elsewhere-OrderSagaWorkflow'), TEN_MINUTES_AGO());
    const sweep = (): ReturnType<typeof restartOrderSagas> => restartOrderSagas({ db, sfn: e2e.sfn, orderSagaStateMachineArn: sagaArn, now: () => new Date() });

    expect(await sweep()).toEqual({ examined: 1, restarted: [orphan] });
    // Its saga exists now: the next sweep leaves it to it, whether still running or ended.
    expect(await sweep()).toEqual({ examined: expect.any(Number) as number, restarted: [] });

    const ended = await executionEnded(e2e.sfn, executionArnOf(sagaArn, orphan), { timeoutMs: 120_000, intervalMs: 250 });
    expect(ended.status).toBe('SUCCEEDED');
    const [row] = await db.query(`SELECT status, invoice_id FROM ${db.schemas.orders}.pedidos WHERE order_id = :id`, { id: orphan });
    expect(row).toEqual({ status: 'CONFIRMADA', invoice_id: expect.any(String) as string });
    expect(await db.query(`SELECT quantity FROM ${db.schemas.stock}.produtos WHERE sku = :sku`, { sku })).toEqual([{ quantity: 0 }]);
    expect(await db.query(`SELECT status FROM ${db.schemas.stock}.reservas WHERE order_id = :id`, { id: orphan })).toEqual([{ status: 'consumed' }]);
    expect(await sweep()).toEqual({ examined: 0, restarted: [] });

    for (const left of [young, elsewhere]) expect(await executionExists(e2e.sfn, executionArnOf(sagaArn, left))).toBe(false);
    expect(await db.query(`SELECT status FROM ${db.schemas.orders}.pedidos WHERE order_id = ANY(string_to_array(:ids, ',')) ORDER BY order_id`, { ids: [young, elsewhere].join(',') })).toEqual([{ status: 'PENDING' }, { status: 'PENDING' }]);
  }, 180_000);
});
