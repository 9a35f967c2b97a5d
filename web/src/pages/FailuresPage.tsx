import { useState, type ReactElement } from 'react';
import type { FailuresResponse, ReprocessFailuresResponse } from '../../../contracts/ops';
import { api } from '../api/apiClient';
import { executionPath, formatTime } from '../app/format';
import { Link } from '../app/router';
import { useApi } from '../app/useApi';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorBanner } from '../components/ErrorBanner';

/**
 * `/failures` (ops): the invoices on the failures queue with the city's or the platform's error,
 * reprocessed selected or all. An invoice that failed through the workflow's failure path is
 * reprocessed (a new execution, same RPS); an execution that failed at an infrastructure state is
 * redriven from its page instead, as the architecture says.
 */
export function FailuresPage(): ReactElement {
  const failures = useApi('failures', () => api<FailuresResponse>('GET', '/ops/failures'));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [result, setResult] = useState<ReprocessFailuresResponse | undefined>(undefined);
  const items = failures.data?.items ?? [];

  const reprocess = async (body: { all: true } | { invoiceIds: string[] }): Promise<void> => {
    const answer = await api<ReprocessFailuresResponse>('POST', '/ops/failures/reprocess', body);
    setResult(answer);
    setSelected(new Set());
    failures.reload();
  };
  const toggle = (invoiceId: string): void => {
    const next = new Set(selected);
    if (next.has(invoiceId)) next.delete(invoiceId);
    else next.add(invoiceId);
    setSelected(next);
  };

  return (
    <section>
      <div className="title-row">
        <h1>Failures</h1>
        <button type="button" className="button" onClick={failures.reload}>
          Refresh
        </button>
        <ConfirmButton
          label={`Reprocess selected (${selected.size})`}
          title="Reprocess the selected invoices?"
          description={`${selected.size} invoice(s) get a new emission execution with the same RPS; the city recognises a resend, so none is issued twice.`}
          confirmLabel="Reprocess"
          disabled={selected.size === 0}
          onConfirm={() => reprocess({ invoiceIds: [...selected] })}
        />
        <ConfirmButton
          label="Reprocess all"
          title="Reprocess every failed invoice on the queue?"
          description="Each invoice on the failures queue gets a new emission execution."
          confirmLabel="Reprocess all"
          disabled={items.length === 0}
          onConfirm={() => reprocess({ all: true })}
        />
      </div>
      {result !== undefined && (
        <div className="banner banner-ok" role="status" data-testid="reprocess-result">
          Started {result.started.length} execution(s)
          {result.skipped.length > 0 && `, skipped ${result.skipped.length}: ${result.skipped.map((s) => `${s.invoiceId} (${s.reason})`).join('; ')}`}.
        </div>
      )}
      <ErrorBanner error={failures.error} onRetry={failures.reload} />
      <div className="table-wrap">
        <table className="table" data-testid="failures-table">
          <caption className="visually-hidden">Invoices waiting on the failures queue</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Select</span>
              </th>
              <th scope="col">Invoice</th>
              <th scope="col">Workflow</th>
              <th scope="col">Error</th>
              <th scope="col">Failed</th>
              <th scope="col">Execution</th>
            </tr>
          </thead>
          <tbody>
            {items.map((failure) => (
              <tr key={`${failure.invoiceId}-${failure.executionArn}`}>
                <td>
                  <input type="checkbox" checked={selected.has(failure.invoiceId)} onChange={() => toggle(failure.invoiceId)} aria-label={`Select invoice ${failure.invoiceId}`} />
                </td>
                <td>
                  <Link to={`/invoices/${failure.invoiceId}`} className="mono">
                    {failure.invoiceId}
                  </Link>
                </td>
                <td>{failure.workflow}</td>
                <td>
                  <strong>{failure.error.code}</strong> <span className="muted">{failure.error.message}</span>
                </td>
                <td>{formatTime(failure.failedAt)}</td>
                <td>
                  <Link to={executionPath(failure.executionArn)} aria-label={`Open the execution that failed invoice ${failure.invoiceId}`}>
                    open
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {failures.data !== undefined && items.length === 0 && <p className="empty">The failures queue is empty.</p>}
      </div>
    </section>
  );
}
