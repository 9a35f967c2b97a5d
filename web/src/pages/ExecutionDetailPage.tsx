import { useState, type ReactElement } from 'react';
import type { ExecutionDetail, StartedExecution } from '../../../contracts/ops';
import { invoiceIdOfExecution } from '../../../contracts/executionNames';
import { api } from '../api/apiClient';
import { useCaller } from '../app/CallerContext';
import { executionPath } from '../app/format';
import { Link, navigate } from '../app/router';
import { useApi } from '../app/useApi';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorBanner } from '../components/ErrorBanner';
import { StatusBadge } from '../components/StatusBadge';
import { EventTable } from '../graph/EventTable';
import { ExecutionGraph } from '../graph/ExecutionGraph';
import { StateInspector } from '../graph/StateInspector';
import { StateTable } from '../graph/StateTable';
import { graphModelOf } from '../graph/useGraphModel';
import { ExecutionFailure, ExecutionOverview } from './ExecutionOverview';

/** What ops can do for this execution, with the architecture's reason. */
function Remedy(props: { readonly detail: ExecutionDetail; readonly canAct: boolean; readonly onChanged: () => void }): ReactElement | null {
  const { detail, canAct } = props;
  const invoiceId = invoiceIdOfExecution(detail.name);
  if (!canAct) return null;
  if (detail.status === 'RUNNING') {
    return (
      <ConfirmButton
        label="Stop"
        title="Stop this execution?"
        description="The execution is aborted where it is. The invoice keeps its current status; redrive the execution or reprocess the invoice afterwards."
        confirmLabel="Stop execution"
        danger
        onConfirm={async () => {
          await api<StartedExecution>('POST', `/ops/executions/${encodeURIComponent(detail.executionArn)}/stop`);
          props.onChanged();
        }}
      />
    );
  }
  if (detail.remedy === 'redrive') {
    return (
      <ConfirmButton
        label="Redrive"
        title="Redrive this execution?"
        description="It resumes at the state that failed, with the same input; states that succeeded are not run again, so the city is not asked twice."
        confirmLabel="Redrive"
        onConfirm={async () => {
          await api<StartedExecution>('POST', `/ops/executions/${encodeURIComponent(detail.executionArn)}/redrive`);
          props.onChanged();
        }}
      />
    );
  }
  if (detail.remedy === 'reprocess' && invoiceId !== undefined) {
    return (
      <ConfirmButton
        label="Reprocess invoice"
        title="Reprocess the invoice?"
        description="This execution went through its failure path on purpose: a redrive would only re-enter its Fail state. A new execution starts with the same RPS."
        confirmLabel="Reprocess"
        onConfirm={async () => {
          const started = await api<StartedExecution>('POST', `/ops/invoices/${encodeURIComponent(invoiceId)}/reprocess`);
          navigate(executionPath(started.executionArn));
        }}
      />
    );
  }
  return null;
}

/** The two views of the states, as the Step Functions console offers them. */
const VIEWS = [
  { key: 'graph', label: 'Graph view' },
  { key: 'table', label: 'Table view' },
] as const;

/** `/executions/{arn}`: the state machine drawn with what happened, live while it runs, and its events. */
export function ExecutionDetailPage(props: { readonly executionArn: string }): ReactElement {
  const caller = useCaller();
  const [selectedState, setSelectedState] = useState<string | undefined>(undefined);
  const [view, setView] = useState<'graph' | 'table'>('graph');
  const execution = useApi(`execution:${props.executionArn}`, () => api<ExecutionDetail>('GET', `/executions/${encodeURIComponent(props.executionArn)}`), {
    pollMs: 1000,
    keepPolling: (data) => data.status === 'RUNNING',
  });
  const detail = execution.data;
  if (detail === undefined) {
    return (
      <section>
        <h1>Execution</h1>
        <ErrorBanner error={execution.error} onRetry={execution.reload} />
        {execution.error === undefined && <p className="muted">Loading…</p>}
      </section>
    );
  }
  return (
    <section className="execution">
      <p className="crumbs">
        <Link to={`/executions?workflow=${detail.workflow ?? 'emission'}`}>Executions</Link> / <span className="mono">{detail.name}</span>
      </p>
      <div className="title-row">
        <h1 className="mono">{detail.name}</h1>
        <span data-testid="execution-status">
          <StatusBadge status={detail.status} />
        </span>
        <Remedy detail={detail} canAct={caller.role === 'ops'} onChanged={execution.reload} />
      </div>
      <ExecutionOverview detail={detail} />
      <ExecutionFailure detail={detail} model={graphModelOf(detail).model} />
      <ErrorBanner error={execution.error} onRetry={execution.reload} />
      <div className="tabs" role="tablist" aria-label="View">
        {VIEWS.map((v) => (
          <button key={v.key} type="button" role="tab" id={`view-${v.key}`} aria-selected={view === v.key} aria-controls="execution-view" className={view === v.key ? 'tab tab-current' : 'tab'} onClick={() => setView(v.key)}>
            {v.label}
          </button>
        ))}
      </div>
      <div className="execution-body" id="execution-view" role="tabpanel" aria-labelledby={`view-${view}`}>
        {view === 'graph' ? <ExecutionGraph detail={detail} selectedState={selectedState} onSelectState={setSelectedState} /> : <StateTable detail={detail} selectedState={selectedState} onSelectState={setSelectedState} />}
        <StateInspector detail={detail} stateName={selectedState} />
      </div>
      <h2>Events</h2>
      <EventTable timeline={detail.timeline} startDate={detail.startDate} onSelectState={setSelectedState} />
    </section>
  );
}
