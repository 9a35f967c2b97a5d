import os from 'node:os';

/** The lowest OS scheduling priority `os.setPriority` takes (Unix nice 19; Windows' idle class). */
export const LOWEST_PROCESS_PRIORITY = 19;

/**
 * Lowers the OS scheduling priority of the process `pid` (a child of this one) to `priority`, 0
 * (normal) to 19 (lowest), as `os.setPriority` takes it; never above this process's own (a
 * `npm start` already run at a lower priority leaves its children there). Lowering is allowed to
 * any user on the systems Node runs on; a refusal (a sandbox) comes back as the error, not thrown:
 * the process then keeps the priority it has, which is only slower to answer, never wrong.
 */
export function lowerProcessPriority(pid: number, priority: number): Error | undefined {
  if (!Number.isInteger(priority) || priority < 0 || priority > LOWEST_PROCESS_PRIORITY) return new RangeError(`a process priority is an integer from 0 to ${LOWEST_PROCESS_PRIORITY}, got ${priority}`);
  try {
    os.setPriority(pid, Math.max(priority, os.getPriority()));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
