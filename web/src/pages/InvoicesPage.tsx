import { useState, type FormEvent, type ReactElement } from 'react';
import type { ListInvoicesResponse } from '../../../contracts/listInvoices';
import { INVOICE_STATUS } from '../../../contracts/invoiceStatus';
import { api, queryOf } from '../api/apiClient';
import { useCaller } from '../app/CallerContext';
import { formatCnpj, formatMoney, formatTime, providerLabel } from '../app/format';
import { Link, setQuery, useLocation } from '../app/router';
import { useApi } from '../app/useApi';
import { usePages } from '../app/usePages';
import { ErrorBanner } from '../components/ErrorBanner';
import { Pager } from '../components/Pager';
import { StatusBadge } from '../components/StatusBadge';
import { CsvExport } from '../invoices/CsvExport';

const FILTERS = ['companyCnpj', 'status', 'municipalityCode', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** `/invoices`: a company's invoices, newest first, filtered by status, municipality and dates. */
export function InvoicesPage(): ReactElement {
  const caller = useCaller();
  const { search } = useLocation();
  const applied: Filters = {
    companyCnpj: search.get('companyCnpj') ?? caller.cnpjs[0] ?? '',
    status: search.get('status') ?? '',
    municipalityCode: search.get('municipalityCode') ?? '',
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
  };
  const [draft, setDraft] = useState<Filters>(applied);
  const filterKey = JSON.stringify(applied);
  const pages = usePages(filterKey);
  const list = useApi(`${filterKey}|${pages.token ?? ''}`, () => api<ListInvoicesResponse>('GET', `/invoices${queryOf({ ...applied, limit: 25, nextToken: pages.token })}`));

  // The company is always set: only the other filters make an empty list "no match" rather than "none yet".
  const filtered = applied.status !== '' || applied.municipalityCode !== '' || applied.from !== '' || applied.to !== '';
  const apply = (event: FormEvent): void => {
    event.preventDefault();
    setQuery(draft);
  };
  const field = (name: keyof Filters) => ({ id: `filter-${name}`, name, value: draft[name], onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }) });

  return (
    <section>
      <h1>Invoices</h1>
      <form className="filters card" onSubmit={apply} aria-label="Filter invoices">
        <div className="field">
          <label htmlFor="filter-companyCnpj">Company (CNPJ)</label>
          {caller.allCompanies ? <input {...field('companyCnpj')} inputMode="text" list="granted-companies" placeholder="14 characters" /> : (
            <select {...field('companyCnpj')}>
              {caller.cnpjs.map((cnpj) => (
                <option key={cnpj} value={cnpj}>
                  {formatCnpj(cnpj)}
                </option>
              ))}
            </select>
          )}
          <datalist id="granted-companies">
            {caller.cnpjs.map((cnpj) => (
              <option key={cnpj} value={cnpj} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select {...field('status')}>
            <option value="">Any</option>
            {Object.values(INVOICE_STATUS).map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-municipalityCode">Municipality (IBGE)</label>
          <input {...field('municipalityCode')} inputMode="numeric" pattern="\d{7}" placeholder="3550308" />
        </div>
        <div className="field">
          <label htmlFor="filter-from">From</label>
          <input {...field('from')} type="date" />
        </div>
        <div className="field">
          <label htmlFor="filter-to">To</label>
          <input {...field('to')} type="date" />
        </div>
        <div className="field field-actions">
          <button type="submit" className="button button-primary">
            Apply
          </button>
        </div>
      </form>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      <div className="list-actions">
        <CsvExport applied={applied} />
      </div>
      <div className="table-wrap">
        <table className="table" data-testid="invoices-table">
          <caption className="visually-hidden">Invoices of {formatCnpj(applied.companyCnpj)}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Status</th>
              <th scope="col">Total</th>
              <th scope="col">Municipality</th>
              <th scope="col">System</th>
              <th scope="col">Created</th>
              <th scope="col">NFS-e</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((invoice) => (
              <tr key={invoice.invoiceId}>
                <td>
                  <Link to={`/invoices/${invoice.invoiceId}`} className="mono">
                    {invoice.invoiceId}
                  </Link>
                </td>
                <td>
                  <StatusBadge status={invoice.status} />
                  {invoice.errorCode !== undefined && (
                    <span className="muted cause-line" data-testid="invoice-list-error">
                      {invoice.status === 'ISSUED' ? 'Cancellation refused: ' : ''}
                      {invoice.errorMessage ?? invoice.errorCode} ({invoice.errorCode})
                    </span>
                  )}
                </td>
                <td className="num">{formatMoney(invoice.total)}</td>
                <td>{invoice.municipalityCode}</td>
                <td>{providerLabel(invoice.provider) ?? '—'}</td>
                <td>{formatTime(invoice.createdAt)}</td>
                <td>{invoice.nfseNumber ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data !== undefined && list.data.items.length === 0 && <p className="empty">{filtered ? 'No invoices match these filters.' : `No invoices yet for ${formatCnpj(applied.companyCnpj)}.`}</p>}
        {list.loading && list.data === undefined && (
          <p className="loading" role="status">
            <span className="spinner" aria-hidden="true" /> Loading invoices…
          </p>
        )}
      </div>
      <Pager page={pages.page} hasNext={list.data?.nextToken !== undefined} onPrevious={pages.previous} onNext={() => list.data?.nextToken !== undefined && pages.next(list.data.nextToken)} />
    </section>
  );
}
