import { ListInvoicesQuerySchema } from '../../contracts/listInvoices';
import type { CallerView } from '../../contracts/tenantGrant';
import { ENV } from '../../contracts/wiring';
import { jsonResponse } from '../shared/apiResponse';
import { apiHandler } from '../shared/apiHandler';
import { loadCaller } from '../shared/caller';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { parseQuery } from '../shared/parseQuery';
import { listInvoices } from './listInvoices';

/** `GET /invoices?companyCnpj=&status=&municipalityCode=&from=&to=&limit=&nextToken=` and `GET /me`. */
export const handler = apiHandler(async (event) => {
  const { ddb } = awsClients();
  const caller = await loadCaller(event, ddb, requireEnv(ENV.TenantsTable));
  if (/^\/me\/?$/.test(event.path)) {
    const view: CallerView = { principal: caller.principal, role: caller.grant.role, cnpjs: caller.grant.cnpjs, allCompanies: caller.grant.allCompanies === true };
    return jsonResponse(event, 200, view);
  }
  const query = parseQuery(event, ListInvoicesQuerySchema);
  return jsonResponse(event, 200, await listInvoices({ ddb, invoicesTable: requireEnv(ENV.InvoicesTable) }, caller, query));
});
