import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { PageTokens } from '../shared/PageTokens';
import { routeHandler } from '../shared/routeHandler';
import { getCompanyCertificate, putCompanyCertificate, type CertificateDeps } from './companyCertificate';
import { getCompanyFor, listCompanies, patchCompany, putCompany, type CompanyDeps } from './companyStore';
import { etagOf, ifMatchOf } from './ifMatchOf';

let pageTokens: PageTokens | undefined;

function deps(): CompanyDeps {
  return { ddb: awsClients().ddb, companiesTable: requireEnv(ENV.CompaniesTable), now: () => new Date() };
}

function certificateDeps(): CertificateDeps {
  const kmsKeyId = process.env[ENV.CertificateKmsKeyId];
  return {
    ...deps(),
    secrets: awsClients().secrets,
    secretPrefix: requireEnv(ENV.CertificateSecretPrefix),
    ...(kmsKeyId !== undefined && kmsKeyId !== '' ? { kmsKeyId } : {}),
  };
}

/** `/companies`: the companies (prestadores) a tenant issues invoices for, and their A1 certificates. */
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
  putCompanyCertificate: async ({ caller, path, body }) => {
    const { view, created } = await putCompanyCertificate(certificateDeps(), caller, path.cnpj, body);
    return created ? { statusCode: 201, body: view, headers: { location: `/companies/${path.cnpj}/certificate` } } : { statusCode: 200, body: view };
  },
  getCompanyCertificate: async ({ caller, path }) => ({ statusCode: 200, body: await getCompanyCertificate(deps(), caller, path.cnpj) }),
});
