/**
 * One engine on one workload, in a child process of its own (so its memory and JIT state are
 * its own): a warm-up, then timed repetitions; our engine keeps the executions of the last one
 * with their histories, and the RSS is read with them held, after a full GC.
 */
import { performance } from 'node:perf_hooks';
import { LibraryEngineRunner, OurEngineRunner, type EngineName, type EngineRunner, type PreparedInput } from './engineRunners';
import type { Workload } from './machines';

/** One timed repetition. */
export interface Repetition {
  readonly seconds: number;
  /** CPU time of the process (user + system, GC threads included): less disturbed by other work on a shared machine. */
  readonly cpuSeconds: number;
  readonly transitions: number;
}

/** What a child reports to the parent. */
export interface Measurement {
  readonly engine: EngineName;
  readonly workload: Workload['key'];
  readonly executions: number;
  /** The output of execution 0 (both engines must agree). */
  readonly sampleOutput: unknown;
  readonly repetitions: readonly Repetition[];
  /** RSS after a full GC, before the last repetition (nothing held) and after it. */
  readonly rssBeforeMb: number;
  readonly rssAfterMb: number;
  readonly heapUsedAfterMb: number;
  /** History events held when rssAfterMb was read (ours only: the library keeps nothing). */
  readonly eventsHeld?: number;
}

const MB = 1024 * 1024;
const WARM_UP_TRANSITIONS = 50_000;

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  gc();
  gc();
}

/** Runs `repetitions` timed runs of `workload` on `engine`; the input of each execution is made beforehand. */
export async function measureInChild(engine: EngineName, workload: Workload, repetitions: number): Promise<Measurement> {
  const inputs: PreparedInput[] = Array.from({ length: workload.executions }, (_, i) => {
    const value = workload.input(i);
    return { value, text: JSON.stringify(value) };
  });
  const runner: EngineRunner = engine === 'ours' ? new OurEngineRunner(workload) : await LibraryEngineRunner.create(workload);
  const sampleOutput = await runner.outputOf(inputs[0] as PreparedInput);
  // Warm-up (both engines JIT-compile late): at least 50,000 transitions or a fifth of a run, then forget it.
  const warmUp = Math.min(inputs.length, Math.max(Math.ceil(inputs.length / 5), Math.ceil(WARM_UP_TRANSITIONS / workload.statesPerExecution)));
  await runner.runAll(inputs.slice(0, warmUp), 'warm');
  runner.release();
  const done: Repetition[] = [];
  let rssBefore = 0;
  for (let r = 0; r < repetitions; r++) {
    runner.release();
    fullGc();
    rssBefore = process.memoryUsage().rss;
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    await runner.runAll(inputs, `rep${r}`);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    done.push({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, transitions: runner.transitionsOfLastRun() });
  }
  fullGc();
  const memory = process.memoryUsage();
  return {
    engine,
    workload: workload.key,
    executions: inputs.length,
    sampleOutput,
    repetitions: done,
    rssBeforeMb: rssBefore / MB,
    rssAfterMb: memory.rss / MB,
    heapUsedAfterMb: memory.heapUsed / MB,
    eventsHeld: runner instanceof OurEngineRunner ? runner.eventsHeld() : undefined,
  };
}
