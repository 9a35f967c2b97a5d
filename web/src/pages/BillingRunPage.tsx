import type { ReactElement } from 'react';
import type { BillingRunDetail } from '../../../clients/typescript/src';
import { settle, typedApi } from '../api/typedClient';
import { executionPath, formatCentavos, formatCnpj, formatDuration, formatTime } from '../app/format';
import { Link } from '../app/router';
import { useApi } from '../app/useApi';
import { HeldByBadge } from '../billing/HeldByBadge';
import { ReprocessCompaniesButton } from '../billing/ReprocessCompaniesButton';
import { ErrorBanner } from '../components/ErrorBanner';
import { StatusBadge } from '../components/StatusBadge';

/** How often the page reloads while the run runs (as the order and execution pages do). */
const REFRESH_MS = 2000;

/** Where a company's emission executions are listed: the emission workflow's, by the invoice's id (its first and its reprocesses). */
function emissionExecutionsPath(invoiceId: string): string {
  return `/executions?workflow=emission&name=${encodeURIComponent(invoiceId)}`;
}

/**
 * `/billing/runs/{id}` (ops and admins): a run, its execution, and each company of its month as
 * recorded now (invoiced with its invoice, skipped, failed with its error), refreshing while it
 * runs. A run that found its month held by another run says so and links to that run. Failed companies are reprocessed from here, one or all: a new run for those companies.
 */
export function BillingRunPage(props: { readonly runId: string }): ReactElement {
  const run = useApi(`billing-run:${props.runId}`, () => settle(typedApi().GET('/billing/runs/{id}', { params: { path: { id: props.runId } } })), {
    pollMs: REFRESH_MS,
    keepPolling: (data: BillingRunDetail) => data.status === 'RUNNING',
  });
  const view = run.data;
  const failed = (view?.companies ?? []).filter((company) => company.status === 'failed').map((company) => company.empresaId);
  // A second run of the month while this one runs is refused (409): reprocess once it ended.
  const running = view?.status === 'RUNNING';
  return (
    <section>
      <div className="title-row">
        <h1>Billing run {props.runId}</h1>
        <button type="button" className="button" onClick={run.reload}>
          Refresh
        </button>
        {view !== undefined && failed.length > 0 && (
          <ReprocessCompaniesButton competencia={view.competencia} empresaIds={failed} label={`Reprocess all failed (${failed.length})`} disabled={running} />
        )}
      </div>
      <ErrorBanner error={run.error} onRetry={run.reload} />
      {view !== undefined && (
        <>
          <dl className="fields" data-testid="billing-run-facts">
            <dt>Status</dt>
            <dd data-testid="billing-run-status">
              <StatusBadge status={view.status} />
            </dd>
            <dt>Competência</dt>
            <dd>{view.competencia}</dd>
            <dt>Trigger</dt>
            <dd>{view.trigger}</dd>
            <dt>Started</dt>
            <dd>
              {formatTime(view.startDate)} ({formatDuration(view.startDate, view.stopDate)})
            </dd>
            <dt>Execution</dt>
            <dd className="mono">
              <Link to={executionPath(view.executionArn)}>{view.runId}</Link>
            </dd>
            <dt>Summary</dt>
            <dd data-testid="billing-run-summary">
              {view.heldBy !== undefined ? (
                <>
                  <HeldByBadge heldBy={view.heldBy} /> Did nothing: that run was billing the month.
                </>
              ) : view.summary !== undefined ? (
                `${view.summary.companies} ${view.summary.companies === 1 ? 'company' : 'companies'}: ${view.summary.invoiced} invoiced, ${view.summary.skipped} skipped, ${view.summary.failed.length} failed`
              ) : (
                'when the run ends'
              )}
            </dd>
          </dl>
          <h2>Companies of {view.competencia}</h2>
          <p className="muted">Each company of the month as recorded now: a later run of the month (a reprocess) shows here too, with the run that last changed it.</p>
          <div className="table-wrap">
            <table className="table" data-testid="billing-companies-table">
              <caption className="visually-hidden">Each company of the month with its outcome, total, invoice and error</caption>
              <thead>
                <tr>
                  <th scope="col">Company</th>
                  <th scope="col">CNPJ</th>
                  <th scope="col">Outcome</th>
                  <th scope="col" className="num">
                    Total
                  </th>
                  <th scope="col">Invoice</th>
                  <th scope="col">Executions</th>
                  <th scope="col">Error</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.companies.map((company) => (
                  <tr key={company.empresaId} data-empresa={company.empresaId}>
                    <td className="mono">{company.empresaId}</td>
                    <td className="mono nowrap">{formatCnpj(company.cnpj)}</td>
                    <td>
                      <StatusBadge status={company.status} />
                    </td>
                    <td className="num">{formatCentavos(company.totalCentavos)}</td>
                    <td className="mono">
                      {company.invoiceId !== undefined ? <Link to={`/invoices/${encodeURIComponent(company.invoiceId)}`}>{company.invoiceId}</Link> : '—'}
                      {company.nfseNumber !== undefined && <span className="muted"> NFS-e {company.nfseNumber}</span>}
                    </td>
                    <td>
                      {company.invoiceId !== undefined && (
                        <Link to={emissionExecutionsPath(company.invoiceId)} aria-label={`Emission executions of company ${company.empresaId}`}>
                          emission
                        </Link>
                      )}
                      {company.invoiceId !== undefined && company.executionArn !== undefined && ' · '}
                      {company.executionArn !== undefined && (
                        <Link to={executionPath(company.executionArn)} title={`The billing run that last recorded company ${company.empresaId}`} className="mono">
                          {company.executionArn.split(':').at(-1)}
                        </Link>
                      )}
                    </td>
                    <td data-testid="billing-company-error">
                      {company.error !== undefined ? (
                        <>
                          <code>{company.error.code}</code> {company.error.message}
                        </>
                      ) : (
                        ''
                      )}
                    </td>
                    <td>
                      {company.status === 'failed' && (
                        <ReprocessCompaniesButton competencia={view.competencia} empresaIds={[company.empresaId]} label="Reprocess" ariaLabel={`Reprocess company ${company.empresaId}`} disabled={running} quiet />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {view.companies.length === 0 && <p className="empty">{running ? 'No company recorded yet: the run is fetching the month’s usage.' : 'No company was billed for this month.'}</p>}
          </div>
        </>
      )}
    </section>
  );
}
