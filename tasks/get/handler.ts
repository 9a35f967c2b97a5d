import { ENV } from '../../contracts/wiring';
import { jsonResponse } from '../shared/apiResponse';
import { apiHandler } from '../shared/apiHandler';
import { loadCaller } from '../shared/caller';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { ValidationError } from '../shared/errors';
import { getInvoice } from './getInvoice';

/** `GET /invoices/{id}[?include=xmlUrl]`. */
export const handler = apiHandler(async (event) => {
  const { ddb, s3 } = awsClients();
  const caller = await loadCaller(event, ddb, requireEnv(ENV.TenantsTable));
  const include = event.queryStringParameters?.include;
  if (include !== undefined && include !== 'xmlUrl') throw new ValidationError(`include must be 'xmlUrl', got '${include}'`, [{ field: 'include', message: "must be 'xmlUrl'" }]);
  const invoice = await getInvoice(
    { ddb, s3, invoicesTable: requireEnv(ENV.InvoicesTable), docsBucket: requireEnv(ENV.DocsBucket) },
    caller,
    event.pathParameters?.id ?? '',
    include === 'xmlUrl',
  );
  return jsonResponse(event, 200, invoice);
});
