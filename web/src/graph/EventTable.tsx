import { Fragment, useId, useMemo, useState, type ReactElement } from 'react';
import type { TimelineEntry } from '../../../contracts/ops';
import { formatInstant, formatMs, prettyJson } from './formatTimes';
import { JsonBlock } from './JsonBlock';
import './graph.css';

export interface EventTableProps {
  readonly timeline: readonly TimelineEntry[];
  /** The execution's start (ISO); the first event's time when absent. */
  readonly startDate?: string;
  /** Rows shown before "Show more". @default 200 */
  readonly pageSize?: number;
  /** When given, a row's state name selects that state (in the graph and the inspector). @default undefined */
  readonly onSelectState?: (stateName: string) => void;
  /** @default undefined */
  readonly className?: string;
}

const FAILURE = /(Failed|TimedOut|Aborted)$/;
const SUCCESS = /(Succeeded|Exited)$/;

/** Whether an event reports something that went wrong. */
export function isFailureEvent(type: string): boolean {
  return FAILURE.test(type);
}

/** The execution's history like the console's event table: id, type, state, time since start, details on demand. */
export function EventTable({ timeline, startDate, pageSize = 200, onSelectState, className }: EventTableProps): ReactElement {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [shown, setShown] = useState(pageSize);
  const idPrefix = useId();
  const origin = Date.parse(startDate ?? timeline[0]?.timestamp ?? '');
  const rows = useMemo(() => (errorsOnly ? timeline.filter((e) => isFailureEvent(e.type) || e.error !== undefined) : timeline), [errorsOnly, timeline]);
  const toggle = (id: number): void =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className={`events${className !== undefined ? ` ${className}` : ''}`} data-testid="event-table">
      <div className="events-toolbar">
        <span className="events-count">
          {rows.length} of {timeline.length} events
        </span>
        <label className="events-filter">
          <input type="checkbox" checked={errorsOnly} onChange={(event) => setErrorsOnly(event.target.checked)} /> Errors only
        </label>
      </div>
      <div className="events-scroll" tabIndex={0} role="region" aria-label="Execution events">
        <table className="events-table">
          <thead>
            <tr>
              <th scope="col" className="events-toggle-col">
                <span className="visually-hidden">Details</span>
              </th>
              <th scope="col">ID</th>
              <th scope="col">Type</th>
              <th scope="col">Step</th>
              <th scope="col" className="events-resource-col">
                Resource
              </th>
              <th scope="col">Started after</th>
              <th scope="col" className="events-time-col">
                Date and time
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shown).map((entry) => {
              const expanded = open.has(entry.id);
              const detailsId = `${idPrefix}-event-${entry.id}`;
              const tone = isFailureEvent(entry.type) ? ' event-bad' : SUCCESS.test(entry.type) ? ' event-good' : '';
              return (
                <Fragment key={entry.id}>
                  <tr className={`events-row${tone}${expanded ? ' events-row-open' : ''}`} data-event-id={entry.id}>
                    <td className="events-toggle-col">
                      <button type="button" className="events-toggle" aria-expanded={expanded} aria-controls={detailsId} aria-label={`Details of event ${entry.id}, ${entry.type}`} onClick={() => toggle(entry.id)}>
                        <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
                      </button>
                    </td>
                    <td className="mono">{entry.id}</td>
                    <td>
                      <span className="events-type">{entry.type}</span>
                    </td>
                    <td>
                      {entry.state !== undefined && onSelectState !== undefined ? (
                        <button type="button" className="events-state" onClick={() => onSelectState(entry.state ?? '')}>
                          {entry.state}
                        </button>
                      ) : (
                        (entry.state ?? '')
                      )}
                    </td>
                    <td className="events-resource-col mono">{entry.resource ?? ''}</td>
                    <td className="nowrap mono">{Number.isNaN(origin) ? '—' : formatMs(Date.parse(entry.timestamp) - origin)}</td>
                    <td className="nowrap events-time-col">{formatInstant(entry.timestamp)}</td>
                  </tr>
                  {expanded && (
                    <tr className="events-details-row" id={detailsId}>
                      <td colSpan={7}>
                        <EventDetails entry={entry} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > shown && (
        <button type="button" className="events-more" onClick={() => setShown((n) => n + pageSize)}>
          Show {Math.min(pageSize, rows.length - shown)} more
        </button>
      )}
    </div>
  );
}

function EventDetails({ entry }: { readonly entry: TimelineEntry }): ReactElement {
  return (
    <div className="events-details">
      <dl className="inspector-facts">
        <dt>Time</dt>
        <dd>{entry.timestamp}</dd>
        {entry.previousEventId !== undefined && (
          <>
            <dt>Previous event</dt>
            <dd>{entry.previousEventId}</dd>
          </>
        )}
        {entry.index !== undefined && (
          <>
            <dt>Map item</dt>
            <dd>#{entry.index}</dd>
          </>
        )}
        {entry.error !== undefined && (
          <>
            <dt>Error</dt>
            <dd className="events-error">{entry.error}</dd>
          </>
        )}
      </dl>
      {entry.cause !== undefined && <pre className="inspector-cause">{prettyJson(entry.cause)}</pre>}
      {entry.input !== undefined && <JsonBlock label={`Input of event ${entry.id}`} text={entry.input} />}
      {entry.output !== undefined && <JsonBlock label={`Output of event ${entry.id}`} text={entry.output} />}
      {entry.assignedVariables !== undefined && <JsonBlock label={`Variables assigned by event ${entry.id}`} text={JSON.stringify(entry.assignedVariables)} />}
    </div>
  );
}
