import { memo, useCallback, useEffect, useId, useMemo, useRef, type KeyboardEvent, type ReactElement } from 'react';
import { EdgeMarkers, GraphEdgeView } from './GraphEdgeView';
import type { GraphModel, GraphNode } from './graphModel';
import { GraphNodeBackdrop, GraphNodeView } from './GraphNodeView';
import type { Box, GraphLayout } from './layoutGraph';
import type { PanZoom } from './usePanZoom';

export interface GraphCanvasProps {
  readonly model: GraphModel;
  readonly layout: GraphLayout;
  readonly panZoom: PanZoom;
  readonly selectedId?: string;
  readonly onSelect: (id: string) => void;
  /** Shows or hides the tooltip of an edge's label. @default undefined */
  readonly onEdgeTip?: (edgeId: string | undefined) => void;
  /** The edge whose label the tooltip explains now, and the tooltip's id. @default undefined */
  readonly tip?: { readonly edgeId: string; readonly id: string };
}

/** The SVG: the drawing moved and scaled by pan and zoom. */
export function GraphCanvas({ model, layout, panZoom, selectedId, onSelect, onEdgeTip, tip }: GraphCanvasProps): ReactElement {
  const markerPrefix = `graph-arrow${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const latest = useRef({ panZoom, onSelect, onEdgeTip });
  useEffect(() => {
    latest.current = { panZoom, onSelect, onEdgeTip };
  });
  const showTip = useCallback((edgeId: string | undefined): void => latest.current.onEdgeTip?.(edgeId), []);
  // Stable callbacks: panning re-renders the canvas, never the nodes.
  const select = useCallback((id: string): void => {
    // The click that ends a drag is no selection.
    if (!latest.current.panZoom.wasDrag()) latest.current.onSelect(id);
  }, []);
  const reveal = useCallback((box: Box): void => latest.current.panZoom.reveal(box), []);
  const { view } = panZoom;
  return (
    <svg className="graph-svg" width={view.width} height={view.height} role="group" aria-label={`State machine graph, ${model.nodes.filter((n) => n.kind === 'state').length} states`}>
      <EdgeMarkers prefix={markerPrefix} />
      <g transform={`translate(${view.x} ${view.y}) scale(${view.k})`}>
        <GraphDrawing model={model} layout={layout} selectedId={selectedId} markerPrefix={markerPrefix} onSelect={select} onFocusNode={reveal} onTip={showTip} tip={tip} />
      </g>
    </svg>
  );
}

interface GraphDrawingProps {
  readonly model: GraphModel;
  readonly layout: GraphLayout;
  readonly selectedId?: string;
  readonly markerPrefix: string;
  readonly onSelect: (id: string) => void;
  readonly onFocusNode: (box: Box) => void;
  readonly onTip: (edgeId: string | undefined) => void;
  readonly tip?: { readonly edgeId: string; readonly id: string };
}

/** Edges under nodes, boxes under what they hold, nodes in reading order (the Tab order). */
const GraphDrawing = memo(function GraphDrawing({ model, layout, selectedId, markerPrefix, onSelect, onFocusNode, onTip, tip }: GraphDrawingProps): ReactElement {
  const nodesById = useMemo(() => new Map(model.nodes.map((n) => [n.id, n])), [model.nodes]);
  const ordered = useMemo(() => layout.order.map((id) => nodesById.get(id)).filter((n): n is GraphNode => n !== undefined), [layout.order, nodesById]);
  const nodeView = (node: GraphNode): ReactElement | null => {
    const box = layout.nodes[node.id];
    return box === undefined ? null : <GraphNodeView key={node.id} node={node} box={box} selected={node.id === selectedId} onSelect={onSelect} onFocusNode={onFocusNode} />;
  };
  return (
    <>
      {ordered
        .filter((n) => n.compound)
        .map((node) => {
          const box = layout.nodes[node.id];
          return box === undefined ? null : <GraphNodeBackdrop key={node.id} node={node} box={box} />;
        })}
      {model.edges.map((edge) => {
        const route = layout.edges[edge.id];
        return route === undefined ? null : <GraphEdgeView key={edge.id} edge={edge} route={route} markerPrefix={markerPrefix} onTip={onTip} tipId={tip?.edgeId === edge.id ? tip.id : undefined} />;
      })}
      {ordered.filter((n) => n.kind !== 'branch').map(nodeView)}
    </>
  );
});

/** + and − zoom, 0 fits (the arrow keys scroll the canvas natively); a focused node keeps its keys. */
export function useViewportKeys(panZoom: PanZoom): (event: KeyboardEvent<HTMLElement>) => void {
  const ref = useRef(panZoom);
  useEffect(() => {
    ref.current = panZoom;
  });
  return (event) => {
    if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
    const pz = ref.current;
    const moves: Record<string, () => void> = {
      '+': () => pz.zoomBy(1.25),
      '=': () => pz.zoomBy(1.25),
      '-': () => pz.zoomBy(0.8),
      '0': () => pz.fit(),
    };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    move();
  };
}
