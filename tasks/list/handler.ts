import { ListInvoicesQuerySchema } from '../../contracts/listInvoices';
import { ENV } from '../../contracts/wiring';
import { jsonResponse } from '../shared/apiResponse';
import { apiHandler } from '../shared/apiHandler';
import { loadCaller } from '../shared/caller';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { parseQuery } from '../shared/parseQuery';
import { listInvoices } from './listInvoices';

/** `GET /invoices?companyCnpj=&status=&from=&to=&limit=&nextToken=`. */
export const handler = apiHandler(async (event) => {
  const { ddb } = awsClients();
  const caller = await loadCaller(event, ddb, requireEnv(ENV.TenantsTable));
  const query = parseQuery(event, ListInvoicesQuerySchema);
  return jsonResponse(event, 200, await listInvoices({ ddb, invoicesTable: requireEnv(ENV.InvoicesTable) }, caller, query));
});
