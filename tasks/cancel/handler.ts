import { CancelInvoiceRequestSchema } from '../../contracts/cancelInvoiceRequest';
import { ENV } from '../../contracts/wiring';
import { jsonResponse } from '../shared/apiResponse';
import { apiHandler } from '../shared/apiHandler';
import { loadCaller } from '../shared/caller';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { idempotencyKeyOf } from '../shared/idempotencyKeyOf';
import { parseJsonBody } from '../shared/parseJsonBody';
import { cancelInvoice } from './cancelInvoice';

/** `POST /invoices/{id}/cancel {reasonCode, reason}` (optional `Idempotency-Key`). */
export const handler = apiHandler(async (event) => {
  const { ddb, sfn } = awsClients();
  const caller = await loadCaller(event, ddb, requireEnv(ENV.TenantsTable));
  const request = parseJsonBody(event, CancelInvoiceRequestSchema);
  const outcome = await cancelInvoice(
    {
      ddb,
      sfn,
      invoicesTable: requireEnv(ENV.InvoicesTable),
      requestsTable: requireEnv(ENV.RequestsTable),
      cancellationStateMachineArn: requireEnv(ENV.CancellationStateMachineArn),
      now: () => new Date(),
    },
    caller,
    event.pathParameters?.id ?? '',
    request,
    idempotencyKeyOf(event),
  );
  return jsonResponse(event, outcome.statusCode, outcome.body);
});
