import type { ReactElement } from 'react';
import type { ListExecutionsResponse } from '../../../contracts/ops';
import { api, queryOf } from '../api/apiClient';
import { executionPath, formatDuration, formatTime } from '../app/format';
import { Link, setQuery, useLocation } from '../app/router';
import { useApi } from '../app/useApi';
import { usePages } from '../app/usePages';
import { ErrorBanner } from '../components/ErrorBanner';
import { Pager } from '../components/Pager';
import { StatusBadge } from '../components/StatusBadge';

const WORKFLOWS = [
  { key: 'emission', label: 'Emission' },
  { key: 'cancellation', label: 'Cancellation' },
] as const;
const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/** `/executions`: a workflow's executions, newest first, by status. */
export function ExecutionsPage(): ReactElement {
  const { search } = useLocation();
  const workflow = search.get('workflow') ?? 'emission';
  const status = search.get('status') ?? '';
  const filterKey = `${workflow}|${status}`;
  const pages = usePages(filterKey);
  const list = useApi(`${filterKey}|${pages.token ?? ''}`, () => api<ListExecutionsResponse>('GET', `/executions${queryOf({ workflow, status, limit: 25, nextToken: pages.token })}`), {
    pollMs: 3000,
    keepPolling: (data) => data.items.some((item) => item.status === 'RUNNING'),
  });
  return (
    <section>
      <h1>Executions</h1>
      <div className="tabs" role="tablist" aria-label="Workflow">
        {WORKFLOWS.map((w) => (
          <button key={w.key} type="button" role="tab" aria-selected={workflow === w.key} className={workflow === w.key ? 'tab tab-current' : 'tab'} onClick={() => setQuery({ workflow: w.key })}>
            {w.label}
          </button>
        ))}
      </div>
      <div className="filters card">
        <div className="field">
          <label htmlFor="execution-status">Status</label>
          <select id="execution-status" value={status} onChange={(e) => setQuery({ status: e.target.value })}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      <div className="table-wrap">
        <table className="table" data-testid="executions-table">
          <caption className="visually-hidden">{workflow} executions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Duration</th>
              <th scope="col">Redrives</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((execution) => (
              <tr key={execution.executionArn}>
                <td>
                  <Link to={executionPath(execution.executionArn)} className="mono">
                    {execution.name}
                  </Link>
                </td>
                <td>
                  <StatusBadge status={execution.status} />
                </td>
                <td>{formatTime(execution.startDate)}</td>
                <td>{formatDuration(execution.startDate, execution.stopDate)}</td>
                <td>{execution.redriveCount ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data !== undefined && list.data.items.length === 0 && <p className="empty">No executions.</p>}
      </div>
      <Pager page={pages.page} hasNext={list.data?.nextToken !== undefined} onPrevious={pages.previous} onNext={() => list.data?.nextToken !== undefined && pages.next(list.data.nextToken)} />
    </section>
  );
}
