import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { PageTokens } from '../shared/PageTokens';
import { routeHandler } from '../shared/routeHandler';
import { listInvoices } from './listInvoices';

let pageTokens: PageTokens | undefined;

/** `GET /invoices?companyCnpj=&status=&municipalityCode=&from=&to=&limit=&nextToken=` and `GET /me`. */
export const handler = routeHandler('list', {
  listInvoices: async ({ caller, query }) => {
    pageTokens ??= PageTokens.fromEnv();
    return { statusCode: 200, body: await listInvoices({ ddb: awsClients().ddb, invoicesTable: requireEnv(ENV.InvoicesTable), pageTokens }, caller, query) };
  },
  getCaller: async ({ caller }) => ({
    statusCode: 200,
    body: { principal: caller.principal, role: caller.grant.role, cnpjs: caller.grant.cnpjs, allCompanies: caller.grant.allCompanies === true },
  }),
});
