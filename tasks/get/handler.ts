import { ENV } from '../../contracts/wiring';
import { jsonResponse } from '../shared/apiResponse';
import { apiHandler } from '../shared/apiHandler';
import { loadCaller } from '../shared/caller';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { ValidationError } from '../shared/errors';
import { getInvoice } from './getInvoice';
import { invoiceHistory } from './invoiceHistory';

/** `GET /invoices/{id}[?include=xmlUrl]` and `GET /invoices/{id}/history`. */
export const handler = apiHandler(async (event) => {
  const { ddb, s3, sfn } = awsClients();
  const caller = await loadCaller(event, ddb, requireEnv(ENV.TenantsTable));
  const invoiceId = event.pathParameters?.id ?? '';
  if (/\/history\/?$/.test(event.path)) {
    const stateMachineArns = { emission: requireEnv(ENV.EmissionStateMachineArn), cancellation: requireEnv(ENV.CancellationStateMachineArn) };
    return jsonResponse(event, 200, await invoiceHistory({ ddb, sfn, invoicesTable: requireEnv(ENV.InvoicesTable), stateMachineArns }, caller, invoiceId));
  }
  const include = event.queryStringParameters?.include;
  if (include !== undefined && include !== 'xmlUrl') throw new ValidationError(`include must be 'xmlUrl', got '${include}'`, [{ field: 'include', message: "must be 'xmlUrl'" }]);
  const invoice = await getInvoice({ ddb, s3, invoicesTable: requireEnv(ENV.InvoicesTable), docsBucket: requireEnv(ENV.DocsBucket) }, caller, invoiceId, include === 'xmlUrl');
  return jsonResponse(event, 200, invoice);
});
