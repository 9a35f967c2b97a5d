import { performance } from 'node:perf_hooks';

/**
 * Cooperative time slicing for the in-process work of the local cloud's process. A Task's call to a
 * service in this process (the engine's wire, PGlite), or a zip function's SDK call to the edge,
 * resolves without real I/O, so hundreds of executions can chain state after state as microtasks
 * and hold the event loop for tens of milliseconds while the API's and the adapters' requests wait
 * at the socket. Once such work has run for `SLICE_MS`, whoever asks next waits its turn: waiters
 * resume first come, first served, one per turn of the event loop (each turn polls pending I/O
 * first), each with a fresh slice.
 */
const SLICE_MS = 2;

let sliceStartedAt = performance.now();
// A Set iterates in insertion order: its first entry has waited longest.
const waiting = new Set<() => void>();
let pumping = false;

/** Whether in-process work has held the event loop for a whole slice. */
export function sliceUsedUp(): boolean {
  return performance.now() - sliceStartedAt > SLICE_MS;
}

/** Resolves on a later turn of the event loop, after pending I/O and after those who asked before. */
export function yieldTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.add(resolve);
    if (!pumping) {
      pumping = true;
      setImmediate(resumeNext);
    }
  });
}

/** Resumes the longest waiter with a fresh slice; the next one waits for the next turn. */
function resumeNext(): void {
  sliceStartedAt = performance.now();
  const resume = waiting.values().next().value;
  if (resume !== undefined) waiting.delete(resume);
  if (waiting.size > 0) setImmediate(resumeNext);
  else pumping = false;
  resume?.();
}
