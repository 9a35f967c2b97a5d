import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { idempotencyKeyOf } from '../shared/idempotencyKeyOf';
import { routeHandler } from '../shared/routeHandler';
import { buildRpsXml } from './rps/buildRpsXml';
import { emitInvoice } from './emitInvoice';
import { newInvoiceId } from './newInvoiceId';

/** `POST /invoices` (optional `Idempotency-Key`). */
export const handler = routeHandler('emit', {
  emitInvoice: async ({ event, caller, body }) => {
    const { ddb, s3, sfn } = awsClients();
    const outcome = await emitInvoice(
      {
        ddb,
        s3,
        sfn,
        invoicesTable: requireEnv(ENV.InvoicesTable),
        requestsTable: requireEnv(ENV.RequestsTable),
        docsBucket: requireEnv(ENV.DocsBucket),
        emissionStateMachineArn: requireEnv(ENV.EmissionStateMachineArn),
        now: () => new Date(),
        newId: newInvoiceId,
        renderRps: (record) => buildRpsXml(record),
      },
      caller,
      body,
      idempotencyKeyOf(event),
    );
    return { ...outcome, headers: { Location: `/invoices/${outcome.body.invoiceId}` } };
  },
});
