/**
 * The database users of the orders saga (seed 004), each signing in to the Data API with its own
 * secret, and what each may do on `estoque` and `faturamento` (after `ORDERS_SCHEMA_SQL` and
 * `OUTBOX_SCHEMA_SQL`). None may DELETE, TRUNCATE or change a table; none reads another's rows it
 * does not need.
 *
 * - `api` (`/products`, `/orders`): upserts products, inserts an order with its NotaFiscalCriada
 *   outbox row, reads orders and their events. It never touches a reservation.
 * - `saga` (OrderSagaWorkflow's SQL states): locks and moves stock (`FOR UPDATE` needs UPDATE),
 *   reserves, releases and consumes, moves an order's status, and writes its outbox rows
 *   (`RETURNING event_id` needs SELECT). It never inserts an order or a product.
 * - `invoice` (the saga's PrepareInvoice Lambda): reads the order it invoices, nothing else.
 *
 * An outbox INSERT draws `seq` from the table's sequence: USAGE on it, for both writers.
 */
export const ORDERS_ROLES = { api: 'nfse_orders_api', saga: 'nfse_order_saga', invoice: 'nfse_order_invoice' } as const;

/** The grants of {@link ORDERS_ROLES}, applied once the roles and the tables exist. Idempotent. */
export const ORDERS_GRANTS_SQL = `GRANT USAGE ON SCHEMA estoque, faturamento TO nfse_orders_api, nfse_order_saga;
GRANT USAGE ON SCHEMA faturamento TO nfse_order_invoice;
GRANT SELECT, INSERT, UPDATE ON estoque.produtos TO nfse_orders_api;
GRANT SELECT, INSERT ON faturamento.pedidos, faturamento.eventos_outbox TO nfse_orders_api;
GRANT SELECT, UPDATE ON estoque.produtos, faturamento.pedidos TO nfse_order_saga;
GRANT SELECT, INSERT, UPDATE ON estoque.reservas TO nfse_order_saga;
GRANT SELECT, INSERT ON faturamento.eventos_outbox TO nfse_order_saga;
GRANT USAGE ON SEQUENCE faturamento.eventos_outbox_seq_seq TO nfse_orders_api, nfse_order_saga;
GRANT SELECT ON faturamento.pedidos TO nfse_order_invoice;
`;
