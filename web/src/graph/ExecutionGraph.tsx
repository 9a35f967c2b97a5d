import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { ExecutionDetail } from '../../../contracts/ops';
import { GraphCanvas, useViewportKeys } from './GraphCanvas';
import { GraphLegend } from './GraphLegend';
import type { GraphEdge, GraphModel } from './graphModel';
import type { GraphLayout } from './layoutGraph';
import type { Viewport } from './usePanZoom';
import { nodeAriaLabel, nodeMeta } from './GraphNodeView';
import { StatusGlyph } from './StatusIcon';
import { warmLayoutWorker } from './layoutClient';
import { useGraphLayout } from './useGraphLayout';
import { useGraphModel } from './useGraphModel';
import { usePanZoom } from './usePanZoom';
import './graph.css';

export interface ExecutionGraphProps {
  /** The execution as `GET /executions/{arn}` answers it; a new object on every poll. */
  readonly detail: ExecutionDetail;
  /** The selected state's name (`__start__` / `__end__` for the markers). */
  readonly selectedState?: string;
  readonly onSelectState: (stateName: string) => void;
  /** @default undefined */
  readonly className?: string;
}

// Loading this module means an execution graph is about to be drawn (the execution page is its
// own lazy chunk): start the layout worker and compile its engine while the page fetches the
// execution, instead of after.
if (typeof window !== 'undefined' && typeof Worker !== 'undefined') warmLayoutWorker();

/** The name of the `performance.measure` taken once a laid-out graph has been painted. */
export const GRAPH_RENDER_MEASURE = 'graph-render';

/**
 * The state machine an execution ran, drawn with what happened to each state, like the Step
 * Functions console's graph view. Lays out once per definition (in a worker); new details only
 * recolour. Pan by dragging or scrolling, zoom with the buttons, Ctrl + wheel or a pinch.
 */
export function ExecutionGraph({ detail, selectedState, onSelectState, className }: ExecutionGraphProps): ReactElement {
  const built = useGraphModel(detail);
  const model = built.model;
  const { layout, error: layoutError, requestedAt, receivedAt } = useGraphLayout(model?.structure);
  const viewportRef = useRef<HTMLDivElement>(null);
  // A fit keeps the Start marker in the middle when the drawing is wider than the canvas.
  const fitContent = useMemo(() => {
    if (layout === undefined) return undefined;
    const start = layout.nodes.__start__;
    return { width: layout.width, height: layout.height, ...(start !== undefined ? { anchorX: start.x + start.width / 2 } : {}) };
  }, [layout]);
  const panZoom = usePanZoom(viewportRef, fitContent);
  const onViewportKey = useViewportKeys(panZoom);
  const [tipEdge, setTipEdge] = useState<string | undefined>(undefined);
  const tipId = `edge-tip${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const fitted = useRef<string | undefined>(undefined);
  const measured = useRef<string | undefined>(undefined);

  // A new layout (first load, another definition) opens readable, centred, and showing where the
  // execution is (the state running or failed) when that is further down; polls keep the view.
  useLayoutEffect(() => {
    if (layout === undefined || fitted.current === layout.key) return;
    fitted.current = layout.key;
    panZoom.fit();
    const focus = model?.nodes.find((n) => n.kind === 'state' && !n.compound && (n.run.status === 'running' || n.run.status === 'failed'));
    const box = focus === undefined ? undefined : layout.nodes[focus.id];
    if (box !== undefined) requestAnimationFrame(() => panZoom.reveal(box));
  }, [layout, model, panZoom]);

  useEffect(() => {
    if (layout === undefined || requestedAt === undefined || measured.current === layout.key) return;
    measured.current = layout.key;
    const states = Object.keys(layout.nodes).length;
    // After the frame that shows it: the measure covers worker start, layout, render and paint.
    const committedAt = performance.now();
    requestAnimationFrame(() =>
      setTimeout(() => {
        // The detail splits the time: in the worker (start, engine load, layout), ELK alone, React's render.
        const detail = { nodes: states, key: layout.key, workerMs: Math.round((receivedAt ?? committedAt) - requestedAt), layoutMs: Math.round(layout.layoutMs), renderMs: Math.round(committedAt - (receivedAt ?? committedAt)) };
        performance.measure(GRAPH_RENDER_MEASURE, { start: requestedAt, end: performance.now(), detail });
      }, 0),
    );
  }, [layout, requestedAt, receivedAt]);

  const error = built.error ?? layoutError;
  return (
    <section className={`graph${className !== undefined ? ` ${className}` : ''}`} aria-label="Execution graph" data-testid="execution-graph" data-layout={layout !== undefined ? 'ready' : error !== undefined ? 'error' : 'pending'}>
      <div className="graph-toolbar">
        <span className="graph-toolbar-title">Graph view</span>
        <span className="graph-toolbar-zoom" aria-live="off">
          {Math.round(panZoom.view.k * 100)}%
        </span>
        <div className="graph-toolbar-buttons" role="group" aria-label="Zoom">
          <button type="button" className="graph-tool" onClick={() => panZoom.zoomBy(0.8)} aria-label="Zoom out" title="Zoom out (−)" disabled={layout === undefined}>
            −
          </button>
          <button type="button" className="graph-tool" onClick={() => panZoom.zoomBy(1.25)} aria-label="Zoom in" title="Zoom in (+)" disabled={layout === undefined}>
            +
          </button>
          <button type="button" className="graph-tool graph-tool-text" onClick={() => panZoom.fit()} title="Fit the width, as far as names stay legible (0)" disabled={layout === undefined}>
            Fit
          </button>
          <button type="button" className="graph-tool graph-tool-text" onClick={() => panZoom.reset()} title="Actual size" disabled={layout === undefined}>
            100%
          </button>
        </div>
      </div>
      <div
        ref={viewportRef}
        className="graph-viewport"
        role="region"
        tabIndex={0}
        aria-label="Graph canvas: drag, scroll or use the arrow keys to move, + and − to zoom, 0 to fit; Tab moves through the states"
        onKeyDown={onViewportKey}
        // As tall as the drawing at its zoom, within the CSS bounds: a short graph leaves no empty
        // canvas, a tall one fills most of the window and scrolls (set through the CSSOM, which the CSP allows).
        style={layout !== undefined ? { height: `${Math.round(panZoom.view.drawingHeight)}px` } : undefined}
        {...panZoom.pointerHandlers}
      >
        {model !== undefined && layout !== undefined && (
          <GraphCanvas model={model} layout={layout} panZoom={panZoom} selectedId={selectedState} onSelect={onSelectState} onEdgeTip={setTipEdge} tip={tipEdge !== undefined ? { edgeId: tipEdge, id: tipId } : undefined} />
        )}
        {model !== undefined && layout !== undefined && tipEdge !== undefined && <EdgeTip id={tipId} edge={model.edges.find((e) => e.id === tipEdge)} layout={layout} view={panZoom.view} />}
        {model !== undefined && layout === undefined && error === undefined && <p className="graph-placeholder">Drawing {model.structure.nodes.filter((n) => n.kind === 'state').length} states…</p>}
        {error !== undefined && (
          <div className="graph-error" role="alert">
            <p>The graph cannot be drawn: {error.message}</p>
            {model !== undefined && <StateList model={model} selectedState={selectedState} onSelectState={onSelectState} />}
          </div>
        )}
      </div>
      <GraphLegend />
    </section>
  );
}

/** Without a layout (the worker failed to load) the states are still listed, selectable and coloured. */
function StateList({ model, selectedState, onSelectState }: { readonly model: GraphModel; readonly selectedState?: string; readonly onSelectState: (name: string) => void }): ReactElement {
  return (
    <ul className="graph-fallback">
      {model.nodes
        .filter((n) => n.kind === 'state')
        .map((node) => (
          <li key={node.id}>
            <button
              type="button"
              className={`graph-fallback-node graph-status-${node.run.status}`}
              data-testid={`graph-node-${node.id}`}
              data-status={node.run.status}
              aria-label={nodeAriaLabel(node)}
              aria-pressed={node.id === selectedState}
              onClick={() => onSelectState(node.id)}
            >
              <StatusGlyph status={node.run.status} /> {node.label} <span className="graph-fallback-status">{nodeMeta(node)}</span>
            </button>
          </li>
        ))}
    </ul>
  );
}

/** The tooltip's widest (graph.css `.graph-edge-tip` max-width). */
const TIP_WIDTH = 320;

/** What a shortened edge label stands for, under the label: every error a Catch takes, a whole condition. */
function EdgeTip({ id, edge, layout, view }: { readonly id: string; readonly edge: GraphEdge | undefined; readonly layout: GraphLayout; readonly view: Viewport }): ReactElement | null {
  const box = edge !== undefined ? layout.edges[edge.id]?.label : undefined;
  if (edge === undefined || box === undefined || edge.title === undefined) return null;
  // Placed through the CSSOM (the CSP allows it; a style attribute in markup it would not).
  // Kept inside the canvas: a label near its right edge opens the tooltip leftwards.
  const position = { left: `${Math.round(Math.max(4, Math.min(view.x + box.x * view.k, view.width - TIP_WIDTH - 4)))}px`, top: `${Math.round(view.y + (box.y + box.height) * view.k + 4)}px` };
  return (
    <div id={id} role="tooltip" className="graph-edge-tip" data-testid="edge-tip" style={position}>
      {edge.errors !== undefined ? (
        <>
          <strong>Catches {edge.errors.length === 1 ? 'this error' : `these ${edge.errors.length} errors`}</strong>
          <ul>
            {edge.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
          <span className="graph-edge-tip-hint">and goes to {edge.logicalTarget ?? edge.target}</span>
        </>
      ) : (
        <span className="graph-edge-tip-text">{edge.title}</span>
      )}
    </div>
  );
}
