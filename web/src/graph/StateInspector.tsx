import { useEffect, useState, type ReactElement } from 'react';
import type { ExecutionDetail } from '../../../contracts/ops';
import { END_ID, START_ID } from './buildGraphStructure';
import { formatBetween, formatInstant, formatMs, prettyJson } from './formatTimes';
import type { GraphNode, StateVisit } from './graphModel';
import { JsonBlock } from './JsonBlock';
import { AttemptList } from './AttemptList';
import { StatusGlyph } from './StatusIcon';
import { statusLabel } from './statusPresentation';
import { useGraphModel } from './useGraphModel';
import './graph.css';

export interface StateInspectorProps {
  readonly detail: ExecutionDetail;
  /** The selected state (`__start__` / `__end__` for the markers); nothing selected shows a hint. */
  readonly stateName?: string;
  /** @default undefined */
  readonly className?: string;
}

/**
 * What happened in one state: status, times, input, output, the variables it assigned, its
 * error and cause, and every attempt. A state entered several times (a loop, a Map's items, a
 * redrive) shows one visit at a time, the latest first.
 */
export function StateInspector({ detail, stateName, className }: StateInspectorProps): ReactElement {
  const { model, error } = useGraphModel(detail);
  const node = stateName === undefined ? undefined : model?.nodes.find((n) => n.id === stateName && n.kind !== 'branch' && n.kind !== 'ref');
  const visits = node?.run.visits ?? [];
  const [visitIndex, setVisitIndex] = useState<number | undefined>(undefined);
  // Another state: back to its latest visit.
  useEffect(() => setVisitIndex(undefined), [stateName]);
  const index = visitIndex !== undefined && visitIndex < visits.length ? visitIndex : visits.length - 1;
  const visit = visits[index];
  const classes = `inspector${className !== undefined ? ` ${className}` : ''}`;

  if (node === undefined) {
    return (
      <aside className={classes} aria-label="State inspector" data-testid="state-inspector" data-state="">
        <h2 className="inspector-title">State details</h2>
        <p className="inspector-hint">{error !== undefined ? `The definition cannot be read: ${error.message}` : 'Select a state in the graph (click it, or Tab to it and press Enter) to see its input, output, variables, error and retries.'}</p>
      </aside>
    );
  }
  const definition = model?.stateDefinitions.get(node.id);
  return (
    <aside className={classes} aria-label={`State inspector: ${node.label}`} data-testid="state-inspector" data-state={node.id}>
      <header className="inspector-header">
        <h2 className="inspector-title">{node.kind === 'state' ? node.label : node.kind === 'start' ? 'Execution start' : 'Execution end'}</h2>
        <span className={`inspector-status graph-status-${node.run.status}`} data-status={node.run.status}>
          <StatusGlyph status={node.run.status} /> {statusLabel(node.run.status)}
        </span>
      </header>
      {node.kind === 'state' && <p className="inspector-type">{node.stateType} state</p>}
      {node.comment !== undefined && <p className="inspector-comment">{node.comment}</p>}
      {visits.length > 1 && (
        <p className="inspector-summary">
          Entered {node.run.enteredCount} times · {node.run.attemptCount} attempts{node.run.failedAttemptCount > 0 ? `, ${node.run.failedAttemptCount} failed` : ''}
        </p>
      )}
      {visits.length > 1 && (
        <label className="inspector-visit">
          <span>Visit</span>
          <select value={index} onChange={(event) => setVisitIndex(Number(event.target.value))}>
            {visits.map((v, i) => (
              <option key={v.enteredEventId} value={i}>
                {visitName(v, i, visits.length)}
              </option>
            ))}
          </select>
        </label>
      )}
      {visit === undefined ? (
        <p className="inspector-hint">Not reached: the execution has not entered this state{detail.status === 'RUNNING' ? ' yet' : ''}.</p>
      ) : (
        <VisitDetails node={node} visit={visit} />
      )}
      {definition !== undefined && (
        <details className="inspector-section">
          <summary>Definition</summary>
          <JsonBlock label={`Definition of ${node.label}`} text={JSON.stringify(definition, null, 2)} />
        </details>
      )}
    </aside>
  );
}

function visitName(visit: StateVisit, index: number, count: number): string {
  const parts = [`${index + 1} of ${count}`];
  if (visit.iteration !== undefined) parts.push(`item #${visit.iteration}`);
  if (visit.redrive > 0) parts.push(`redrive ${visit.redrive}`);
  parts.push(statusLabel(visit.status).toLowerCase());
  return parts.join(' · ');
}

function VisitDetails({ node, visit }: { readonly node: GraphNode; readonly visit: StateVisit }): ReactElement {
  const resource = node.resource ?? visit.resource;
  const marker = node.id === START_ID || node.id === END_ID;
  const failed = visit.attempts.filter((a) => a.outcome === 'failed').length;
  return (
    <>
      <dl className="inspector-facts">
        <dt>Status</dt>
        <dd>{statusLabel(visit.status)}</dd>
        <dt>{marker ? 'Time' : 'Entered'}</dt>
        <dd>{formatInstant(visit.enteredAt)}</dd>
        {!marker && (
          <>
            <dt>Exited</dt>
            <dd>{visit.exitedAt !== undefined ? formatInstant(visit.exitedAt) : '—'}</dd>
            <dt>Duration</dt>
            <dd>{visit.exitedAt !== undefined ? formatBetween(visit.enteredAt, visit.exitedAt) : visit.status === 'running' ? `${formatMs(Date.now() - Date.parse(visit.enteredAt))} so far` : '—'}</dd>
          </>
        )}
        {resource !== undefined && (
          <>
            <dt>Resource</dt>
            <dd className="inspector-resource">{resource}</dd>
          </>
        )}
        {visit.attempts.length > 0 && (
          <>
            <dt>Attempts</dt>
            <dd>
              {visit.attempts.length}
              {failed > 0 ? ` (${failed} failed)` : ''}
            </dd>
          </>
        )}
        {visit.iteration !== undefined && (
          <>
            <dt>Map item</dt>
            <dd>#{visit.iteration}</dd>
          </>
        )}
        {visit.redrive > 0 && (
          <>
            <dt>Redrive</dt>
            <dd>{visit.redrive}</dd>
          </>
        )}
      </dl>
      {visit.error !== undefined && (
        <div className={`inspector-error${visit.status === 'caught' ? ' inspector-error-caught' : ''}`} role="note">
          <p className="inspector-error-name">
            {visit.status === 'caught' ? 'Caught ' : ''}
            {visit.error}
          </p>
          {visit.cause !== undefined && <pre className="inspector-cause">{prettyJson(visit.cause)}</pre>}
        </div>
      )}
      {(visit.attempts.length > 1 || failed > 0) && <AttemptList attempts={visit.attempts} />}
      {visit.input !== undefined && node.id !== END_ID && (
        <section className="inspector-section" aria-label="Input">
          <h3>{marker ? 'Execution input' : 'Input'}</h3>
          <JsonBlock label="Input" text={visit.input} />
        </section>
      )}
      {visit.output !== undefined && node.id !== START_ID && (
        <section className="inspector-section" aria-label="Output">
          <h3>{marker ? 'Execution output' : 'Output'}</h3>
          <JsonBlock label="Output" text={visit.output} />
        </section>
      )}
      {visit.assignedVariables !== undefined && Object.keys(visit.assignedVariables).length > 0 && (
        <section className="inspector-section" aria-label="Variables">
          <h3>Variables assigned</h3>
          <JsonBlock label="Variables assigned" text={JSON.stringify(Object.fromEntries(Object.entries(visit.assignedVariables).map(([k, v]) => [k, parseOr(v)])))} />
        </section>
      )}
      {visit.input === undefined && visit.output === undefined && !marker && <p className="inspector-hint">The history was read without execution data: no input or output to show.</p>}
    </>
  );
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
