/**
 * The Postgres schemas of the orders saga (seed 004): the stock (`estoque`) and the orders with
 * their outbox (`faturamento`). AWS and `npm start` use these names; each app on jest's shared
 * Postgres has its own pair (`STOCK_SCHEMA`, `ORDERS_SCHEMA`), as it has its own billing schema,
 * so one app's outbox relay never sees another app's rows.
 */
export interface OrdersSchemaNames {
  /** `estoque`: products and reservations. */
  readonly stock: string;
  /** `faturamento`: orders, the outbox, and what consumers processed. */
  readonly orders: string;
}

/** The schemas AWS and `npm start` use. */
export const DEFAULT_ORDERS_SCHEMAS = { stock: 'estoque', orders: 'faturamento' } as const satisfies OrdersSchemaNames;

/** A Postgres identifier we accept as a schema's name (it is spliced into SQL, never quoted). */
export const ORDERS_SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** `name`, once it is checked to be a plain identifier. */
export function checkedSchemaName(name: string): string {
  if (!ORDERS_SCHEMA_NAME.test(name)) throw new Error(`not an orders schema name: ${name}`);
  return name;
}
