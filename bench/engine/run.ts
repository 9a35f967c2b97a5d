/**
 * Engine benchmark: state transitions per second of our ASL engine (in-process, full history
 * kept) beside aws-local-stepfunctions, on (a) a 1,000-Pass chain, (b) 10,000 executions of a
 * ten-state JSONPath machine and (c) its JSONata twin (ours alone). Each engine × workload runs
 * in its own child process: warm-up, then 3 timed repetitions (best and median printed). Prints
 * figures; never run as a test.
 *
 *   npm run bench:engine
 *   BENCH_ENGINE_REPS=5 BENCH_ENGINE_EXECUTIONS=2000 npm run bench:engine
 *   BENCH_ENGINE_ONLY=chain npm run bench:engine      (one workload: chain, jsonpath or jsonata)
 *   BENCH_ENGINE_CPU_PROF=1 npm run bench:engine      (writes .cpuprofile files of our engine to /tmp/bench-engine-prof)
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { ENGINE_NAMES, type EngineName } from './engineRunners';
import { WORKLOAD_KEYS, workloads, type WorkloadKey } from './machines';
import { measureInChild, type Measurement } from './measureInChild';
import { printReport } from './printReport';

const REPETITIONS = Number(process.env.BENCH_ENGINE_REPS ?? 3);
const PROFILE_DIR = '/tmp/bench-engine-prof';

/** Runs one engine on one workload in a child process and returns what it measured. */
function measure(engine: EngineName, workload: WorkloadKey): Promise<Measurement> {
  const profile = process.env.BENCH_ENGINE_CPU_PROF === '1' && engine === 'ours' ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  // The child inherits tsx's loader flags from execArgv.
  const child = fork(__filename, ['--child', engine, workload], { execArgv: [...process.execArgv, '--expose-gc', ...profile], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    let measured: Measurement | undefined;
    child.once('message', (message) => {
      measured = message as Measurement;
    });
    child.once('error', reject);
    child.once('exit', (code) => (measured !== undefined && code === 0 ? resolve(measured) : reject(new Error(`${engine} on ${workload} exited with ${String(code)}`))));
  });
}

async function childMain(engine: EngineName, key: WorkloadKey): Promise<void> {
  const measured = await measureInChild(engine, workloads()[key], REPETITIONS);
  await new Promise<void>((resolve, reject) => process.send?.(measured, (error: Error | null) => (error === null ? resolve() : reject(error))));
  process.exit(0);
}

async function main(): Promise<void> {
  const all = workloads();
  const loadBefore = os.loadavg();
  const measurements: Measurement[] = [];
  const only = process.env.BENCH_ENGINE_ONLY;
  for (const key of WORKLOAD_KEYS.filter((k) => only === undefined || only.split(',').includes(k))) {
    const workload = all[key];
    for (const engine of ENGINE_NAMES) {
      if (engine !== 'ours' && !workload.compared) continue;
      process.stdout.write(`measuring ${engine} on ${workload.title}...\n`);
      measurements.push(await measure(engine, key));
    }
    const [ours, theirs] = measurements.filter((m) => m.workload === key);
    if (ours !== undefined && theirs !== undefined && !isDeepStrictEqual(ours.sampleOutput, theirs.sampleOutput)) {
      throw new Error(`the engines disagree on ${workload.title}: ${JSON.stringify(ours.sampleOutput)} vs ${JSON.stringify(theirs.sampleOutput)}`);
    }
  }
  printReport(measurements, all, { repetitions: REPETITIONS, loadBefore, loadAfter: os.loadavg(), cores: os.cpus().length });
}

const [flag, engineArg, workloadArg] = process.argv.slice(2);
if (flag === '--child') {
  childMain(engineArg as EngineName, workloadArg as WorkloadKey).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
