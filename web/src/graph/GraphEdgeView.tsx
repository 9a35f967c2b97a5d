import { memo, type ReactElement } from 'react';
import type { GraphEdge } from './graphModel';
import type { EdgeRoute, Point } from './layoutGraph';

export interface GraphEdgeViewProps {
  readonly edge: GraphEdge;
  readonly route: EdgeRoute;
  /** Prefix of the arrowhead marker ids (unique per graph on the page). */
  readonly markerPrefix: string;
  /** Shows (an edge id) or hides (undefined) the tooltip that explains a label. @default undefined */
  readonly onTip?: (edgeId: string | undefined) => void;
  /** The id of the tooltip element while it explains this edge. @default undefined */
  readonly tipId?: string;
}

/** An orthogonal polyline with its corners rounded, as an SVG path. */
export function roundedPath(points: readonly Point[], radius = 8): string {
  const first = points[0];
  if (first === undefined) return '';
  let d = `M${first.x} ${first.y}`;
  for (let i = 1; i < points.length; i++) {
    const corner = points[i];
    const before = points[i - 1];
    const after = points[i + 1];
    if (corner === undefined || before === undefined) continue;
    if (after === undefined) {
      d += ` L${corner.x} ${corner.y}`;
      continue;
    }
    const r = Math.min(radius, distance(before, corner) / 2, distance(corner, after) / 2);
    const a = toward(corner, before, r);
    const b = toward(corner, after, r);
    d += ` L${a.x} ${a.y} Q${corner.x} ${corner.y} ${b.x} ${b.y}`;
  }
  return d;
}

function distance(p: Point, q: Point): number {
  return Math.hypot(q.x - p.x, q.y - p.y);
}

function toward(from: Point, to: Point, length: number): Point {
  const d = distance(from, to);
  if (d === 0) return from;
  return { x: from.x + ((to.x - from.x) * length) / d, y: from.y + ((to.y - from.y) * length) / d };
}

/** Arrowhead marker id for an edge: catch edges and the taken path have their own colours. */
export function markerId(prefix: string, edge: Pick<GraphEdge, 'kind' | 'taken'>): string {
  return `${prefix}-${edge.kind === 'catch' ? 'catch' : 'flow'}${edge.taken ? '-taken' : ''}`;
}

/** One transition: Next, a Choice rule, a Default, a Catch (dashed), or to/from the markers. */
export const GraphEdgeView = memo(function GraphEdgeView({ edge, route, markerPrefix, onTip, tipId }: GraphEdgeViewProps): ReactElement {
  const classes = `graph-edge graph-edge-${edge.kind}${edge.taken ? ' graph-edge-taken' : ''}`;
  const label = route.label;
  return (
    <g className={classes} data-edge={edge.id}>
      {edge.title !== undefined && <title>{edge.title}</title>}
      <path className="graph-edge-line" d={roundedPath(route.points)} markerEnd={`url(#${markerId(markerPrefix, edge)})`} />
      {label !== undefined && edge.label !== undefined && (
        <g
          className="graph-edge-label"
          transform={`translate(${label.x} ${label.y})`}
          // A shortened label ("Provider.Rejected +4") is explained on hover or keyboard focus.
          {...(edge.title !== undefined && onTip !== undefined
            ? {
                tabIndex: 0,
                role: 'button',
                'aria-label': `${edge.label}: ${edge.errors !== undefined ? `catches ${edge.errors.join(', ')}` : edge.title}`,
                'aria-describedby': tipId,
                onPointerEnter: () => onTip(edge.id),
                onPointerLeave: () => onTip(undefined),
                onFocus: () => onTip(edge.id),
                onBlur: () => onTip(undefined),
              }
            : {})}
        >
          <rect width={label.width} height={label.height} rx={4} />
          <text x={label.width / 2} y={label.height / 2 + 4} textAnchor="middle">
            {edge.label}
          </text>
        </g>
      )}
    </g>
  );
});

/** The four arrowheads, coloured by CSS. */
export function EdgeMarkers({ prefix }: { readonly prefix: string }): ReactElement {
  const variants = ['flow', 'flow-taken', 'catch', 'catch-taken'] as const;
  return (
    <defs>
      {variants.map((variant) => (
        <marker key={variant} id={`${prefix}-${variant}`} className={`graph-arrow graph-arrow-${variant}`} viewBox="0 0 10 10" refX={9} refY={5} markerWidth={7} markerHeight={7} orient="auto-start-reverse">
          <path d="M0 0L10 5L0 10z" />
        </marker>
      ))}
    </defs>
  );
}
