import { ExecutionDoesNotExist, type SFNClient } from '@aws-sdk/client-sfn';
import { OrderSummarySchema, OrderViewSchema, type ListOrdersQuery, type ListOrdersResponse, type OrderSummary, type OrderView } from '../../contracts/order';
import { mayAccessCompany, type Caller } from '../shared/caller';
import { companyOf } from '../shared/companyOf';
import { NotFoundError } from '../shared/errors';
import { executionHistory } from '../shared/executionHistory';
import type { PageTokens } from '../shared/PageTokens';
import { isoTimestampSql, type OrdersDatabase, type SqlValue } from './OrdersDatabase';
import { sagaSteps } from './sagaSteps';

/** What reading orders talks to. */
export interface ReadOrdersDeps {
  readonly db: OrdersDatabase;
  readonly sfn: SFNClient;
  readonly pageTokens: PageTokens;
}

const SUMMARY_COLUMNS = [
  'order_id',
  'company_cnpj',
  'municipality_code',
  'total::text AS total',
  'status',
  'invoice_id',
  'nfse_number',
  'error_code',
  'error_message',
  'execution_arn',
  `${isoTimestampSql('created_at')} AS created_at`,
  `${isoTimestampSql('updated_at')} AS updated_at`,
].join(', ');

function summaryOf(row: Record<string, unknown>): OrderSummary {
  const optional = (key: string): string | undefined => (typeof row[key] === 'string' ? row[key] : undefined);
  const code = optional('error_code');
  return OrderSummarySchema.parse({
    orderId: row.order_id,
    companyCnpj: row.company_cnpj,
    municipalityCode: row.municipality_code,
    total: row.total,
    status: row.status,
    invoiceId: optional('invoice_id'),
    nfseNumber: optional('nfse_number'),
    error: code !== undefined ? { code, message: optional('error_message') ?? code } : undefined,
    executionArn: row.execution_arn,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** `GET /orders/{id}`: the order, its saga's steps and its outbox events; another tenant's is a 404 like an unknown one. */
export async function getOrder(deps: ReadOrdersDeps, caller: Caller, orderId: string): Promise<OrderView> {
  const [row] = await deps.db.query(`SELECT ${SUMMARY_COLUMNS}, customer::text AS customer, items::text AS items, short_items::text AS short_items FROM ${deps.db.schemas.orders}.pedidos WHERE order_id = :order_id`, { order_id: orderId });
  if (row === undefined || !mayAccessCompany(caller, String(row.company_cnpj))) throw new NotFoundError(`Order ${orderId} not found`);
  const summary = summaryOf(row);
  const [events, steps] = await Promise.all([
    deps.db.query(
      `SELECT event_id, detail_type, ${isoTimestampSql('created_at')} AS created_at, CASE WHEN published_at IS NULL THEN NULL ELSE ${isoTimestampSql('published_at')} END AS published_at FROM ${deps.db.schemas.orders}.eventos_outbox WHERE aggregate_id = :order_id ORDER BY seq`,
      { order_id: orderId },
    ),
    stepsOf(deps.sfn, summary.executionArn),
  ]);
  return OrderViewSchema.parse({
    ...summary,
    customer: JSON.parse(String(row.customer)) as unknown,
    items: JSON.parse(String(row.items)) as unknown,
    shortItems: typeof row.short_items === 'string' ? (JSON.parse(row.short_items) as unknown) : undefined,
    steps,
    events: events.map((event) => ({ eventId: event.event_id, detailType: event.detail_type, createdAt: event.created_at, publishedAt: event.published_at ?? undefined })),
  });
}

async function stepsOf(sfn: SFNClient, executionArn: string): Promise<OrderView['steps']> {
  try {
    return sagaSteps(await executionHistory(sfn, executionArn, false));
  } catch (error) {
    // Not started yet (the request that creates it is still under way): no steps so far.
    if (error instanceof ExecutionDoesNotExist) return [];
    throw error;
  }
}

interface Position {
  readonly createdAt: string;
  readonly orderId: string;
}

/** `GET /orders`: a company's orders (ops: every company's), newest first, filtered by status, a page at a time. */
export async function listOrders(deps: ReadOrdersDeps, caller: Caller, query: ListOrdersQuery): Promise<ListOrdersResponse> {
  const company = companyOf(caller, query.companyCnpj);
  // A page's token holds for the listing it came from: the same company and filters.
  const listing = `orders ${JSON.stringify([company ?? null, query.status ?? null])}`;
  const after = query.nextToken !== undefined ? (deps.pageTokens.open(listing, query.nextToken) as Position) : undefined;
  const where: string[] = [];
  const parameters: Record<string, SqlValue> = { limit: query.limit + 1 };
  if (company !== undefined) {
    where.push('company_cnpj = :company');
    parameters.company = company;
  }
  if (query.status !== undefined) {
    where.push('status = :status');
    parameters.status = query.status;
  }
  if (after !== undefined) {
    where.push('(created_at, order_id) < (CAST(:after_created AS timestamptz), :after_id)');
    parameters.after_created = after.createdAt;
    parameters.after_id = after.orderId;
  }
  const rows = await deps.db.query(`SELECT ${SUMMARY_COLUMNS} FROM ${deps.db.schemas.orders}.pedidos${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, order_id DESC LIMIT :limit`, parameters);
  const items = rows.slice(0, query.limit).map(summaryOf);
  const last = items.at(-1);
  const more = rows.length > query.limit && last !== undefined;
  return { items, ...(more ? { nextToken: deps.pageTokens.seal(listing, { createdAt: last.createdAt, orderId: last.orderId } satisfies Position) } : {}) };
}
