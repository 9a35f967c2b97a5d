import { performance } from 'node:perf_hooks';

/**
 * Cooperative time slicing for the executions of one process. A Task's call to a service in this
 * process (the engine's wire, PGlite) resolves without real I/O, so hundreds of executions can
 * chain state after state as microtasks and hold the event loop for tens of milliseconds, while
 * the API's and the adapters' requests wait at the socket. After `SLICE_MS` of such work the
 * executions step aside for one turn of the event loop (setImmediate runs after pending I/O).
 */
const SLICE_MS = 2;

let sliceStartedAt = performance.now();
let turn: Promise<void> | undefined;

/** Whether executions have held the event loop for a whole slice. */
export function sliceUsedUp(): boolean {
  return performance.now() - sliceStartedAt > SLICE_MS;
}

/** Resolves after pending I/O had its turn; every execution that asks shares the same turn. */
export function yieldTurn(): Promise<void> {
  turn ??= new Promise((resolve) => {
    setImmediate(() => {
      turn = undefined;
      sliceStartedAt = performance.now();
      resolve();
    });
  });
  return turn;
}
