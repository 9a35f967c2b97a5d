import { checkedSchemaName, DEFAULT_ORDERS_SCHEMAS, type OrdersSchemaNames } from './ordersSchemaNames';

/**
 * The stock (`estoque.*`) and the orders (`faturamento.pedidos`) of the orders saga (seed 004), in
 * Aurora through the RDS Data API. The stock can never go negative: the CHECK is the last guard
 * behind the saga's `quantity >= requested` condition. A reservation is keyed by order and SKU,
 * so a retried ReserveStock inserts nothing new, and its status moves only forward
 * (reserved → released | consumed), which makes a retried release or confirmation a no-op.
 * In the schemas named (`contracts/ordersSchemaNames.ts`). Idempotent: safe to re-apply.
 */
export function ordersSchemaSql(schemas: OrdersSchemaNames): string {
  const stock = checkedSchemaName(schemas.stock);
  const orders = checkedSchemaName(schemas.orders);
  return `CREATE SCHEMA IF NOT EXISTS ${stock};

CREATE TABLE IF NOT EXISTS ${stock}.produtos (
  sku          text PRIMARY KEY,
  description  text NOT NULL,
  quantity     integer NOT NULL,
  version      integer NOT NULL DEFAULT 1,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT produtos_quantity_check CHECK (quantity >= 0)
);

CREATE TABLE IF NOT EXISTS ${stock}.reservas (
  order_id     text NOT NULL,
  sku          text NOT NULL,
  quantity     integer NOT NULL,
  status       text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, sku),
  CONSTRAINT reservas_quantity_check CHECK (quantity > 0),
  CONSTRAINT reservas_status_check CHECK (status IN ('reserved', 'released', 'consumed'))
);

CREATE SCHEMA IF NOT EXISTS ${orders};

CREATE TABLE IF NOT EXISTS ${orders}.pedidos (
  order_id           text PRIMARY KEY,
  company_cnpj       text NOT NULL,
  municipality_code  text NOT NULL,
  customer           jsonb NOT NULL,
  items              jsonb NOT NULL,
  total              numeric(12,2) NOT NULL,
  status             text NOT NULL,
  invoice_id         text,
  nfse_number        text,
  execution_arn      text NOT NULL,
  error_code         text,
  error_message      text,
  short_items        jsonb,
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  CONSTRAINT pedidos_status_check CHECK (status IN ('PENDING', 'RESERVED', 'CONFIRMADA', 'ERRO_ESTOQUE', 'FAILED'))
);

CREATE INDEX IF NOT EXISTS pedidos_company_idx ON ${orders}.pedidos (company_cnpj, created_at DESC, order_id DESC);
-- The sweeper's: orders still waiting for their saga, only them.
CREATE INDEX IF NOT EXISTS pedidos_pending_idx ON ${orders}.pedidos (order_id) WHERE status = 'PENDING';
`;
}

/** The schema in AWS (`estoque`, `faturamento`). */
export const ORDERS_SCHEMA_SQL = ordersSchemaSql(DEFAULT_ORDERS_SCHEMAS);

/**
 * An order's life: PENDING (accepted) → RESERVED (every item reserved) → CONFIRMADA (invoice
 * issued, reservations consumed) | FAILED (the invoice failed, stock given back); or PENDING →
 * ERRO_ESTOQUE (some item short, nothing reserved).
 */
export const ORDER_STATUSES = ['PENDING', 'RESERVED', 'CONFIRMADA', 'ERRO_ESTOQUE', 'FAILED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** A reservation's life: reserved, then released (compensation) or consumed (the order confirmed). */
export const RESERVATION_STATUSES = ['reserved', 'released', 'consumed'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];
