import type { ReactElement } from 'react';
import type { ListCompaniesResponse } from '../../../contracts/company';
import { api, queryOf } from '../api/apiClient';
import { useCaller } from '../app/CallerContext';
import { formatCnpj } from '../app/format';
import { Link } from '../app/router';
import { useApi } from '../app/useApi';
import { usePages } from '../app/usePages';
import { CertificateBadge } from '../companies/CertificateBadge';
import { ErrorBanner } from '../components/ErrorBanner';
import { Pager } from '../components/Pager';

/** `/companies`: the caller's companies (ops: every company, a page at a time) with their certificate's status and days left. */
export function CompaniesPage(): ReactElement {
  const caller = useCaller();
  const pages = usePages('companies');
  const list = useApi(`companies|${pages.token ?? ''}`, () => api<ListCompaniesResponse>('GET', `/companies${queryOf({ limit: 50, nextToken: pages.token })}`));
  const items = list.data?.items ?? [];
  return (
    <section>
      <h1>Companies</h1>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      <div className="table-wrap">
        <table className="table" data-testid="companies-table">
          <caption className="visually-hidden">{caller.allCompanies ? 'Every company' : 'Your companies'}, by CNPJ</caption>
          <thead>
            <tr>
              <th scope="col">Company</th>
              <th scope="col">CNPJ</th>
              <th scope="col">Municipality (IBGE)</th>
              <th scope="col">A1 certificate</th>
            </tr>
          </thead>
          <tbody>
            {items.map((company) => (
              <tr key={company.cnpj} data-cnpj={company.cnpj}>
                <td>
                  <Link to={`/companies/${company.cnpj}`}>{company.razaoSocial}</Link>
                  {company.nomeFantasia !== undefined && <span className="muted"> {company.nomeFantasia}</span>}
                </td>
                <td className="mono">{formatCnpj(company.cnpj)}</td>
                <td>{company.municipalityCode}</td>
                <td>
                  <CertificateBadge certificate={company.certificate} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data !== undefined && items.length === 0 && <p className="empty">No company is registered for you yet.</p>}
        {list.loading && list.data === undefined && <p className="muted">Loading…</p>}
      </div>
      {caller.allCompanies && <Pager page={pages.page} hasNext={list.data?.nextToken !== undefined} onPrevious={pages.previous} onNext={() => list.data?.nextToken !== undefined && pages.next(list.data.nextToken)} />}
    </section>
  );
}
