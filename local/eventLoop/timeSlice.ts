import { performance } from 'node:perf_hooks';

/**
 * Cooperative time slicing for the in-process work of the local cloud's process. A Task's call to a
 * service in this process (the engine's wire, PGlite), or a zip function's SDK call to the edge,
 * resolves without real I/O, so hundreds of executions can chain state after state as microtasks
 * and hold the event loop for tens of milliseconds while the API's and the adapters' requests wait
 * at the socket. Once such work has run `SLICE_MS` without the loop going idle, whoever asks next
 * waits its turn: one waiter resumes a turn of the event loop (each turn polls pending I/O first),
 * with a fresh slice. Calls already under way (`'call'`) go before executions' next states
 * (`'step'`), each first come, first served: a call waits behind other calls, not behind every
 * execution, and the work started is finished before more is started.
 */
const SLICE_MS = 2;

/** Who waits: a call to a service under way, or an execution about to run its next state. */
export type TurnKind = 'call' | 'step';

let sliceStartedAt = performance.now();
let idleAtSliceStart = performance.eventLoopUtilization().idle;
// A Set iterates in insertion order: its first entry has waited longest.
const waiting: Record<TurnKind, Set<() => void>> = { call: new Set(), step: new Set() };
let pumping = false;

/**
 * Whether in-process work has held the event loop for a whole slice. A loop that went idle since
 * the slice began (it waited for I/O or a timer) starts a new one.
 */
export function sliceUsedUp(): boolean {
  const now = performance.now();
  if (now - sliceStartedAt <= SLICE_MS) return false;
  const { idle } = performance.eventLoopUtilization();
  if (idle === idleAtSliceStart) return true;
  startSlice(now, idle);
  return false;
}

/** Resolves on a later turn of the event loop, after pending I/O and after those who asked before (calls before steps). */
export function yieldTurn(kind: TurnKind = 'step'): Promise<void> {
  return new Promise((resolve) => {
    waiting[kind].add(resolve);
    if (!pumping) {
      pumping = true;
      setImmediate(resumeNext);
    }
  });
}

/** Resumes the longest-waiting call, else step, with a fresh slice; the next one waits for the next turn. */
function resumeNext(): void {
  startSlice(performance.now(), performance.eventLoopUtilization().idle);
  const queue = waiting.call.size > 0 ? waiting.call : waiting.step;
  const resume = queue.values().next().value;
  if (resume !== undefined) queue.delete(resume);
  if (waiting.call.size + waiting.step.size > 0) setImmediate(resumeNext);
  else pumping = false;
  resume?.();
}

function startSlice(now: number, idle: number): void {
  sliceStartedAt = now;
  idleAtSliceStart = idle;
}
