import fs from 'node:fs';

/** Options of {@link watchParent}. */
export interface WatchParentOptions {
  /** How often the parent is looked at, ms. @default 500 */
  readonly intervalMs?: number;
  /**
   * The parent's pid as the parent knows it: a child still starting when its parent died already
   * has another ppid when it first looks. @default process.ppid
   */
  readonly parentPid?: number;
  /**
   * Started by an npm script, also follow npm itself: npm runs the script through `sh -c`, and a
   * SIGKILL to npm leaves that shell (our parent) alive and waiting. @default true
   */
  readonly followNpm?: boolean;
}

const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh']);

/** The environment variable a local process sets to its pid for a child it starts (read by `followParent.ts`). */
export const PARENT_PID_ENV = 'LOCAL_PARENT_PID';

/**
 * Calls `onGone` once when the process that started this one exits (it is then reparented, so its
 * ppid changes) — or npm above the script's shell. A supervisor (`timeout`, systemd, CI) that
 * signals only npm, which does not pass SIGTERM on to a script's children, or a parent that was
 * SIGKILLed, would otherwise leave this process and its ports behind. A poll, not a pipe: it
 * needs nothing from the parent. npm's process is found through /proc (Linux); elsewhere only
 * the parent is followed. Returns a function that stops watching.
 */
export function watchParent(onGone: (reason: string) => void, options: WatchParentOptions = {}): () => void {
  const parent = options.parentPid ?? process.ppid;
  const npm = options.followNpm !== false && process.env.npm_lifecycle_event !== undefined && SHELLS.has(commandOf(parent) ?? '') ? parentOf(parent) : undefined;
  const timer = setInterval(() => {
    const reason = process.ppid !== parent ? `its parent process ${parent} exited` : npm !== undefined && parentOf(parent) !== npm ? `npm (process ${npm}) exited` : undefined;
    if (reason === undefined) return;
    clearInterval(timer);
    onGone(reason);
  }, options.intervalMs ?? 500);
  timer.unref();
  return () => clearInterval(timer);
}

/** A process's parent id from /proc/<pid>/stat (after the command, which may hold spaces and parentheses). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}
