import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/** The lowest OS scheduling priority `os.setPriority` takes (Unix nice 19; Windows' idle class). */
export const LOWEST_PROCESS_PRIORITY = 19;

/**
 * The threads of process `pid`: on Linux a priority belongs to each thread, and the threads a
 * process had already started (V8's compiler and GC workers) keep theirs when the main thread's
 * changes; elsewhere the process is one unit.
 */
function threadsOf(pid: number): number[] {
  try {
    return fs.readdirSync(`/proc/${pid}/task`).map(Number).filter(Number.isInteger);
  } catch {
    return [pid];
  }
}

/**
 * Lowers the OS scheduling priority of the process `pid` (a child of this one), every thread of
 * it, to `priority`, 0 (normal) to 19 (lowest), as `os.setPriority` takes it; never raises it
 * (above this process's own, or above where the child already is). Lowering is allowed to any
 * user on the systems Node runs on; a refusal (a sandbox) comes back as the error, not thrown:
 * the process then keeps the priority it has, which is only slower to answer, never wrong.
 */
export function lowerProcessPriority(pid: number, priority: number): Error | undefined {
  if (!Number.isInteger(priority) || priority < 0 || priority > LOWEST_PROCESS_PRIORITY) return new RangeError(`a process priority is an integer from 0 to ${LOWEST_PROCESS_PRIORITY}, got ${priority}`);
  try {
    const target = Math.max(priority, os.getPriority(), os.getPriority(pid));
    for (const thread of threadsOf(pid)) {
      try {
        os.setPriority(thread, target);
      } catch (error) {
        // A thread that ended meanwhile is no loss; the process itself is.
        if (thread === pid) throw error;
      }
    }
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Lowers `child` to `priority` once it has started ({@link lowerProcessPriority}); a refusal goes to `onRefused`. */
export function lowerOnSpawn(child: ChildProcess, priority: number, onRefused: (error: Error) => void): void {
  child.once('spawn', () => {
    const refused = child.pid === undefined ? undefined : lowerProcessPriority(child.pid, priority);
    if (refused !== undefined) onRefused(refused);
  });
}
