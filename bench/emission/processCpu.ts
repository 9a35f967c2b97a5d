import fs from 'node:fs';

/** CPU seconds (user + system) this process's child processes (the ECS adapter tasks) used so far; 0 off Linux. */
export function childrenCpuSeconds(): number {
  let total = 0;
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name: state ppid ... utime(14) stime(15), in clock ticks (100 per second).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid) continue;
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
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
