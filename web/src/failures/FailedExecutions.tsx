import { useState, type ReactElement } from 'react';
import type { FailedExecutionsResponse, RedriveExecutionsResponse } from '../../../contracts/ops';
import { api } from '../api/apiClient';
import { executionPath, formatTime } from '../app/format';
import { Link } from '../app/router';
import { useApi } from '../app/useApi';
import { useSelection } from '../app/useSelection';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorBanner } from '../components/ErrorBanner';
import { StatusBadge } from '../components/StatusBadge';

/**
 * The executions that failed inside their workflow (an infrastructure state: the Data API down,
 * DynamoDB throttled past its retries), beside the failures queue: their remedy is a redrive,
 * which resumes each at the state that failed, so the city is not asked again.
 */
export function FailedExecutions(): ReactElement {
  const failed = useApi('failed-executions', () => api<FailedExecutionsResponse>('GET', '/ops/failed-executions'));
  const { selected, toggle, clear } = useSelection();
  const [result, setResult] = useState<RedriveExecutionsResponse | undefined>(undefined);
  const items = failed.data?.items ?? [];
  const redrive = async (body: { all: true } | { executions: string[] }): Promise<void> => {
    setResult(await api<RedriveExecutionsResponse>('POST', '/ops/failed-executions/redrive', body));
    clear();
    failed.reload();
  };
  const what = 'Each resumes at the state where it failed, with the same input; states that succeeded are not run again, so the city is not asked twice.';
  return (
    <section className="section-gap" aria-labelledby="failed-executions-title">
      <div className="title-row">
        <h2 id="failed-executions-title">Failed executions</h2>
        <ConfirmButton label={`Redrive selected (${selected.size})`} title="Redrive the selected executions?" description={what} confirmLabel="Redrive" disabled={selected.size === 0} onConfirm={() => redrive({ executions: [...selected] })} />
        <ConfirmButton label="Redrive all" title={`Redrive all ${items.length} failed execution(s)?`} description={what} confirmLabel="Redrive all" disabled={items.length === 0} onConfirm={() => redrive({ all: true })} />
      </div>
      <p className="muted">Executions that failed at an infrastructure state (the reporting database, DynamoDB, EventBridge past their retries). Their invoices are not on the queue above: a redrive finishes them.</p>
      {result !== undefined && (
        <div className="banner banner-ok" role="status" data-testid="redrive-result">
          Redrove {result.redriven.length} execution(s){result.skipped.length > 0 && `, skipped ${result.skipped.length}: ${result.skipped.map((s) => `${s.execution} (${s.reason})`).join('; ')}`}.
        </div>
      )}
      <ErrorBanner error={failed.error} onRetry={failed.reload} />
      <div className="table-wrap">
        <table className="table" data-testid="failed-executions-table">
          <caption className="visually-hidden">Executions that failed inside their workflow</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Select</span>
              </th>
              <th scope="col">Execution</th>
              <th scope="col">Workflow</th>
              <th scope="col">Status</th>
              <th scope="col">Failed at</th>
              <th scope="col">Error</th>
              <th scope="col">Stopped</th>
            </tr>
          </thead>
          <tbody>
            {items.map((execution) => (
              <tr key={execution.executionArn} data-execution={execution.name}>
                <td>
                  <input type="checkbox" checked={selected.has(execution.executionArn)} onChange={() => toggle(execution.executionArn)} aria-label={`Select execution ${execution.name}`} />
                </td>
                <td>
                  <Link to={executionPath(execution.executionArn)} className="mono">
                    {execution.name}
                  </Link>
                </td>
                <td>{execution.workflow}</td>
                <td>
                  <StatusBadge status={execution.status} />
                </td>
                <td className="mono">{execution.failedState ?? '—'}</td>
                <td>
                  <strong>{execution.error ?? '—'}</strong> <span className="muted">{execution.cause?.slice(0, 160)}</span>
                </td>
                <td>{formatTime(execution.stopDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {failed.data !== undefined && items.length === 0 && <p className="empty">No execution failed at an infrastructure state.</p>}
      </div>
    </section>
  );
}
