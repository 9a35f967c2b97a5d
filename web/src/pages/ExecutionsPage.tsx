import { useState, type FormEvent, type ReactElement } from 'react';
import type { ListedWorkflow, ListExecutionsResponse } from '../../../contracts/ops';
import type { Role } from '../../../contracts/tenantGrant';
import { api, queryOf } from '../api/apiClient';
import { executionPath, formatDuration, formatTime } from '../app/format';
import { useCaller } from '../app/CallerContext';
import { Link, setQuery, useLocation } from '../app/router';
import { useApi } from '../app/useApi';
import { usePages } from '../app/usePages';
import { ErrorBanner } from '../components/ErrorBanner';
import { Pager } from '../components/Pager';
import { StatusBadge } from '../components/StatusBadge';

/** The tabs, each for the roles the API lets list it (tasks/ops/executionAccess.ts): billing for who may read billing runs, the saga for ops. */
const WORKFLOWS: ReadonlyArray<{ readonly key: ListedWorkflow; readonly label: string; readonly roles?: readonly Role[] }> = [
  { key: 'emission', label: 'Emission' },
  { key: 'cancellation', label: 'Cancellation' },
  { key: 'substitution', label: 'Substitution' },
  { key: 'billingCycle', label: 'Billing cycle', roles: ['ops', 'admin'] },
  { key: 'cnpjSync', label: 'CNPJ sync', roles: ['ops', 'admin'] },
  { key: 'orderSaga', label: 'Order saga', roles: ['ops'] },
];
const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;
/** How often the list reloads while auto-refresh is on (the Step Functions console refreshes by hand; ops asked for it). */
const REFRESH_MS = 5000;
const FINDERS = ['name', 'from', 'to'] as const;
type Finders = Record<(typeof FINDERS)[number], string>;

/** `/executions`: a workflow's executions, newest first, by status, name (an invoice id) and start day, refreshing itself. */
export function ExecutionsPage(): ReactElement {
  const { search } = useLocation();
  const caller = useCaller();
  const tabs = WORKFLOWS.filter((w) => w.roles === undefined || w.roles.includes(caller.role));
  const workflow = search.get('workflow') ?? 'emission';
  const status = search.get('status') ?? '';
  const applied: Finders = { name: search.get('name') ?? '', from: search.get('from') ?? '', to: search.get('to') ?? '' };
  const [draft, setDraft] = useState<Finders>(applied);
  const [autoRefresh, setAutoRefresh] = useState(true);
  const filterKey = JSON.stringify([workflow, status, applied]);
  const pages = usePages(filterKey);
  const list = useApi(`${filterKey}|${pages.token ?? ''}`, () => api<ListExecutionsResponse>('GET', `/executions${queryOf({ workflow, status, ...applied, limit: 25, nextToken: pages.token })}`), {
    pollMs: autoRefresh ? REFRESH_MS : undefined,
  });
  const find = (event: FormEvent): void => {
    event.preventDefault();
    setQuery({ ...draft, name: draft.name.trim() });
  };
  const finder = (name: keyof Finders) => ({ id: `find-${name}`, name, value: draft[name], onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }) });
  const items = list.data?.items ?? [];
  const filtered = applied.name !== '' || applied.from !== '' || applied.to !== '' || status !== '';
  return (
    <section>
      <h1>Executions</h1>
      <div className="tabs" role="tablist" aria-label="Workflow">
        {tabs.map((w) => (
          <button key={w.key} type="button" role="tab" aria-selected={workflow === w.key} className={workflow === w.key ? 'tab tab-current' : 'tab'} onClick={() => setQuery({ workflow: w.key })}>
            {w.label}
          </button>
        ))}
      </div>
      <form className="filters card" onSubmit={find} aria-label="Find executions">
        <div className="field">
          <label htmlFor="find-name">Name or invoice</label>
          <input {...finder('name')} type="search" placeholder="01K… (starts with)" spellCheck={false} autoComplete="off" />
        </div>
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
        <div className="field">
          <label htmlFor="find-from">Started from</label>
          <input {...finder('from')} type="date" />
        </div>
        <div className="field">
          <label htmlFor="find-to">to</label>
          <input {...finder('to')} type="date" />
        </div>
        <div className="field field-actions">
          <button type="submit" className="button button-primary">
            Find
          </button>
        </div>
        <div className="field field-actions">
          <label className="field-checkbox">
            <input
              type="checkbox"
              checked={autoRefresh}
              onChange={(e) => {
                setAutoRefresh(e.target.checked);
                // Polling stopped while it was off: start it again now.
                if (e.target.checked) list.reload();
              }}
            /> Auto-refresh every {REFRESH_MS / 1000} s
          </label>
          <button type="button" className="button" onClick={list.reload} disabled={list.loading}>
            Refresh
          </button>
        </div>
      </form>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      <div className="table-wrap">
        <table className="table" data-testid="executions-table" aria-busy={list.loading && list.data === undefined}>
          <caption className="visually-hidden">{workflow} executions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Error</th>
              <th scope="col">Started</th>
              <th scope="col">Duration</th>
              <th scope="col">Redrives</th>
            </tr>
          </thead>
          <tbody>
            {items.map((execution) => (
              <tr key={execution.executionArn} data-execution={execution.name}>
                <td>
                  <Link to={executionPath(execution.executionArn)} className="mono">
                    {execution.name}
                  </Link>
                </td>
                <td>
                  <StatusBadge status={execution.status} />
                </td>
                <td className="execution-error-cell" data-testid="execution-list-error">
                  {execution.error !== undefined ? (
                    <>
                      <code>{execution.error}</code>
                      {execution.cause !== undefined && <span className="muted cause-line">{execution.cause}</span>}
                    </>
                  ) : (
                    ''
                  )}
                </td>
                <td>{formatTime(execution.startDate)}</td>
                <td>{formatDuration(execution.startDate, execution.stopDate)}</td>
                <td>{execution.redriveCount ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data === undefined && list.error === undefined && (
          <p className="loading" role="status" data-testid="executions-loading">
            <span className="spinner" aria-hidden="true" /> Loading executions…
          </p>
        )}
        {list.data !== undefined && items.length === 0 && <p className="empty">{filtered ? (list.data.nextToken !== undefined ? 'None among the newest executions read; Next → reads further.' : 'No execution matches.') : 'No executions yet.'}</p>}
      </div>
      <Pager page={pages.page} hasNext={list.data?.nextToken !== undefined} onPrevious={pages.previous} onNext={() => list.data?.nextToken !== undefined && pages.next(list.data.nextToken)} />
    </section>
  );
}
