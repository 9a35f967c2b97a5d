import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { CompanyReader } from '../../lib/companies/CompanyReader';
import { requireEnv } from '../shared/environment';
import { idempotencyKeyOf } from '../shared/idempotencyKeyOf';
import { municipalityRegistry } from '../shared/municipalities';
import { routeHandler } from '../shared/routeHandler';
import { emitInvoice, type EmitDeps } from './emitInvoice';
import { newInvoiceId } from './newInvoiceId';
import { renderInvoiceDocument } from './renderInvoiceDocument';
import { substituteInvoice } from './substituteInvoice';

let companies: CompanyReader | undefined;

/** What emission and substitution both take from the process: the clients, tables, clock, ids, companies and cities. */
function invoiceWriteDeps(): Omit<EmitDeps, 'emissionStateMachineArn' | 'renderRps' | 'startQueue'> {
  const { ddb, dynamodb, s3, sfn } = awsClients();
  companies ??= new CompanyReader(ddb, requireEnv(ENV.CompaniesTable));
  const reader = companies;
  return {
    ddb,
    dynamodb,
    s3,
    sfn,
    invoicesTable: requireEnv(ENV.InvoicesTable),
    requestsTable: requireEnv(ENV.RequestsTable),
    docsBucket: requireEnv(ENV.DocsBucket),
    now: () => new Date(),
    newId: newInvoiceId,
    companyOf: (cnpj, options) => reader.read(cnpj, options),
    municipalities: municipalityRegistry(),
  };
}

/** `POST /invoices` and `POST /invoices/{id}/substitute` (optional `Idempotency-Key`). */
export const handler = routeHandler('emit', {
  emitInvoice: async ({ event, caller, body }) => {
    const outcome = await emitInvoice(
      {
        ...invoiceWriteDeps(),
        emissionStateMachineArn: requireEnv(ENV.EmissionStateMachineArn),
        renderRps: renderInvoiceDocument,
        startQueue: { sqs: awsClients().sqs, url: requireEnv(ENV.StartQueueUrl) },
      },
      caller,
      body,
      idempotencyKeyOf(event),
    );
    return { ...outcome, headers: { Location: `/invoices/${outcome.body.invoiceId}` } };
  },
  substituteInvoice: async ({ event, caller, path, body }) => {
    const outcome = await substituteInvoice(
      { ...invoiceWriteDeps(), substitutionStateMachineArn: requireEnv(ENV.SubstitutionStateMachineArn), renderDocument: renderInvoiceDocument },
      caller,
      path.id,
      body,
      idempotencyKeyOf(event),
    );
    return { ...outcome, headers: { Location: `/invoices/${outcome.body.invoiceId}` } };
  },
});
