import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { CompanyReader } from '../shared/CompanyReader';
import { requireEnv } from '../shared/environment';
import { idempotencyKeyOf } from '../shared/idempotencyKeyOf';
import { municipalityRegistry } from '../shared/municipalities';
import { routeHandler } from '../shared/routeHandler';
import { emitInvoice } from './emitInvoice';
import { newInvoiceId } from './newInvoiceId';
import { renderInvoiceDocument } from './renderInvoiceDocument';
import { substituteInvoice } from './substituteInvoice';

let companies: CompanyReader | undefined;

/** `POST /invoices` and `POST /invoices/{id}/substitute` (optional `Idempotency-Key`). */
export const handler = routeHandler('emit', {
  emitInvoice: async ({ event, caller, body }) => {
    const { ddb, dynamodb, s3, sfn, sqs } = awsClients();
    companies ??= new CompanyReader(ddb, requireEnv(ENV.CompaniesTable));
    const reader = companies;
    const outcome = await emitInvoice(
      {
        ddb,
        dynamodb,
        s3,
        sfn,
        invoicesTable: requireEnv(ENV.InvoicesTable),
        requestsTable: requireEnv(ENV.RequestsTable),
        docsBucket: requireEnv(ENV.DocsBucket),
        emissionStateMachineArn: requireEnv(ENV.EmissionStateMachineArn),
        now: () => new Date(),
        newId: newInvoiceId,
        companyOf: (cnpj, options) => reader.read(cnpj, options),
        municipalities: municipalityRegistry(),
        renderRps: renderInvoiceDocument,
        startQueue: { sqs, url: requireEnv(ENV.StartQueueUrl) },
      },
      caller,
      body,
      idempotencyKeyOf(event),
    );
    return { ...outcome, headers: { Location: `/invoices/${outcome.body.invoiceId}` } };
  },
  substituteInvoice: async ({ event, caller, path, body }) => {
    const { ddb, dynamodb, s3, sfn } = awsClients();
    companies ??= new CompanyReader(ddb, requireEnv(ENV.CompaniesTable));
    const reader = companies;
    const outcome = await substituteInvoice(
      {
        ddb,
        dynamodb,
        s3,
        sfn,
        invoicesTable: requireEnv(ENV.InvoicesTable),
        requestsTable: requireEnv(ENV.RequestsTable),
        docsBucket: requireEnv(ENV.DocsBucket),
        substitutionStateMachineArn: requireEnv(ENV.SubstitutionStateMachineArn),
        now: () => new Date(),
        newId: newInvoiceId,
        companyOf: (cnpj) => reader.read(cnpj),
        municipalities: municipalityRegistry(),
        renderDocument: renderInvoiceDocument,
      },
      caller,
      path.id,
      body,
      idempotencyKeyOf(event),
    );
    return { ...outcome, headers: { Location: `/invoices/${outcome.body.invoiceId}` } };
  },
});
