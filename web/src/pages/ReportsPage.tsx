import { useState, type FormEvent, type ReactElement } from 'react';
import type { RevenueReport } from '../../../contracts/listInvoices';
import { api, queryOf } from '../api/apiClient';
import { useCaller } from '../app/CallerContext';
import { formatCnpj, formatMoney } from '../app/format';
import { setQuery, useLocation } from '../app/router';
import { useApi } from '../app/useApi';
import { ErrorBanner } from '../components/ErrorBanner';

/** This month in the reader's calendar, `YYYY-MM`. */
function thisMonth(now: Date): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** `/reports`: a company's revenue of a month by municipality (`GET /reports/revenue`, from Aurora), as a page. */
export function ReportsPage(): ReactElement {
  const caller = useCaller();
  const { search } = useLocation();
  const month = search.get('month') ?? thisMonth(new Date());
  const companyCnpj = search.get('companyCnpj') ?? caller.cnpjs[0] ?? '';
  const [draft, setDraft] = useState({ month, companyCnpj });
  const report = useApi(`revenue:${month}:${companyCnpj}`, () => api<RevenueReport>('GET', `/reports/revenue${queryOf({ month, companyCnpj })}`));
  const apply = (event: FormEvent): void => {
    event.preventDefault();
    setQuery(draft);
  };
  const rows = report.data?.rows ?? [];
  return (
    <section>
      <h1>Revenue</h1>
      <form className="filters card" onSubmit={apply} aria-label="Choose the report">
        <div className="field">
          <label htmlFor="report-month">Month</label>
          <input id="report-month" type="month" value={draft.month} onChange={(e) => setDraft({ ...draft, month: e.target.value })} required />
        </div>
        <div className="field">
          <label htmlFor="report-company">Company (CNPJ)</label>
          {caller.allCompanies ? (
            <input id="report-company" value={draft.companyCnpj} onChange={(e) => setDraft({ ...draft, companyCnpj: e.target.value })} placeholder="14 characters" />
          ) : (
            <select id="report-company" value={draft.companyCnpj} onChange={(e) => setDraft({ ...draft, companyCnpj: e.target.value })}>
              {caller.cnpjs.map((cnpj) => (
                <option key={cnpj} value={cnpj}>
                  {formatCnpj(cnpj)}
                </option>
              ))}
            </select>
          )}
        </div>
        <div className="field field-actions">
          <button type="submit" className="button button-primary">
            Show
          </button>
        </div>
      </form>
      <p className="muted">ISSUED invoices of the month (UTC), by the municipality that issued them; cancelled ones are left out.</p>
      <ErrorBanner error={report.error} onRetry={report.reload} />
      <div className="table-wrap">
        <table className="table" data-testid="revenue-table">
          <caption className="visually-hidden">
            Revenue of {formatCnpj(companyCnpj)} in {month}
          </caption>
          <thead>
            <tr>
              <th scope="col">Municipality (IBGE)</th>
              <th scope="col" className="num">
                Invoices
              </th>
              <th scope="col" className="num">
                Revenue
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.municipalityCode} data-municipality={row.municipalityCode}>
                <td>{row.municipalityCode}</td>
                <td className="num">{row.invoices}</td>
                <td className="num">{formatMoney(row.revenue)}</td>
              </tr>
            ))}
          </tbody>
          {report.data !== undefined && rows.length > 0 && (
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="num">{rows.reduce((sum, row) => sum + row.invoices, 0)}</td>
                <td className="num" data-testid="revenue-total">
                  {formatMoney(report.data.total)}
                </td>
              </tr>
            </tfoot>
          )}
        </table>
        {report.data === undefined && report.error === undefined && (
          <p className="loading" role="status">
            <span className="spinner" aria-hidden="true" /> Loading the report…
          </p>
        )}
        {report.data !== undefined && rows.length === 0 && <p className="empty">No invoice issued in {month}.</p>}
      </div>
    </section>
  );
}
