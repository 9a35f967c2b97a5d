import { checkedSchemaName, DEFAULT_ORDERS_SCHEMAS, type OrdersSchemaNames } from '../../contracts/ordersSchemaNames';
import { ENV } from '../../contracts/wiring';

/**
 * The orders saga's schemas named by STOCK_SCHEMA and ORDERS_SCHEMA: unset in AWS (`estoque`,
 * `faturamento`); set by the local cloud, where each app on a shared database has its own.
 */
export function ordersSchemasFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): OrdersSchemaNames {
  return {
    stock: checkedSchemaName(env[ENV.StockSchema] ?? DEFAULT_ORDERS_SCHEMAS.stock),
    orders: checkedSchemaName(env[ENV.OrdersSchema] ?? DEFAULT_ORDERS_SCHEMAS.orders),
  };
}
