import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { PageTokens } from '../shared/PageTokens';
import { routeHandler } from '../shared/routeHandler';
import { getCompanyFor, listCompanies, patchCompany, putCompany, type CompanyDeps } from './companyStore';
import { etagOf, ifMatchOf } from './ifMatchOf';

let pageTokens: PageTokens | undefined;

function deps(): CompanyDeps {
  return { ddb: awsClients().ddb, companiesTable: requireEnv(ENV.CompaniesTable), now: () => new Date() };
}

/** `/companies`: the companies (prestadores) a tenant issues invoices for. */
export const handler = routeHandler('companies', {
  listCompanies: async ({ caller, query }) => {
    pageTokens ??= PageTokens.fromEnv();
    return { statusCode: 200, body: await listCompanies({ ...deps(), pageTokens }, caller, query) };
  },
  getCompany: async ({ caller, path }) => {
    const company = await getCompanyFor(deps(), caller, path.cnpj);
    return { statusCode: 200, body: company, headers: { etag: etagOf(company.version) } };
  },
  putCompany: async ({ event, caller, path, body }) => {
    const { company, created } = await putCompany(deps(), caller, path.cnpj, body, ifMatchOf(event));
    const headers = { etag: etagOf(company.version), ...(created ? { location: `/companies/${company.cnpj}` } : {}) };
    return created ? { statusCode: 201, body: company, headers } : { statusCode: 200, body: company, headers };
  },
  patchCompany: async ({ event, caller, path, body }) => {
    const company = await patchCompany(deps(), caller, path.cnpj, body, ifMatchOf(event));
    return { statusCode: 200, body: company, headers: { etag: etagOf(company.version) } };
  },
});
