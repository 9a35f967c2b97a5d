import { raceAbort } from '../../lib/concurrency/raceAbort';
import { sliceUsedUp, yieldTurn } from '../eventLoop/timeSlice';
import type { EdgeResponse, RawEdgeRequest } from './EdgeRequest';
import { abortError, connectionRefused } from './inProcessErrors';

/** What an SDK client of this process needs from an edge: its routing, without the socket. */
export interface EdgeDispatcher {
  dispatch(request: RawEdgeRequest): Promise<EdgeResponse>;
}

// The edges running in this process, by endpoint URL (`http://127.0.0.1:4566`).
const edges = new Map<string, EdgeDispatcher & { readonly edge: EdgeDispatcher }>();

/** Makes an edge reachable in-process at its endpoint. */
export function registerInProcessEdge(endpoint: string, edge: EdgeDispatcher): void {
  const key = normalise(endpoint);
  edges.set(key, { edge, dispatch: (request) => takingTurns(key, edge, request) });
}

/**
 * A call of this process answered without real I/O: once in-process work has held the event loop
 * for a slice, it waits its turn (`timeSlice`, ahead of executions' next states) before it is
 * handed over, and again before its caller goes on with the answer (a service may answer many
 * calls in one turn, e.g. dynalite from setImmediate), so requests at the edge's port are not kept
 * waiting. A call its client gave up on while it waited is not sent; nor is one whose edge stopped.
 */
async function takingTurns(key: string, edge: EdgeDispatcher, request: RawEdgeRequest): Promise<EdgeResponse> {
  if (sliceUsedUp()) {
    await yieldTurn('call');
    if (request.clientGone?.signal.aborted === true) throw abortError();
    if (edges.get(key)?.edge !== edge) throw connectionRefused(key);
  }
  const response = await edge.dispatch(request);
  if (sliceUsedUp()) await yieldTurn('call');
  return response;
}

/** Forgets an edge (it stopped): clients fall back to HTTP, which then fails as it would. */
export function unregisterInProcessEdge(endpoint: string, edge: EdgeDispatcher): void {
  if (edges.get(normalise(endpoint))?.edge === edge) edges.delete(normalise(endpoint));
}

/** The edge of this process serving `endpoint`, if any. */
export function inProcessEdge(endpoint: string): EdgeDispatcher | undefined {
  return edges.get(normalise(endpoint));
}

function normalise(endpoint: string): string {
  return endpoint.replace(/\/+$/, '');
}

/**
 * Hands `request` to `edge` for a caller that may give up (`signal`; none: it waits for the answer).
 * The caller stops waiting at once (with `abortError`, by default the signal's reason); the service
 * hears that it went away (`clientGone`) only if it gave up before the answer, as a closed
 * connection tells it over HTTP, not whenever the signal aborts (a poll client's signal may abort
 * long after an answer it did read).
 */
export function dispatchAbandonable(edge: EdgeDispatcher, request: RawEdgeRequest, signal: AbortSignal | undefined, abortError?: () => Error): Promise<EdgeResponse> {
  if (signal === undefined) return edge.dispatch(request);
  const gone = new AbortController();
  return raceAbort(edge.dispatch({ ...request, clientGone: gone }), signal, { abortError, onAbandoned: () => gone.abort() });
}
