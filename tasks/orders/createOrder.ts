import type { SFNClient } from '@aws-sdk/client-sfn';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Company } from '../../contracts/company';
import type { CreatedOrder, CreateOrderRequest, OrderSagaInput } from '../../contracts/order';
import { ORDER_EVENT_TYPES, type OrderEventDetail } from '../../contracts/orderEvents';
import { outboxInsertSql } from '../../contracts/outboxInsert';
import type { MunicipalityRegistry } from '../../lib/municipalities/registry';
import { mayAccessCompany, type Caller } from '../shared/caller';
import { ForbiddenError, UnprocessableError } from '../shared/errors';
import { executionArnOf } from '../shared/executionArnOf';
import { beginIdempotentRequest, completeIdempotentRequest, fingerprintOf } from '../shared/idempotency';
import { logger } from '../shared/logger';
import { startOrDefer, type StartQueue } from '../shared/startOrDefer';
import { supportedMunicipality } from '../shared/municipalities';
import { orderEventIds } from './orderEventIds';
import type { OrdersDatabase } from './OrdersDatabase';

/** What taking an order talks to. */
export interface CreateOrderDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly sfn: SFNClient;
  readonly db: OrdersDatabase;
  readonly requestsTable: string;
  readonly orderSagaStateMachineArn: string;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly companyOf: (cnpj: string) => Promise<Company | undefined>;
  readonly municipalities: Pick<MunicipalityRegistry, 'get'>;
  /** Where the saga's start waits when StartExecution is throttled. @default none: the throttling is a 5xx */
  readonly startQueue?: StartQueue;
}

/** The answer to `POST /orders`. */
export interface CreateOrderOutcome {
  readonly statusCode: 201;
  readonly body: CreatedOrder;
}

/**
 * The order row and its NotaFiscalCriada outbox row in one statement: both or neither. A resumed
 * request finds the order there and inserts nothing (the event came with it the first time).
 */
export function insertOrderSql(schema: string): string {
  return [
    `WITH inserted AS (INSERT INTO ${schema}.pedidos (order_id, company_cnpj, municipality_code, customer, items, total, status, execution_arn, created_by, created_at, updated_at)`,
    " VALUES (:order_id, :company_cnpj, :municipality_code, CAST(:customer AS jsonb), CAST(:items AS jsonb), CAST(:total AS numeric), 'PENDING', :execution_arn, :created_by, CAST(:created_at AS timestamptz), CAST(:created_at AS timestamptz))",
    ' ON CONFLICT (order_id) DO NOTHING RETURNING order_id)',
    ` ${outboxInsertSql({ schema, detailType: ORDER_EVENT_TYPES.Created, eventId: ':event_id', aggregateId: 'inserted.order_id', detail: ':detail', from: 'inserted' })}`,
  ].join('');
}

/** The sum of quantity × unit price, in centavos (never a float), as a decimal string. */
export function orderTotal(items: CreateOrderRequest['items']): string {
  const centavos = items.reduce((sum, item) => sum + BigInt(item.quantity) * toCentavos(item.unitPrice), 0n);
  const text = centavos.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

function toCentavos(money: string): bigint {
  const [units = '0', cents = ''] = money.split('.');
  return BigInt(units) * 100n + BigInt(cents.padEnd(2, '0'));
}

/**
 * Takes an order: checks the grant, the company and its city before anything is written, records
 * the order PENDING with its NotaFiscalCriada event, and starts OrderSagaWorkflow named after the
 * order (or, past the StartExecution quota, queues its start and still answers 201). With an
 * Idempotency-Key a replay finishes what the first attempt left undone and answers the same;
 * another body with the key is a 409.
 */
export async function createOrder(deps: CreateOrderDeps, caller: Caller, request: CreateOrderRequest, idempotencyKey?: string): Promise<CreateOrderOutcome> {
  if (!mayAccessCompany(caller, request.companyCnpj)) throw new ForbiddenError(`CNPJ ${request.companyCnpj} is not granted to this caller`);
  const company = await deps.companyOf(request.companyCnpj);
  if (company === undefined) {
    throw new UnprocessableError('CompanyNotRegistered', `Company ${request.companyCnpj} has no record: register it with PUT /companies/${request.companyCnpj} before taking its orders`, [
      { field: 'companyCnpj', message: `has no company record (PUT /companies/${request.companyCnpj})` },
    ]);
  }
  const municipalityCode = request.municipalityCode ?? company.municipalityCode;
  supportedMunicipality(deps.municipalities, municipalityCode);
  // The saga invoices the order with the company's default service: without one, it could only fail later.
  if (company.defaultService === undefined) {
    throw new UnprocessableError('DefaultServiceMissing', `Company ${company.cnpj} has no defaultService to invoice its orders with: set it with PATCH /companies/${company.cnpj}`, [
      { field: 'companyCnpj', message: `has no defaultService (PATCH /companies/${company.cnpj})` },
    ]);
  }

  let orderId = deps.newId();
  const requestKey = idempotencyKey !== undefined ? `${caller.principal}#${idempotencyKey}` : undefined;
  const idempotency = { ddb: deps.ddb, requestsTable: deps.requestsTable, now: deps.now };
  if (requestKey !== undefined) {
    const start = await beginIdempotentRequest(idempotency, requestKey, fingerprintOf('POST /orders', request), orderId);
    if (start.kind === 'replay') return { statusCode: 201, body: JSON.parse(start.response.body) as CreatedOrder };
    orderId = start.invoiceId;
  }
  const executionArn = executionArnOf(deps.orderSagaStateMachineArn, orderId);
  logger.appendKeys({ orderId, executionArn });

  const createdAt = deps.now().toISOString();
  const total = orderTotal(request.items);
  const eventIds = orderEventIds(orderId);
  const detail: OrderEventDetail<'NotaFiscalCriada'> = { eventId: eventIds.created, orderId, companyCnpj: request.companyCnpj, items: request.items, total, createdAt };
  await deps.db.query(insertOrderSql(deps.db.schemas.orders), {
    order_id: orderId,
    company_cnpj: request.companyCnpj,
    municipality_code: municipalityCode,
    customer: JSON.stringify(request.customer),
    items: JSON.stringify(request.items),
    total,
    execution_arn: executionArn,
    created_by: caller.principal,
    created_at: createdAt,
    event_id: eventIds.created,
    detail: JSON.stringify(detail),
  });

  const input: OrderSagaInput = { orderId, companyCnpj: request.companyCnpj, items: request.items.map(({ sku, quantity }) => ({ sku, quantity })), total, eventIds };
  // Past the StartExecution quota the order stays PENDING and its start waits in the start queue:
  // the starter starts it under the same name as the quota refills, so it runs once.
  const started = await startOrDefer(deps.sfn, { stateMachineArn: deps.orderSagaStateMachineArn, name: orderId, input, queued: { workflow: 'orderSaga', input } }, deps.startQueue);
  if (started.kind === 'deferred') logger.info('order saga start queued: StartExecution throttled');

  const outcome: CreateOrderOutcome = { statusCode: 201, body: { orderId, status: 'PENDING' } };
  if (requestKey !== undefined) await completeIdempotentRequest(idempotency, requestKey, { statusCode: 201, body: JSON.stringify(outcome.body) });
  return outcome;
}
