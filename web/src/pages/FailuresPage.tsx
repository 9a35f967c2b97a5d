import { useState, type ReactElement } from 'react';
import type { CorrectedInvoice, FailureEntry, FailuresResponse, ReprocessFailuresResponse } from '../../../contracts/ops';
import { api } from '../api/apiClient';
import { executionPath, formatTime } from '../app/format';
import { Link } from '../app/router';
import { useApi } from '../app/useApi';
import { useSelection } from '../app/useSelection';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorBanner } from '../components/ErrorBanner';
import { StatusBadge } from '../components/StatusBadge';
import { CorrectButton } from '../failures/CorrectButton';
import { DismissButton } from '../failures/DismissButton';
import { FailedExecutions } from '../failures/FailedExecutions';
import { reprocessDescription } from '../failures/reprocessDescription';

const STATES: Readonly<Record<FailureEntry['state'], string>> = { open: 'open', inProgress: 'in progress', resolved: 'resolved' };

/**
 * `/failures` (ops): what failed and waits for someone. The failures queue, each entry with where
 * its invoice is now: open ones are reprocessed (an emission with the same RPS, a refused
 * cancellation as a new cancel request), corrected and re-emitted under a new RPS (a permanent
 * error only) or dismissed with a reason; resolved ones leave the queue. Below it, the executions
 * that failed at an infrastructure state, redriven one by one or all at once.
 */
export function FailuresPage(): ReactElement {
  const failures = useApi('failures', () => api<FailuresResponse>('GET', '/ops/failures'));
  const { selected, toggle, clear } = useSelection();
  const [result, setResult] = useState<ReprocessFailuresResponse | undefined>(undefined);
  const [corrected, setCorrected] = useState<CorrectedInvoice | undefined>(undefined);
  const items = failures.data?.items ?? [];
  const reprocessable = items.filter((entry) => entry.actions.includes('reprocess'));
  const chosen = reprocessable.filter((entry) => selected.has(entry.invoiceId));

  const reprocess = async (body: { all: true } | { invoiceIds: string[] }): Promise<void> => {
    const answer = await api<ReprocessFailuresResponse>('POST', '/ops/failures/reprocess', body);
    setResult(answer);
    clear();
    failures.reload();
  };

  return (
    <section>
      <div className="title-row">
        <h1>Failures</h1>
        <button type="button" className="button" onClick={failures.reload}>
          Refresh
        </button>
        <ConfirmButton
          label={`Reprocess selected (${chosen.length})`}
          title="Reprocess the selected failures?"
          description={reprocessDescription(chosen)}
          confirmLabel="Reprocess"
          disabled={chosen.length === 0}
          onConfirm={() => reprocess({ invoiceIds: chosen.map((entry) => entry.invoiceId) })}
        />
        <ConfirmButton
          label="Reprocess all"
          title="Reprocess every open failure on the queue?"
          description={reprocessDescription(reprocessable)}
          confirmLabel="Reprocess all"
          disabled={reprocessable.length === 0}
          onConfirm={() => reprocess({ all: true })}
        />
      </div>
      {result !== undefined && (
        <div className="banner banner-ok" role="status" data-testid="reprocess-result">
          Started {result.started.length} execution(s)
          {result.skipped.length > 0 && `, skipped ${result.skipped.length}: ${result.skipped.map((s) => `${s.invoiceId} (${s.reason})`).join('; ')}`}.
        </div>
      )}
      {corrected !== undefined && (
        <div className="banner banner-ok" role="status" data-testid="correct-result">
          Invoice {corrected.invoiceId} re-emitted under RPS {corrected.rps.serie}/{corrected.rps.numero} ({corrected.replacedRps.serie}/{corrected.replacedRps.numero} kept as replaced).{' '}
          <Link to={executionPath(corrected.executionArn)}>Follow its execution</Link>
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
              <th scope="col">State</th>
              <th scope="col">Error</th>
              <th scope="col">Failed</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <tr key={`${entry.invoiceId}-${entry.executionArn}`} data-invoice={entry.invoiceId} data-state={entry.state}>
                <td>
                  {entry.actions.includes('reprocess') && (
                    <input type="checkbox" checked={selected.has(entry.invoiceId)} onChange={() => toggle(entry.invoiceId)} aria-label={`Select invoice ${entry.invoiceId}`} />
                  )}
                </td>
                <td>
                  <Link to={`/invoices/${entry.invoiceId}`} className="mono">
                    {entry.invoiceId}
                  </Link>
                </td>
                <td>{entry.workflow}</td>
                <td>
                  {STATES[entry.state]} {entry.invoiceStatus !== undefined && <StatusBadge status={entry.invoiceStatus} />}
                  {entry.note !== undefined && <div className="muted">{entry.note}</div>}
                </td>
                <td>
                  <strong>{entry.error.code}</strong> <span className="muted">{entry.error.message}</span>
                </td>
                <td>{formatTime(entry.failedAt)}</td>
                <td>
                  {entry.actions.includes('correct') && (
                    <CorrectButton
                      entry={entry}
                      onDone={(answer) => {
                        setCorrected(answer);
                        failures.reload();
                      }}
                    />
                  )}{' '}
                  {entry.actions.includes('dismiss') && <DismissButton entry={entry} onDone={failures.reload} />}{' '}
                  <Link to={executionPath(entry.executionArn)} aria-label={`Open the execution that failed invoice ${entry.invoiceId}`}>
                    execution
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {failures.data !== undefined && items.length === 0 && <p className="empty">The failures queue is empty.</p>}
      </div>
      <FailedExecutions />
    </section>
  );
}
