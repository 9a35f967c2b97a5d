import type { ReactElement } from 'react';
import type { ExecutionDetail } from '../../../contracts/ops';
import { invoiceIdOfExecution } from '../../../contracts/executionNames';
import { downloadText } from '../app/download';
import { formatDuration, formatTime } from '../app/format';
import { Link } from '../app/router';
import { CopyButton } from '../components/CopyButton';
import { JsonBlock } from '../graph/JsonBlock';
import type { GraphModel } from '../graph/graphModel';

/** The state the execution stopped in: the deepest state that failed (or, when stopped, was cut short), entered last. */
function stoppedState(model: GraphModel | undefined, status: ExecutionDetail['status']): string | undefined {
  const wanted = status === 'ABORTED' ? 'aborted' : 'failed';
  let found: { name: string; entered: number } | undefined;
  for (const node of model?.nodes ?? []) {
    if (node.kind !== 'state' || node.compound || node.run.status !== wanted) continue;
    const entered = node.run.visits.at(-1)?.enteredEventId ?? 0;
    if (found === undefined || entered > found.entered) found = { name: node.label, entered };
  }
  return found?.name;
}

/** Why the execution did not succeed, naming the state where it stopped. */
export function ExecutionFailure(props: { readonly detail: ExecutionDetail; readonly model: GraphModel | undefined }): ReactElement | null {
  const { detail } = props;
  if (detail.error === undefined && detail.status !== 'ABORTED' && detail.status !== 'TIMED_OUT') return null;
  const state = stoppedState(props.model, detail.status);
  const verb = detail.status === 'ABORTED' ? 'Stopped' : detail.status === 'TIMED_OUT' ? 'Timed out' : 'Failed';
  return (
    <div className="banner banner-bad" role="status" data-testid="execution-error">
      <strong>
        {verb}
        {state !== undefined ? ` at ${state}` : ''}
      </strong>
      {detail.error !== undefined && (
        <>
          : <code>{detail.error}</code>
        </>
      )}{' '}
      {detail.cause}
    </div>
  );
}

/** The execution's summary, as the Step Functions console's Details tab: ARN, times, redrives, input and output. */
export function ExecutionOverview({ detail }: { readonly detail: ExecutionDetail }): ReactElement {
  const invoiceId = invoiceIdOfExecution(detail.name);
  const redrives = detail.timeline.filter((e) => e.type === 'ExecutionRedriven');
  const exportHistory = (): void => {
    const { definition: _definition, ...execution } = detail;
    downloadText(`${detail.name}-history.json`, `${JSON.stringify(execution, null, 2)}\n`, 'application/json');
  };
  return (
    <>
      <div className="execution-arn">
        <code className="mono" data-testid="execution-arn">
          {detail.executionArn}
        </code>
        <CopyButton text={detail.executionArn} label="Copy ARN" className="button button-small" />
        <button type="button" className="button button-small" onClick={exportHistory}>
          Export history (JSON)
        </button>
      </div>
      <dl className="summary">
        <div>
          <dt>Workflow</dt>
          <dd>{detail.workflow ?? detail.stateMachineArn.split(':').at(-1)}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatTime(detail.startDate)}</dd>
        </div>
        <div>
          <dt>Ended</dt>
          <dd>{detail.stopDate !== undefined ? formatTime(detail.stopDate) : '—'}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(detail.startDate, detail.stopDate)}</dd>
        </div>
        <div>
          <dt>Redrives</dt>
          <dd data-testid="execution-redrives">
            {redrives.length === 0 ? (
              String(detail.redriveCount ?? 0)
            ) : (
              <ol className="redrive-list">
                {redrives.map((event, i) => (
                  <li key={event.id}>
                    #{i + 1} <time dateTime={event.timestamp}>{formatTime(event.timestamp)}</time>
                  </li>
                ))}
              </ol>
            )}
          </dd>
        </div>
        {invoiceId !== undefined && (
          <div>
            <dt>Invoice</dt>
            <dd>
              <Link to={`/invoices/${invoiceId}`} className="mono">
                {invoiceId}
              </Link>
            </dd>
          </div>
        )}
      </dl>
      <details className="execution-io" data-testid="execution-io">
        <summary>Execution input and output</summary>
        <div className="grid-2">
          <div>
            <h3>Input</h3>
            {detail.input !== undefined ? <JsonBlock label="Execution input" text={detail.input} /> : <p className="muted">None.</p>}
          </div>
          <div>
            <h3>Output</h3>
            {detail.output !== undefined ? <JsonBlock label="Execution output" text={detail.output} /> : <p className="muted">{detail.status === 'RUNNING' ? 'Not yet: it is running.' : 'None: it did not succeed.'}</p>}
          </div>
        </div>
      </details>
    </>
  );
}
