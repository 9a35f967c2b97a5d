/**
 * Prints the engine benchmark: a table of transitions per second (best and median of the
 * repetitions) with the ratio to aws-local-stepfunctions, the goals, RSS and load average.
 */
import type { Workload, WorkloadKey } from './machines';
import type { Measurement, Repetition } from './measureInChild';

/** Ours must do at least this many times the library's transitions per second. */
const RATIO_GOAL = 3;
/** (c) JSONata must run at least this many transitions per second (issue 22)... */
const JSONATA_RATE_GOAL = 100_000;
/** ...and within this factor of (b), its JSONPath twin. */
const JSONATA_SLOWDOWN_GOAL = 3;
/** RSS allowed with the histories of 10,000 finished executions held. */
const RSS_GOAL_MB = 300;

/** Facts about the run printed under the table. */
export interface RunFacts {
  readonly repetitions: number;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly cores: number;
}

interface Figures {
  readonly best: Repetition;
  readonly median: Repetition;
}

function rate(r: Repetition): number {
  return r.transitions / r.seconds;
}

function cpuRate(r: Repetition): number {
  return r.transitions / r.cpuSeconds;
}

/** The best transitions per CPU second of the repetitions. */
function bestCpuRate(m: Measurement): number {
  return Math.max(...m.repetitions.map(cpuRate));
}

/** Best and median repetition by transitions per second. */
function figures(m: Measurement): Figures {
  const sorted = [...m.repetitions].sort((a, b) => rate(b) - rate(a));
  const best = sorted[0];
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (best === undefined || median === undefined) throw new Error(`no repetition for ${m.engine} on ${m.workload}`);
  return { best, median };
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const load = (l: readonly number[]): string => l.map((v) => v.toFixed(2)).join(' / ');

/** Prints the table and the verdicts to stdout. */
export function printReport(measurements: readonly Measurement[], all: Readonly<Record<WorkloadKey, Workload>>, facts: RunFacts): void {
  const reference = (key: WorkloadKey): Figures | undefined => {
    const m = measurements.find((x) => x.workload === key && x.engine === 'aws-local-stepfunctions');
    return m === undefined ? undefined : figures(m);
  };
  const header = ['engine', 'workload', 'executions', 'transitions', 'best s', 'best tr/s', 'median s', 'median tr/s', 'ratio best', 'ratio median', 'best tr/cpu-s', 'ratio cpu'];
  const rows = measurements.map((m) => {
    const f = figures(m);
    const ref = m.engine === 'ours' ? reference(m.workload) : undefined;
    const refMeasurement = m.engine === 'ours' ? measurements.find((x) => x.workload === m.workload && x.engine === 'aws-local-stepfunctions') : undefined;
    const ratio = (mine: Repetition, theirs: Repetition | undefined): string => (theirs === undefined ? '-' : `${(rate(mine) / rate(theirs)).toFixed(2)}x`);
    return [
      m.engine,
      all[m.workload].title,
      int(m.executions),
      int(f.best.transitions),
      f.best.seconds.toFixed(3),
      int(rate(f.best)),
      f.median.seconds.toFixed(3),
      int(rate(f.median)),
      ratio(f.best, ref?.best),
      ratio(f.median, ref?.median),
      int(bestCpuRate(m)),
      refMeasurement === undefined ? '-' : `${(bestCpuRate(m) / bestCpuRate(refMeasurement)).toFixed(2)}x`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const out: string[] = ['', `engine benchmark: ${facts.repetitions} timed repetitions each after a warm-up, best and median (by wall-clock transitions/s); tr/cpu-s = transitions per second of process CPU time`, ''];
  out.push(line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '');
  for (const m of measurements.filter((x) => x.engine === 'ours')) {
    const ref = reference(m.workload);
    if (ref === undefined) continue;
    const f = figures(m);
    const best = rate(f.best) / rate(ref.best);
    const median = rate(f.median) / rate(ref.median);
    const cpu = bestCpuRate(m) / Math.max(...measurements.filter((x) => x.workload === m.workload && x.engine !== 'ours').map(bestCpuRate));
    out.push(`ratio ${all[m.workload].title}: best ${best.toFixed(2)}x, median ${median.toFixed(2)}x, per CPU second ${cpu.toFixed(2)}x (goal >= ${RATIO_GOAL}x: ${Math.min(best, median) >= RATIO_GOAL ? 'met' : 'NOT met'})`);
  }
  out.push(...jsonataGoals(measurements), '');
  for (const m of measurements) {
    const held = m.eventsHeld === undefined ? 'nothing held' : `${int(m.executions)} finished executions held with ${int(m.eventsHeld)} history events`;
    out.push(`RSS ${m.engine} ${all[m.workload].title}: ${m.rssAfterMb.toFixed(0)} MB after the last repetition (${held}; heap used ${m.heapUsedAfterMb.toFixed(0)} MB), ${m.rssBeforeMb.toFixed(0)} MB before it`);
  }
  const jsonpath = measurements.find((m) => m.engine === 'ours' && m.workload === 'jsonpath');
  if (jsonpath !== undefined) {
    out.push(`RSS goal (ours, histories of ${int(jsonpath.executions)} finished executions of (b) held, < ${RSS_GOAL_MB} MB): ${jsonpath.rssAfterMb < RSS_GOAL_MB ? 'met' : 'NOT met'} (${jsonpath.rssAfterMb.toFixed(0)} MB)`);
  }
  out.push('', `load average (1/5/15 min): ${load(facts.loadBefore)} before, ${load(facts.loadAfter)} after, on ${facts.cores} cores (the machine is shared: other work slows every figure)`, '');
  process.stdout.write(`${out.join('\n')}\n`);
}

/** The JSONata goals, by best wall-clock and by CPU second (the wall clock of a shared machine says little). */
function jsonataGoals(measurements: readonly Measurement[]): string[] {
  const ours = (key: WorkloadKey): Measurement | undefined => measurements.find((m) => m.engine === 'ours' && m.workload === key);
  const jsonata = ours('jsonata');
  if (jsonata === undefined) return [];
  const best = rate(figures(jsonata).best);
  const verdict = (met: boolean): string => (met ? 'yes' : 'NO');
  const lines = [`goal (c) >= ${int(JSONATA_RATE_GOAL)} transitions/s: ${verdict(best >= JSONATA_RATE_GOAL)} (best ${int(best)}/s, ${int(bestCpuRate(jsonata))} per CPU second)`];
  const jsonpath = ours('jsonpath');
  if (jsonpath !== undefined) {
    const slowdown = rate(figures(jsonpath).best) / best;
    const cpuSlowdown = bestCpuRate(jsonpath) / bestCpuRate(jsonata);
    lines.push(`goal (c) within ${JSONATA_SLOWDOWN_GOAL}x of (b): ${verdict(slowdown <= JSONATA_SLOWDOWN_GOAL)} ((b) is ${slowdown.toFixed(2)}x faster by best wall clock, ${cpuSlowdown.toFixed(2)}x per CPU second)`);
  }
  return lines;
}
