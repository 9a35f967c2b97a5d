import { useEffect, useLayoutEffect, useRef, type ReactElement } from 'react';
import type { ExecutionDetail } from '../../../contracts/ops';
import { GraphCanvas, useViewportKeys } from './GraphCanvas';
import { GraphLegend } from './GraphLegend';
import type { GraphModel } from './graphModel';
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
  const panZoom = usePanZoom(viewportRef, layout);
  const onViewportKey = useViewportKeys(panZoom);
  const fitted = useRef<string | undefined>(undefined);
  const measured = useRef<string | undefined>(undefined);

  // A new layout (first load, another definition) opens readable, centred, and showing where the
  // execution is (the state running or failed) when that is further down; polls keep the view.
  useLayoutEffect(() => {
    if (layout === undefined || fitted.current === layout.key) return;
    fitted.current = layout.key;
    const start = layout.nodes.__start__;
    panZoom.fit(true, start === undefined ? undefined : start.x + start.width / 2);
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
          <button type="button" className="graph-tool graph-tool-text" onClick={() => panZoom.fit()} title="Fit the whole graph (0)" disabled={layout === undefined}>
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
        {...panZoom.pointerHandlers}
      >
        {model !== undefined && layout !== undefined && <GraphCanvas model={model} layout={layout} panZoom={panZoom} selectedId={selectedState} onSelect={onSelectState} />}
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
