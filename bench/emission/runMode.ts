/**
 * One mode of the emission benchmark (adapters as ECS child processes, or in this process): starts
 * the local cloud and the app, runs the phases and returns their figures.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import { ENV } from '../../contracts/wiring';
import { startLocalApp, type LocalApp } from '../../local/app/startLocalApp';
import { DEMO_CNPJ, DEMO_INVOICE } from '../../local/app/demoInvoice';
import { LocalPki } from '../../local/certificates/LocalPki';
import { builtInMunicipalities } from '../../lib/municipalities/builtInMunicipalities';
import { BACKGROUND_PRIORITY } from '../backgroundPriority';
import { callsPer } from '../callsPer';
import { freePort } from '../freePort';
import { createLogger } from '../../local/createLogger';
import type { EcsLocalService } from '../../local/ecs/EcsLocalService';
import { startLocalCloud } from '../../local/startLocalCloud';
import { waitForCompletions, type Completions } from './completions';
import { cpuMsPer, cpuSnapshot, type CpuSnapshot } from './processCpu';
import { MockCityProcess } from './mockCityProcess';
import { PhaseProfiler } from './phaseProfiler';
import { PostLoadWorker, type PostLoadJob } from './postLoad';

export type AdapterModeName = 'ecs' | 'in-process';

function parseRates(list: string): readonly number[] {
  const rates = list.split(',').map((item) => item.trim()).filter((item) => item !== '').map(Number);
  const bad = rates.find((rate) => !Number.isFinite(rate) || rate <= 0);
  if (bad !== undefined) throw new Error(`BENCH_EMISSION_OPEN_RATES: ${list} is not a comma list of positive POSTs per second`);
  return rates;
}

/** The knobs of a run (env BENCH_EMISSION_*). */
export const SETTINGS = {
  latencyPosts: Number(process.env.BENCH_EMISSION_POSTS ?? 2000),
  clients: Number(process.env.BENCH_EMISSION_CLIENTS ?? 50),
  /** Open-loop clients, the POST/s they share (one sub-phase per rate) and the POSTs per rate. */
  openClients: Number(process.env.BENCH_EMISSION_OPEN_CLIENTS ?? 50),
  openRates: parseRates(process.env.BENCH_EMISSION_OPEN_RATES ?? '25,50,100'),
  openPosts: Number(process.env.BENCH_EMISSION_OPEN_POSTS ?? 1000),
  invoices: Number(process.env.BENCH_EMISSION_INVOICES ?? 1000),
  cityConcurrency: 20,
  /** Where the mock city runs: its own process (as a real city is outside the stack), or the cloud's. */
  mock: (process.env.BENCH_EMISSION_MOCK === 'in-process' ? 'in-process' : 'child-process') as 'in-process' | 'child-process',
  /** Where the REST API runs: its own process (a core of its own), or the cloud's. */
  api: (process.env.BENCH_EMISSION_API === 'in-process' ? 'in-process' : 'child-process') as 'in-process' | 'child-process',
  providerLatencyMs: 300,
  /** Per-phase time box. */
  phaseTimeoutMs: Number(process.env.BENCH_EMISSION_PHASE_TIMEOUT_MS ?? 120_000),
} as const;

/** What one throughput phase measured. */
export interface ThroughputFigures {
  readonly invoices: number;
  readonly issued: number;
  readonly failed: number;
  /** Invoices per second from the first POST to the last ISSUED. */
  readonly overall: number;
  /** Invoices per second between the 10th and the 90th percentile completion (the steady state). */
  readonly steady: number;
  readonly seconds: number;
  /** CPU milliseconds per invoice: the main thread (cloud, API, mock, in-process adapters; not the load client's thread) and the child processes (ECS adapters). */
  readonly cpuMsPerInvoice: { readonly main: number; readonly children: number; readonly byChild: Readonly<Record<string, number>> };
}

/** The zero-latency phase's figures, with the AWS calls per invoice the edge answered in it. */
export interface ZeroLatencyFigures extends ThroughputFigures {
  readonly callsPerInvoice: string;
}

/** What one open-loop sub-phase measured: POSTs at a steady pace, the pipeline working behind them. */
export interface OpenLoopFigures {
  readonly clients: number;
  /** The POSTs per second asked for, and those sent (first send to last). */
  readonly rate: number;
  readonly achievedPerSecond: number;
  /** Milliseconds from each POST's scheduled send to its answer. */
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  /** The longest the load client itself sent after schedule (its own lag, already inside the latencies). */
  readonly maxSendLagMs: number;
  readonly failures: Record<string, number>;
  /** The invoices of this sub-phase to ISSUED. */
  readonly throughput: ThroughputFigures;
}

/** What one mode measured. */
export interface ModeResult {
  readonly mode: AdapterModeName;
  readonly adapters: number;
  readonly api: 'in-process' | 'child-process';
  readonly mock: 'in-process' | 'child-process';
  /** POST latency of one client at a time, the pipeline otherwise idle: the service time without queueing. */
  readonly single: { readonly count: number; readonly p50: number; readonly p95: number };
  readonly post: { readonly count: number; readonly p50: number; readonly p95: number; readonly p99: number; readonly max: number; readonly perSecond: number; readonly failures: Record<string, number> };
  readonly open: readonly OpenLoopFigures[];
  readonly zeroLatency: ZeroLatencyFigures;
  readonly slowCity: ThroughputFigures;
  readonly loadAverage: readonly number[];
  /** CPU seconds of this process (cloud, API, in-process adapters and the load client's thread) over the phases. */
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function throughputOf(invoices: number, startedAt: number, completions: Completions, cpuBefore: CpuSnapshot): ThroughputFigures {
  const done = completions.succeeded;
  const last = done[done.length - 1] ?? startedAt;
  const p10 = done[Math.floor(done.length * 0.1)] ?? startedAt;
  const p90 = done[Math.floor(done.length * 0.9)] ?? last;
  const steadyCount = Math.floor(done.length * 0.9) - Math.floor(done.length * 0.1);
  return {
    invoices,
    issued: done.length,
    failed: completions.failed,
    overall: done.length / Math.max(0.001, (last - startedAt) / 1000),
    steady: steadyCount / Math.max(0.001, (p90 - p10) / 1000),
    seconds: (last - startedAt) / 1000,
    cpuMsPerInvoice: cpuMsPer(cpuBefore, cpuSnapshot(), invoices),
  };
}

/** Runs the benchmark with the adapters in `mode`; returns its figures. */
export async function runMode(mode: AdapterModeName): Promise<ModeResult> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'nfse-bench-emission-'));
  const logger = createLogger('warn');
  const mockPort = await freePort();
  // One adapter with the whole city: concurrency 20, no rate limit; enough in-flight messages to use
  // it. São Paulo as the built-in list has it otherwise: every RPS signed, and the city checks it.
  const saoPaulo = builtInMunicipalities().find((city) => city.code === DEMO_INVOICE.municipalityCode);
  if (saoPaulo === undefined) throw new Error(`the built-in list has no municipality ${DEMO_INVOICE.municipalityCode}`);
  const { ratePerSecond: _unlimited, ...unlimited } = saoPaulo;
  const municipalities = [{ ...unlimited, endpoint: `http://127.0.0.1:${mockPort}/nfse/${DEMO_INVOICE.municipalityCode}`, concurrency: SETTINGS.cityConcurrency }];
  const municipalitiesFile = path.join(tmp, 'municipalities.json');
  await fs.writeFile(municipalitiesFile, JSON.stringify(municipalities));
  // The local PKI the app seeds the company's certificate from, and whose CA the city trusts.
  const pkiDir = path.join(tmp, 'pki');
  await LocalPki.open(pkiDir);
  process.env.ADAPTER_MAX_IN_FLIGHT ??= String(SETTINGS.cityConcurrency * 2);
  const cloud = await startLocalCloud({ port: 0, timeScale: 1, logger });
  let app: LocalApp | undefined;
  let city: MockCityProcess | undefined;
  const load = new PostLoadWorker();
  try {
    // The adapters call the mock at mockPort (municipalities file): a process of its own, or the app's.
    city = SETTINGS.mock === 'child-process' ? await MockCityProcess.start(mockPort, { municipalitiesFile, pkiDir }, BACKGROUND_PRIORITY) : undefined;
    app = await startLocalApp({
      endpoint: cloud.endpoint,
      clock: cloud.clock,
      timeScale: 1,
      apiPort: 0,
      // With the city in its own process, the app's own mock listens elsewhere and sits idle.
      mockPort: city !== undefined ? 0 : mockPort,
        authDir: path.join(tmp, 'auth'),
      pkiDir,
      municipalities: () => municipalities,
      // The default usage plan (100/s, burst 200) would answer 429 past 100 POSTs/s: the bench
      // measures the pipeline, as a load test's API key with a raised plan would.
      usagePlan: { ratePerSecond: 100_000, burst: 100_000 },
      apiProcess: SETTINGS.api,
      adapterPriority: BACKGROUND_PRIORITY,
      adapters: mode === 'ecs' ? { mode: 'ecs', ecs: cloud.services.get('ecs') as EcsLocalService, count: 1 } : { mode: 'in-process', count: 1 },
      logger,
    });
    const sfn = new SFNClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const stateMachineArn = app.names.env[ENV.EmissionStateMachineArn];
    const tokenResponse = await fetch(`${app.api.endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'bench-client', cnpjs: [DEMO_CNPJ], role: 'client', ttlSeconds: 3600 }) });
    const { token } = (await tokenResponse.json()) as { token: string };
    const job = (count: number, concurrency: number = SETTINGS.clients): PostLoadJob => ({ url: `${app?.api.endpoint}/invoices`, headers: { authorization: `Bearer ${token}`, 'x-api-key': app?.apiKey ?? '' }, body: JSON.stringify(DEMO_INVOICE), count, concurrency });

    const cpuBefore = process.cpuUsage();
    const wallStarted = Date.now();
    // Warm-up (JIT, sockets, the adapter's long polls), then let the pipeline drain.
    const warmStart = Date.now();
    await load.run(job(200));
    await waitForCompletions(sfn, stateMachineArn, warmStart, 200, SETTINGS.phaseTimeoutMs);

    // 0. One client at a time: the service time of a POST without queueing.
    const singleStart = Date.now();
    const single = await load.run(job(200, 1));
    const singleSorted = [...single.latenciesMs].sort((a, b) => a - b);
    await waitForCompletions(sfn, stateMachineArn, singleStart, 200, SETTINGS.phaseTimeoutMs);

    // 1. POST latency at 50 closed-loop clients (the pipeline works behind it): at saturation, so
    // the figure is clients / throughput (Little's law), not a service time.
    const latencyStart = Date.now();
    const posts = await load.run(job(SETTINGS.latencyPosts));
    const sorted = [...posts.latenciesMs].sort((a, b) => a - b);
    await waitForCompletions(sfn, stateMachineArn, latencyStart, SETTINGS.latencyPosts, SETTINGS.phaseTimeoutMs);

    // 1b. POST latency at a steady pace (open loop): service time plus the queueing of a real load.
    const open: OpenLoopFigures[] = [];
    for (const rate of SETTINGS.openRates) {
      const openStart = Date.now();
      const openCpu = cpuSnapshot();
      const result = await load.run({ ...job(SETTINGS.openPosts, SETTINGS.openClients), ratePerSecond: rate });
      const openSorted = [...result.latenciesMs].sort((a, b) => a - b);
      const throughput = throughputOf(SETTINGS.openPosts, openStart, await waitForCompletions(sfn, stateMachineArn, openStart, SETTINGS.openPosts, SETTINGS.phaseTimeoutMs), openCpu);
      open.push({
        clients: SETTINGS.openClients,
        rate,
        achievedPerSecond: result.achievedPerSecond,
        count: openSorted.length,
        p50: percentile(openSorted, 50),
        p95: percentile(openSorted, 95),
        p99: percentile(openSorted, 99),
        max: openSorted[openSorted.length - 1] ?? Number.NaN,
        maxSendLagMs: result.maxSendLagMs,
        failures: result.failures,
        throughput,
      });
    }

    // 2. End to end with a zero-latency city.
    const zeroStart = Date.now();
    const zeroCpu = cpuSnapshot();
    const profiler = await PhaseProfiler.start(process.env.BENCH_EMISSION_PROFILE, `zero-latency-${mode}-${process.pid}`);
    cloud.counters.reset();
    await load.run(job(SETTINGS.invoices));
    const zeroFigures = throughputOf(SETTINGS.invoices, zeroStart, await waitForCompletions(sfn, stateMachineArn, zeroStart, SETTINGS.invoices, SETTINGS.phaseTimeoutMs), zeroCpu);
    const zero: ZeroLatencyFigures = { ...zeroFigures, callsPerInvoice: callsPer(cloud.counters.snapshot(), SETTINGS.invoices) };
    await profiler?.stop();

    // 3. A 300 ms city with concurrency 20: bound 20 / 0.3 s = 66.7 invoices/s.
    if (city !== undefined) await city.setKnobs({ latencyMs: SETTINGS.providerLatencyMs });
    else app.mock.knobs.set({ latencyMs: SETTINGS.providerLatencyMs });
    const slowStart = Date.now();
    const slowCpu = cpuSnapshot();
    await load.run(job(SETTINGS.invoices));
    const slow = throughputOf(SETTINGS.invoices, slowStart, await waitForCompletions(sfn, stateMachineArn, slowStart, SETTINGS.invoices, SETTINGS.phaseTimeoutMs), slowCpu);
    const cpu = process.cpuUsage(cpuBefore);

    return {
      mode,
      adapters: 1,
      api: SETTINGS.api,
      mock: SETTINGS.mock,
      single: { count: singleSorted.length, p50: percentile(singleSorted, 50), p95: percentile(singleSorted, 95) },
      post: {
        count: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1] ?? Number.NaN,
        perSecond: sorted.length / ((posts.finishedAt - posts.startedAt) / 1000),
        failures: posts.failures,
      },
      open,
      zeroLatency: zero,
      slowCity: slow,
      loadAverage: os.loadavg(),
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      wallSeconds: (Date.now() - wallStarted) / 1000,
    };
  } finally {
    await load.stop();
    await app?.stop();
    await city?.stop();
    await cloud.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
