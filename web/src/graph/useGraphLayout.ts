import { useEffect, useRef, useState } from 'react';
import type { GraphStructure } from './graphModel';
import type { GraphLayout } from './layoutGraph';
import { requestLayout } from './layoutClient';

export interface GraphLayoutState {
  readonly layout?: GraphLayout;
  readonly error?: Error;
  /** When a render first had this structure (performance.now()): the start of `graph-render`. */
  readonly requestedAt?: number;
  /** When the layout came back from the worker (performance.now()). */
  readonly receivedAt?: number;
}

/**
 * The layout of a structure, from the worker. Only a new structure key lays out again: a polled
 * execution whose statuses change keeps its layout (and its pan and zoom).
 */
export function useGraphLayout(structure: GraphStructure | undefined): GraphLayoutState {
  const [state, setState] = useState<GraphLayoutState & { readonly key?: string }>({});
  const requestedAt = useRef(new Map<string, number>());
  const key = structure?.key;
  // The clock starts at the first render that has the structure (the data just arrived), not at the effect.
  if (key !== undefined && !requestedAt.current.has(key)) requestedAt.current.set(key, performance.now());
  useEffect(() => {
    if (structure === undefined || key === undefined) return undefined;
    let live = true;
    const started = requestedAt.current.get(key) ?? performance.now();
    requestLayout(structure).then(
      (layout) => live && setState({ key, layout, requestedAt: started, receivedAt: performance.now() }),
      (error: unknown) => live && setState({ key, error: error instanceof Error ? error : new Error(String(error)), requestedAt: started }),
    );
    return () => {
      live = false;
    };
    // The structure object is the same for the same key (useGraphModel caches it): the key decides.
  }, [key]);
  return state.key === key ? state : {};
}
