import type { GraphStructure } from './graphModel';
import type { GraphLayout } from './layoutGraph';
import type { LayoutRequest, LayoutResponse } from './layoutProtocol';

interface Pending {
  readonly resolve: (layout: GraphLayout) => void;
  readonly reject: (error: Error) => void;
}

const CACHE_SIZE = 16;

let worker: Worker | undefined;
let nextRequestId = 1;
const pending = new Map<number, Pending>();
/** Layouts by structure key: a polled execution re-renders every second without a re-layout. */
const cache = new Map<string, Promise<GraphLayout>>();

/**
 * Lays a structure out in the layout worker, started on first use (the engine never weighs on
 * the page's first load). Same structure, same promise.
 */
export function requestLayout(structure: GraphStructure): Promise<GraphLayout> {
  const cached = cache.get(structure.key);
  if (cached !== undefined) return cached;
  const promise = new Promise<GraphLayout>((resolve, reject) => {
    const requestId = nextRequestId++;
    pending.set(requestId, { resolve, reject });
    const request: LayoutRequest = { kind: 'layout', requestId, structure };
    layoutWorker().postMessage(request);
  });
  cache.set(structure.key, promise);
  // A failed layout is not kept: the next render tries again.
  promise.catch(() => cache.delete(structure.key));
  if (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return promise;
}

/**
 * Starts the worker and has it lay out a small sample, so its engine is compiled before the
 * first real layout: a page that will show a graph calls this while it fetches the execution.
 */
export function warmLayoutWorker(): void {
  if (worker !== undefined) return;
  const request: LayoutRequest = { kind: 'warm' };
  layoutWorker().postMessage(request);
}

function layoutWorker(): Worker {
  if (worker !== undefined) return worker;
  const created = new Worker(new URL('./layoutWorker.ts', import.meta.url), { type: 'module', name: 'graph-layout' });
  created.addEventListener('message', (event: MessageEvent<LayoutResponse>) => {
    const response = event.data;
    const waiting = pending.get(response.requestId);
    if (waiting === undefined) return;
    pending.delete(response.requestId);
    if (response.kind === 'layout') waiting.resolve(response.layout);
    else waiting.reject(new Error(response.message));
  });
  created.addEventListener('error', (event: ErrorEvent) => {
    // A worker that failed to load (CSP, network) fails every waiting layout; the next call starts a new one.
    const error = new Error(`The graph layout worker failed: ${event.message || 'could not load'}`);
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    worker = undefined;
    created.terminate();
  });
  worker = created;
  return created;
}
