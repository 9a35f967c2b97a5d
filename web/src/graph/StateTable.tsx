import type { ReactElement } from 'react';
import type { ExecutionDetail } from '../../../contracts/ops';
import { formatInstant, formatMs } from './formatTimes';
import { StatusGlyph } from './StatusIcon';
import { statusLabel } from './statusPresentation';
import { stateTableRows } from './stateTableRows';
import { useGraphModel } from './useGraphModel';
import './graph.css';

export interface StateTableProps {
  readonly detail: ExecutionDetail;
  readonly selectedState?: string;
  readonly onSelectState: (stateName: string) => void;
}

/** The table view: each state the execution entered, when and for how long, beside the graph view. */
export function StateTable({ detail, selectedState, onSelectState }: StateTableProps): ReactElement {
  const built = useGraphModel(detail);
  if (built.model === undefined) return <p className="graph-error">The states cannot be listed: {built.error.message}</p>;
  const rows = stateTableRows(built.model, detail.startDate);
  return (
    <div className="events state-table-scroll" tabIndex={0} role="region" aria-label="States of the execution" data-testid="state-table">
      <table className="events-table state-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col" className="events-resource-col">
              Resource
            </th>
            <th scope="col" className="num">
              Started after
            </th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="events-time-col">
              Timestamp
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-state={row.name} aria-selected={row.name === selectedState}>
              <td>
                <button type="button" className="events-state" onClick={() => onSelectState(row.name)}>
                  {row.name}
                </button>
                {row.iteration !== undefined && <span className="muted"> item {row.iteration}</span>}
                {row.redrive > 0 && <span className="muted"> redrive {row.redrive}</span>}
              </td>
              <td>{row.type}</td>
              <td className={`state-table-status graph-status-${row.status}`}>
                <StatusGlyph status={row.status} size={14} /> {statusLabel(row.status)}
                {row.attempts > 1 && <span className="muted"> ({row.attempts} attempts)</span>}
              </td>
              <td className="events-resource-col mono">{row.resource ?? '—'}</td>
              <td className="num">{formatMs(row.startedAfterMs)}</td>
              <td className="num" data-testid="state-duration">
                {row.durationMs !== undefined ? formatMs(row.durationMs) : 'running'}
              </td>
              <td className="events-time-col">{formatInstant(row.enteredAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">No state entered yet.</p>}
    </div>
  );
}
