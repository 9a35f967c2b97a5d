import type { ReactElement } from 'react';
import type { ListBillingRunsResponse } from '../../../clients/typescript/src';
import { settle, typedApi } from '../api/typedClient';
import { formatTime } from '../app/format';
import { Link } from '../app/router';
import { useApi } from '../app/useApi';
import { usePages } from '../app/usePages';
import { BillMonthForm } from '../billing/BillMonthForm';
import { HeldByBadge } from '../billing/HeldByBadge';
import { ErrorBanner } from '../components/ErrorBanner';
import { Pager } from '../components/Pager';
import { StatusBadge } from '../components/StatusBadge';

/** Runs per page: the API's and the CLI's default. */
const PAGE = 20;
/** How often the list reloads while a run of it is running. */
const REFRESH_MS = 3000;

/**
 * `/billing` (ops and admins): the usage billing runs, newest first, a page at a time as the API
 * pages them (its `nextToken`), with their month, trigger, status and summary (or, for a run that
 * found its month held by another run and did nothing, a "held by" badge linking to that run), and
 * the "Bill a month" form.
 */
export function BillingPage(): ReactElement {
  const pages = usePages('billing-runs');
  const list = useApi(`billing-runs:${pages.token ?? ''}`, () => settle(typedApi().GET('/billing/runs', { params: { query: { limit: PAGE, ...(pages.token !== undefined ? { nextToken: pages.token } : {}) } } })), {
    pollMs: REFRESH_MS,
    keepPolling: (data: ListBillingRunsResponse) => data.items.some((run) => run.status === 'RUNNING'),
  });
  const items = list.data?.items ?? [];
  return (
    <section>
      <div className="title-row">
        <h1>Billing</h1>
        <button type="button" className="button" onClick={list.reload} disabled={list.loading}>
          Refresh
        </button>
      </div>
      <h2>Bill a month</h2>
      <BillMonthForm />
      <h2>Runs</h2>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      <div className="table-wrap">
        <table className="table" data-testid="billing-runs-table" aria-busy={list.loading && list.data === undefined}>
          <caption className="visually-hidden">Billing runs, newest first, with their month, trigger, status and summary</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Competência</th>
              <th scope="col">Trigger</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Companies
              </th>
              <th scope="col" className="num">
                Invoiced
              </th>
              <th scope="col" className="num">
                Skipped
              </th>
              <th scope="col" className="num">
                Failed
              </th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {items.map((run) => (
              <tr key={run.runId} data-run={run.runId}>
                <td className="mono">
                  <Link to={`/billing/runs/${encodeURIComponent(run.runId)}`}>{run.runId}</Link>
                </td>
                <td>{run.competencia}</td>
                <td>{run.trigger}</td>
                <td>
                  <StatusBadge status={run.status} />
                  {run.heldBy !== undefined && (
                    <>
                      {' '}
                      <HeldByBadge heldBy={run.heldBy} />
                    </>
                  )}
                </td>
                <td className="num">{run.summary?.companies ?? '—'}</td>
                <td className="num">{run.summary?.invoiced ?? '—'}</td>
                <td className="num">{run.summary?.skipped ?? '—'}</td>
                <td className="num">{run.summary?.failed.length ?? '—'}</td>
                <td>{formatTime(run.startDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data === undefined && list.error === undefined && (
          <p className="loading" role="status">
            <span className="spinner" aria-hidden="true" /> Loading runs…
          </p>
        )}
        {list.data !== undefined && items.length === 0 && <p className="empty">No billing runs yet.</p>}
      </div>
      <Pager page={pages.page} hasNext={list.data?.nextToken !== undefined} onPrevious={pages.previous} onNext={() => list.data?.nextToken !== undefined && pages.next(list.data.nextToken)} />
    </section>
  );
}
