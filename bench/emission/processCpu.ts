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

/** CPU seconds (user + system) this process's child processes (API, ECS adapter tasks, mock city) used so far; 0 off Linux. */
export function childrenCpuSeconds(): number {
  return Object.values(childrenCpuSecondsByName()).reduce((sum, seconds) => sum + seconds, 0);
}

/** CPU seconds of this process so far. */
export function ownCpuSeconds(): number {
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
