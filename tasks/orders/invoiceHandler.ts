import type { PreparedInvoice } from '../../contracts/billingCycle';
import { PrepareOrderInvoiceEventSchema } from '../../contracts/order';
import { ENV } from '../../contracts/wiring';
import { renderInvoiceDocument } from '../emit/renderInvoiceDocument';
import { awsClients } from '../shared/clients';
import { CompanyReader } from '../../lib/companies/CompanyReader';
import { requireEnv } from '../shared/environment';
import { logger } from '../shared/logger';
import { municipalityRegistry } from '../shared/municipalities';
import { ordersDatabaseFromEnv } from './ordersDatabaseFromEnv';
import { prepareOrderInvoice } from './prepareOrderInvoice';

let companies: CompanyReader | undefined;

/** OrderSagaWorkflow's PrepareInvoice: the order's invoice, and the emission to run. */
export async function handler(event: unknown): Promise<PreparedInvoice> {
  const { orderId } = PrepareOrderInvoiceEventSchema.parse(event);
  const { ddb, dynamodb, s3 } = awsClients();
  companies ??= new CompanyReader(ddb, requireEnv(ENV.CompaniesTable));
  const reader = companies;
  const prepared = await prepareOrderInvoice(
    {
      db: ordersDatabaseFromEnv(),
      ddb,
      dynamodb,
      s3,
      invoicesTable: requireEnv(ENV.InvoicesTable),
      docsBucket: requireEnv(ENV.DocsBucket),
      emissionStateMachineArn: requireEnv(ENV.EmissionStateMachineArn),
      companyOf: (cnpj) => reader.read(cnpj),
      municipalities: municipalityRegistry(),
      renderRps: renderInvoiceDocument,
      now: () => new Date(),
    },
    orderId,
  );
  logger.info('order invoice prepared', { orderId, invoiceId: prepared.invoice.invoiceId, status: prepared.status });
  return prepared;
}
