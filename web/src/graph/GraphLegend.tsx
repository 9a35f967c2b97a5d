import type { ReactElement } from 'react';
import { STATE_STATUSES } from './graphModel';
import { StatusGlyph } from './StatusIcon';
import { STATUS_HINTS, STATUS_LABELS } from './statusPresentation';

/** What the colours, icons, badges and lines mean. */
export function GraphLegend(): ReactElement {
  return (
    <div className="graph-legend" aria-label="Legend">
      <ul className="graph-legend-list">
        {STATE_STATUSES.map((status) => (
          <li key={status} className={`graph-legend-item graph-status-${status}`} title={STATUS_HINTS[status]}>
            <span className="graph-legend-swatch">
              <StatusGlyph status={status} size={14} />
            </span>
            {STATUS_LABELS[status]}
          </li>
        ))}
      </ul>
      <ul className="graph-legend-list graph-legend-marks">
        <li className="graph-legend-item" title="The state has a Retry policy; with a number, how many attempts it took">
          <span className="graph-legend-badge">↻ 3</span>
          Retry (attempts)
        </li>
        <li className="graph-legend-item" title="How many times the state was entered (a loop, a Map's items)">
          <span className="graph-legend-badge">×4</span>
          Entered n times
        </li>
        <li className="graph-legend-item">
          <svg width="28" height="10" aria-hidden="true" focusable="false">
            <line className="graph-legend-line graph-legend-taken" x1="0" x2="28" y1="5" y2="5" />
          </svg>
          Path taken
        </li>
        <li className="graph-legend-item">
          <svg width="28" height="10" aria-hidden="true" focusable="false">
            <line className="graph-legend-line graph-legend-catch" x1="0" x2="28" y1="5" y2="5" />
          </svg>
          Catch
        </li>
      </ul>
    </div>
  );
}
