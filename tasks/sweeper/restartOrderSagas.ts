import type { SFNClient } from '@aws-sdk/client-sfn';
import { OrderSagaInputSchema, type OrderSagaInput } from '../../contracts/order';
import { orderEventIds } from '../orders/orderEventIds';
import type { OrdersDatabase } from '../orders/OrdersDatabase';
import { executionArnOf } from '../shared/executionArnOf';
import { logger } from '../shared/logger';
import { startUnlessExists } from './startUnlessExists';

/** What the orders' sweep talks to. */
export interface OrderSweepDeps {
  readonly db: OrdersDatabase;
  readonly sfn: SFNClient;
  readonly orderSagaStateMachineArn: string;
  readonly now: () => Date;
  /** PENDING orders younger than this are left alone (their start may still be on its way). @default 300 */
  readonly minAgeSeconds?: number;
}

/** What one sweep of the orders did. */
export interface OrderSweepReport {
  /** PENDING orders old enough to check. */
  readonly examined: number;
  readonly restarted: readonly string[];
}

const PAGE = 100;

/**
 * This machine's PENDING orders older than the cutoff, by order id (a ULID: time order), a page
 * after `after`. Only orders recorded for this state machine (their `execution_arn`): the table
 * may be shared by other deployments' machines, as locally. The partial index
 * `pedidos_pending_idx` holds the PENDING orders only, so the cost follows the orders in flight.
 */
export function pendingOrdersSql(ordersSchema: string): string {
  return [
    `SELECT order_id, company_cnpj, items::text AS items, total::text AS total FROM ${ordersSchema}.pedidos WHERE status = 'PENDING'`,
    ' AND created_at < CAST(:cutoff AS timestamptz) AND left(execution_arn, length(:executions)) = :executions AND order_id > :after',
    ` ORDER BY order_id LIMIT ${PAGE}`,
  ].join('');
}

/**
 * Starts OrderSagaWorkflow for PENDING orders older than a few minutes that have no execution: a
 * start that reached StartDLQ after its throttled receives, or a `POST /orders` that died between
 * the order's row and the start. Named after the order, as every other start of it, so a start
 * racing this one finds it. An order whose saga exists (running, or failed to be redriven) is left
 * to it.
 */
export async function restartOrderSagas(deps: OrderSweepDeps): Promise<OrderSweepReport> {
  const cutoff = new Date(deps.now().getTime() - (deps.minAgeSeconds ?? 300) * 1000).toISOString();
  const executions = executionArnOf(deps.orderSagaStateMachineArn, '');
  const restarted: string[] = [];
  let examined = 0;
  let after = '';
  for (;;) {
    const rows = await deps.db.query(pendingOrdersSql(deps.db.schemas.orders), { cutoff, executions, after });
    for (const row of rows) {
      examined++;
      const input = sagaInputOf(row);
      if (input === undefined) continue;
      if (await startUnlessExists(deps.sfn, deps.orderSagaStateMachineArn, input.orderId, input)) restarted.push(input.orderId);
    }
    if (rows.length < PAGE) return { examined, restarted };
    after = String(rows.at(-1)?.order_id);
  }
}

/** The saga's input as `POST /orders` built it, from the order's row (its event ids derive from its id). */
function sagaInputOf(row: Record<string, unknown>): OrderSagaInput | undefined {
  const orderId = String(row.order_id);
  const items = (JSON.parse(String(row.items)) as Array<{ sku: string; quantity: number }>).map(({ sku, quantity }) => ({ sku, quantity }));
  const parsed = OrderSagaInputSchema.safeParse({ orderId, companyCnpj: row.company_cnpj, items, total: row.total, eventIds: orderEventIds(orderId) });
  if (parsed.success) return parsed.data;
  logger.warn('PENDING order left alone: its row is no saga input', { orderId, issues: parsed.error.issues });
  return undefined;
}
