import { EmitInvoiceRequestSchema } from '../../contracts/emitInvoiceRequest';
import { ENV } from '../../contracts/wiring';
import { jsonResponse } from '../shared/apiResponse';
import { apiHandler } from '../shared/apiHandler';
import { loadCaller } from '../shared/caller';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { idempotencyKeyOf } from '../shared/idempotencyKeyOf';
import { parseJsonBody } from '../shared/parseJsonBody';
import { buildRpsXml } from './rps/buildRpsXml';
import { emitInvoice } from './emitInvoice';
import { newInvoiceId } from './newInvoiceId';

/** `POST /invoices` (optional `Idempotency-Key`). */
export const handler = apiHandler(async (event) => {
  const { ddb, s3, sfn } = awsClients();
  const caller = await loadCaller(event, ddb, requireEnv(ENV.TenantsTable));
  const request = parseJsonBody(event, EmitInvoiceRequestSchema);
  const key = idempotencyKeyOf(event);
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
    request,
    key,
  );
  return jsonResponse(event, outcome.statusCode, outcome.body, { Location: `/invoices/${outcome.body.invoiceId}` });
});
