import fs from 'node:fs';

/** What a child process of the benchmark runs, from its command line. */
function childName(pid: string): string {
  try {
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (command.includes('apiProcessMain')) return 'API';
    if (command.includes('adapter-container')) return 'adapter';
    if (command.includes('provider-mock')) return 'mock city';
  } catch {
    // The process ended while we looked.
  }
  return 'other';
}

/** CPU seconds (user + system) of this process's child processes so far, by what they run (API, adapter, mock city); empty off Linux. */
export function childrenCpuSecondsByName(): Record<string, number> {
  const byName: Record<string, number> = {};
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return byName;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name: state ppid ... utime(14) stime(15), in clock ticks (100 per second).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid) continue;
      const name = childName(entry);
      byName[name] = (byName[name] ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // The process ended while we looked.
    }
  }
  return byName;
}

/** CPU seconds of this process so far. */
function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** CPU seconds of this process's main thread (the event loop that serves the cloud and the API) so far; the whole process's off Linux. */
export function mainThreadCpuSeconds(): number {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return ownCpuSeconds();
  }
}

/** CPU seconds so far of this process's main thread and of each child process, by what it runs. */
export interface CpuSnapshot {
  readonly main: number;
  readonly byChild: Readonly<Record<string, number>>;
}

/** CPU milliseconds per unit of work between two snapshots: the main thread, the child processes in all, and each. */
export interface CpuMsPer {
  readonly main: number;
  readonly children: number;
  readonly byChild: Readonly<Record<string, number>>;
}

/** Reads the CPU of the main thread and of the child processes once, from `/proc`. */
export function cpuSnapshot(): CpuSnapshot {
  return { main: mainThreadCpuSeconds(), byChild: childrenCpuSecondsByName() };
}

/** What the processes spent between `before` and `after`, per one of `units`. */
export function cpuMsPer(before: CpuSnapshot, after: CpuSnapshot, units: number): CpuMsPer {
  const byChild = Object.fromEntries(Object.entries(after.byChild).map(([name, seconds]) => [name, ((seconds - (before.byChild[name] ?? 0)) * 1000) / units]));
  return { main: ((after.main - before.main) * 1000) / units, children: Object.values(byChild).reduce((sum, ms) => sum + ms, 0), byChild };
}
