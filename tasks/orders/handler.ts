import { ENV } from '../../contracts/wiring';
import { newInvoiceId } from '../emit/newInvoiceId';
import { awsClients } from '../shared/clients';
import { CompanyReader } from '../../lib/companies/CompanyReader';
import { requireEnv } from '../shared/environment';
import { idempotencyKeyOf } from '../shared/idempotencyKeyOf';
import { municipalityRegistry } from '../shared/municipalities';
import { PageTokens } from '../shared/PageTokens';
import { routeHandler } from '../shared/routeHandler';
import { createOrder } from './createOrder';
import { ordersDatabaseFromEnv } from './ordersDatabaseFromEnv';
import { getProduct, putProduct, putProducts } from './products';
import { getOrder, listOrders, type ReadOrdersDeps } from './readOrders';

let companies: CompanyReader | undefined;

function readDeps(): ReadOrdersDeps {
  return { db: ordersDatabaseFromEnv(), sfn: awsClients().sfn, pageTokens: PageTokens.fromEnv() };
}

/** `/products` (the stock) and `/orders` (the orders saga, seed 004). */
export const handler = routeHandler('orders', {
  getProduct: async ({ path }) => ({ statusCode: 200, body: await getProduct(ordersDatabaseFromEnv(), path.sku) }),
  putProduct: async ({ path, body }) => ({ statusCode: 200, body: await putProduct(ordersDatabaseFromEnv(), path.sku, body) }),
  putProducts: async ({ body }) => ({ statusCode: 200, body: { items: await putProducts(ordersDatabaseFromEnv(), body) } }),
  createOrder: async ({ event, caller, body }) => {
    const { ddb, sfn, sqs } = awsClients();
    companies ??= new CompanyReader(ddb, requireEnv(ENV.CompaniesTable));
    const reader = companies;
    const outcome = await createOrder(
      {
        ddb,
        sfn,
        db: ordersDatabaseFromEnv(),
        requestsTable: requireEnv(ENV.RequestsTable),
        orderSagaStateMachineArn: requireEnv(ENV.OrderSagaStateMachineArn),
        now: () => new Date(),
        newId: newInvoiceId,
        companyOf: (cnpj) => reader.read(cnpj),
        municipalities: municipalityRegistry(),
        // Past the StartExecution quota the saga's start waits here and the order is still a 201.
        startQueue: { sqs, url: requireEnv(ENV.StartQueueUrl) },
      },
      caller,
      body,
      idempotencyKeyOf(event),
    );
    return { ...outcome, headers: { Location: `/orders/${outcome.body.orderId}` } };
  },
  getOrder: async ({ caller, path }) => ({ statusCode: 200, body: await getOrder(readDeps(), caller, path.id) }),
  listOrders: async ({ caller, query }) => ({ statusCode: 200, body: await listOrders(readDeps(), caller, query) }),
});
