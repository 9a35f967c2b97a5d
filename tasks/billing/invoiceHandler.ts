import { PrepareInvoiceEventSchema, type PreparedInvoice } from '../../contracts/billingCycle';
import { ENV } from '../../contracts/wiring';
import { buildRpsXml } from '../emit/rps/buildRpsXml';
import { rpsOptionsOf } from '../emit/rps/rpsOptionsOf';
import { awsClients } from '../shared/clients';
import { CompanyReader } from '../../lib/companies/CompanyReader';
import { requireEnv } from '../shared/environment';
import { logger } from '../shared/logger';
import { prepareInvoice } from './prepareInvoice';
import { tracedHandler } from '../shared/tracing';

let companies: CompanyReader | undefined;

/** BillingCycleWorkflow's PrepareInvoice: the month's invoice of a company, and the emission to run. */
async function handle(event: unknown): Promise<PreparedInvoice> {
  const request = PrepareInvoiceEventSchema.parse(event);
  const { ddb, dynamodb, s3 } = awsClients();
  companies ??= new CompanyReader(ddb, requireEnv(ENV.CompaniesTable));
  const reader = companies;
  const prepared = await prepareInvoice(
    {
      ddb,
      dynamodb,
      s3,
      invoicesTable: requireEnv(ENV.InvoicesTable),
      docsBucket: requireEnv(ENV.DocsBucket),
      emissionStateMachineArn: requireEnv(ENV.EmissionStateMachineArn),
      issuerCnpj: requireEnv(ENV.BillingIssuerCnpj),
      companyOf: (cnpj) => reader.read(cnpj),
      renderRps: (record, company) => buildRpsXml(record, rpsOptionsOf(company)),
      now: () => new Date(),
    },
    request.competencia,
    request.company,
  );
  logger.info('invoice prepared', { invoiceId: prepared.invoice.invoiceId, status: prepared.status, executionName: prepared.executionName });
  return prepared;
}

/** The Lambda entry point: {@link handle}, traced in Lambda (a subsegment of the invocation). */
export const handler = tracedHandler('billing-invoice', handle);
