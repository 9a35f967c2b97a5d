import type { ReactElement } from 'react';
import type { StateStatus } from './graphModel';
import { STATUS_GLYPHS } from './statusPresentation';

export interface StatusIconProps {
  readonly status: StateStatus;
  /** Where the icon's centre goes (SVG user units). @default 0 */
  readonly x?: number;
  /** @default 0 */
  readonly y?: number;
  /** Radius of the dot. @default 9 */
  readonly radius?: number;
}

/** The status as a shape (check, cross, arrows...) on a coloured dot: the cue that is not colour alone. */
export function StatusIcon({ status, x = 0, y = 0, radius = 9 }: StatusIconProps): ReactElement {
  const scale = radius / 9;
  return (
    <g className={`graph-status-icon graph-status-${status}`} transform={`translate(${x - 8 * scale} ${y - 8 * scale}) scale(${scale})`} aria-hidden="true">
      <circle className="graph-status-dot" cx={8} cy={8} r={9} />
      {status === 'running' ? (
        // A dashed ring turning about its own centre (fill-box), unlike an arc path would.
        <circle className="graph-status-glyph graph-status-spin" cx={8} cy={8} r={4.2} />
      ) : (
        <path className="graph-status-glyph" d={STATUS_GLYPHS[status]} />
      )}
    </g>
  );
}

/** The icon alone in an inline SVG, for HTML (legend, inspector, table). */
export function StatusGlyph({ status, size = 16 }: { readonly status: StateStatus; readonly size?: number }): ReactElement {
  return (
    <svg className="graph-status-inline" width={size} height={size} viewBox="-2 -2 20 20" aria-hidden="true" focusable="false">
      <StatusIcon status={status} x={8} y={8} />
    </svg>
  );
}
