/**
 * Orders benchmark: `POST /orders` latency at 25 and 50 orders a second, open loop (each client
 * sends on its schedule whether or not answered, timed from the scheduled send), and the orders a
 * second that reach CONFIRMADA (OrderSagaWorkflow SUCCEEDED: stock reserved, invoice ISSUED by a
 * zero-latency city, reservations consumed). One fresh local cloud at timeScale 1, the REST API in
 * this process, a warm-up phase first (JIT, sockets, the adapter's long polls) that is not read.
 * Wired as `npm start` wires it: the cloud's Lambda service runs the saga's invoice function, the
 * outbox relay (every second, and on each nudge) and the events consumer. Prints each figure beside
 * its goal with yes / NO, the CPU per order (this process's main thread, where the cloud, the
 * adapter, the mock city and PGlite run, plus the API's process when it has its own), and the load
 * average; never run as a test.
 *
 *   npm run bench:orders
 *   BENCH_ORDERS_RATES=25,50 BENCH_ORDERS_POSTS=300 BENCH_ORDERS_WARMUP=100 npm run bench:orders
 *   BENCH_ORDERS_API=in-process           the API in this process (default: a process of its own, as npm start runs it)
 *   BENCH_ORDERS_ADAPTERS=in-process      the adapter in this process (default: an ECS task, a child process, as npm start runs it)
 *   BENCH_ORDERS_PROFILE=DIR              a CPU profile of the main thread per rate (summariseProfile.ts)
 *   NFSE_CHILD_CPU_PROF_DIR=DIR           --cpu-prof for the API's and the adapter's processes, when they have their own
 *   BENCH_ORDERS_CITY_RATE=20             the city's calls a second (default: none, as bench:emission; São Paulo's own is 20)
 *   BENCH_ORDERS_MOCK=in-process          the mock city in the cloud's process (default: a process of its own, as bench:emission)
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import { ENV } from '../../contracts/wiring';
import { DEMO_CNPJ, DEMO_INVOICE } from '../../local/app/demoInvoice';
import { builtInMunicipalities } from '../../lib/municipalities/builtInMunicipalities';
import type { EcsLocalService } from '../../local/ecs/EcsLocalService';
import { DEFAULT_RELAY_NUDGE_WINDOW_MS, startLocalApp } from '../../local/app/startLocalApp';
import { createLogger } from '../../local/createLogger';
import { isLambdaService } from '../../local/lambda/LambdaService';
import { startLocalCloud } from '../../local/startLocalCloud';
import { logger as handlerLogger } from '../../tasks/shared/logger';
import { waitForCompletions } from '../emission/completions';
import { PhaseProfiler } from '../emission/phaseProfiler';
import { PostLoadWorker } from '../emission/postLoad';
import { cpuMsPer, cpuSnapshot } from '../emission/processCpu';
import { freePort } from '../freePort';
import { MockCityProcess } from '../emission/mockCityProcess';
import { LocalPki } from '../../local/certificates/LocalPki';
import { BACKGROUND_PRIORITY } from '../backgroundPriority';
import { callsPer } from '../callsPer';
import { MainThreadLoad } from '../mainThreadLoad';

// Node 20 is supported here (CI, this machine): not the SDK's warning about its next majors.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// The in-process handlers log each order at INFO: quiet unless asked, the figures are the output.
// The shared logger was built when this file's imports ran, before any line here: set its level too.
if (process.env.POWERTOOLS_LOG_LEVEL === undefined) {
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  handlerLogger.setLogLevel('WARN');
}

const RATES = (process.env.BENCH_ORDERS_RATES ?? '25,50').split(',').map(Number);
const POSTS = Number(process.env.BENCH_ORDERS_POSTS ?? 150);
const CLIENTS = Number(process.env.BENCH_ORDERS_CLIENTS ?? 25);
const WARMUP = Number(process.env.BENCH_ORDERS_WARMUP ?? 50);
const SINGLE = Number(process.env.BENCH_ORDERS_SINGLE ?? 50);
const TIMEOUT_MS = Number(process.env.BENCH_ORDERS_TIMEOUT_MS ?? 180_000);
// As npm start runs them by default: one event loop for the cloud, the API, the adapter and the
// city together measured a layout nobody runs (the POSTs queued behind the adapter's work).
const API_PROCESS = process.env.BENCH_ORDERS_API === 'in-process' ? 'in-process' : 'child-process';
const ADAPTER_MODE = process.env.BENCH_ORDERS_ADAPTERS === 'in-process' ? 'in-process' : 'ecs';
/** The relay's schedule, as npm start runs it (AWS: every minute); each saga's nudges run it too. */
const RELAY_INTERVAL_MS = Number(process.env.BENCH_ORDERS_RELAY_INTERVAL_MS ?? 1000);
const RELAY_NUDGE_WINDOW_MS = Number(process.env.BENCH_ORDERS_RELAY_NUDGE_WINDOW_MS ?? DEFAULT_RELAY_NUDGE_WINDOW_MS);
/**
 * p95 of POST /orders: 25 ms locally; the seed's 500 ms is the bound in AWS (cold starts, network).
 * Orders to CONFIRMADA keep up with what arrives: at least 90 % of the offered rate in the steady
 * state (completions between the 10th and 90th percentile), every order confirmed.
 */
const GOALS = { postP95Ms: 25, awsP95Ms: 500, keepUpFraction: 0.9 } as const;
/**
 * The city's limits: São Paulo as the built-in list has it (every RPS signed, the city checks it)
 * but, as bench:emission, with no rate limit and 20 calls at once, so the figures are the saga's
 * and the pipeline's: with São Paulo's own 20 calls a second every order's invoice waited for the
 * city's rate, and orders/s to CONFIRMADA measured that limit (~19/s at any offered rate).
 */
const CITY_RATE = process.env.BENCH_ORDERS_CITY_RATE === undefined ? undefined : Number(process.env.BENCH_ORDERS_CITY_RATE);
const CITY_CONCURRENCY = 20;
/** The mock city stands in for a city outside the stack: by default in a process of its own, as bench:emission runs it. */
const MOCK_PROCESS = process.env.BENCH_ORDERS_MOCK === 'in-process' ? 'in-process' : 'child-process';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const verdict = (ok: boolean): string => (ok ? 'yes' : 'NO');
const loadAverage = (): string => os.loadavg().map((n) => n.toFixed(1)).join(' ');
/** Orders a second between the 10th and the 90th percentile confirmation (the steady state), and over the whole phase. */
function confirmedPerSecond(succeeded: readonly number[], startedAt: number): { steady: number; overall: number } {
  const last = succeeded.at(-1) ?? startedAt;
  const p10 = succeeded[Math.floor(succeeded.length * 0.1)] ?? startedAt;
  const p90 = succeeded[Math.floor(succeeded.length * 0.9)] ?? last;
  const steadyCount = Math.floor(succeeded.length * 0.9) - Math.floor(succeeded.length * 0.1);
  return { steady: steadyCount / Math.max(0.001, (p90 - p10) / 1000), overall: succeeded.length / Math.max(0.001, (last - startedAt) / 1000) };
}

async function token(endpoint: string, sub: string, role: string): Promise<string> {
  const response = await fetch(`${endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub, cnpjs: [DEMO_CNPJ], role, ttlSeconds: 3600 }) });
  return ((await response.json()) as { token: string }).token;
}

async function main(): Promise<void> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'nfse-bench-orders-'));
  const logger = createLogger(process.env.LOCAL_LOG_LEVEL ?? 'warn');
  const mockPort = await freePort();
  const saoPaulo = builtInMunicipalities().find((city) => city.code === DEMO_INVOICE.municipalityCode);
  if (saoPaulo === undefined) throw new Error(`the built-in list has no municipality ${DEMO_INVOICE.municipalityCode}`);
  const { ratePerSecond: _ownRate, ...unlimited } = saoPaulo;
  const municipalities = [{ ...unlimited, ...(CITY_RATE !== undefined ? { ratePerSecond: CITY_RATE } : {}), endpoint: `http://127.0.0.1:${mockPort}/nfse/${DEMO_INVOICE.municipalityCode}`, concurrency: CITY_CONCURRENCY }];
  process.env.ADAPTER_MAX_IN_FLIGHT ??= String(CITY_CONCURRENCY * 2);
  // The city checks the RPS signatures against the local CA the app seeds the company's certificate from.
  const pkiDir = path.join(tmp, 'pki');
  await LocalPki.open(pkiDir);
  const municipalitiesFile = path.join(tmp, 'municipalities.json');
  await fs.writeFile(municipalitiesFile, JSON.stringify(municipalities));
  const city = MOCK_PROCESS === 'child-process' ? await MockCityProcess.start(mockPort, { municipalitiesFile, pkiDir }, BACKGROUND_PRIORITY) : undefined;
  const cloud = await startLocalCloud({ port: 0, timeScale: 1, logger });
  const lambda = cloud.services.get('lambda');
  const load = new PostLoadWorker();
  const app = await startLocalApp({
    endpoint: cloud.endpoint,
    clock: cloud.clock,
    timeScale: 1,
    apiPort: 0,
    // With the city in its own process, the app's own mock listens elsewhere and sits idle.
    mockPort: city !== undefined ? 0 : mockPort,
    authDir: path.join(tmp, 'auth'),
    pkiDir,
    municipalities: () => municipalities,
    // A load test's API key with a raised plan: the bench measures the pipeline, not the throttle.
    usagePlan: { ratePerSecond: 100_000, burst: 100_000 },
    adapterPriority: BACKGROUND_PRIORITY,
    adapters: ADAPTER_MODE === 'ecs' ? { mode: 'ecs', ecs: cloud.services.get('ecs') as EcsLocalService, count: 1 } : { mode: 'in-process', count: 1 },
    apiProcess: API_PROCESS,
    lambda: isLambdaService(lambda) ? lambda : undefined,
    outboxRelayIntervalMs: RELAY_INTERVAL_MS,
    relayNudgeWindowMs: RELAY_NUDGE_WINDOW_MS,
    logger,
  });
  try {
    const sfn = new SFNClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const stateMachineArn = app.names.env[ENV.OrderSagaStateMachineArn];
    const sku = `BENCH-${Date.now()}`;
    const headers = (bearer: string): Record<string, string> => ({ authorization: `Bearer ${bearer}`, 'x-api-key': app.apiKey, 'content-type': 'application/json' });
    const ops = await token(app.api.endpoint, 'bench-ops', 'ops');
    const stocked = await fetch(`${app.api.endpoint}/products`, { method: 'PUT', headers: headers(ops), body: JSON.stringify({ products: [{ sku, description: 'bench', quantity: 1_000_000 }] }) });
    if (stocked.status !== 200) throw new Error(`PUT /products answered ${stocked.status}: ${await stocked.text()}`);
    const client = await token(app.api.endpoint, 'bench-client', 'client');
    const body = JSON.stringify({ companyCnpj: DEMO_CNPJ, customer: { document: '52998224725', name: 'Bench' }, items: [{ sku, quantity: 1, unitPrice: '1.00' }] });

    const job = (count: number, ratePerSecond?: number): Parameters<PostLoadWorker['run']>[0] => ({
      url: `${app.api.endpoint}/orders`,
      headers: { authorization: `Bearer ${client}`, 'x-api-key': app.apiKey },
      body,
      count,
      concurrency: CLIENTS,
      ...(ratePerSecond !== undefined ? { ratePerSecond } : {}),
    });

    process.stdout.write(`bench:orders (${os.cpus().length} cores, one adapter ${ADAPTER_MODE}, the adapter and the mock city at OS priority ${BACKGROUND_PRIORITY}, zero-latency city (${MOCK_PROCESS}, ${CITY_CONCURRENCY} calls at once, ${CITY_RATE === undefined ? 'no rate limit' : `${CITY_RATE} calls a second`}), API ${API_PROCESS}, relay every ${RELAY_INTERVAL_MS} ms, nudges sharing runs within ${RELAY_NUDGE_WINDOW_MS} ms; load average ${loadAverage()})\n`);
    // Warm-up, not read: the first orders pay for the JIT, the sockets and the adapter's first polls.
    const warmStart = Date.now();
    await load.run(job(WARMUP, 10));
    const warm = await waitForCompletions(sfn, stateMachineArn, warmStart, WARMUP, TIMEOUT_MS);
    process.stdout.write(`warm-up: ${WARMUP} orders at 10/s, ${warm.succeeded.length} CONFIRMADA in ${((Date.now() - warmStart) / 1000).toFixed(1)} s (not read)\n`);
    // One order at a time, the pipeline idle between them: the service time of a POST, without queueing.
    const singleStart = Date.now();
    const single = await load.run({ ...job(SINGLE), concurrency: 1 });
    await waitForCompletions(sfn, stateMachineArn, singleStart, SINGLE, TIMEOUT_MS);
    const singleSorted = [...single.latenciesMs].sort((a, b) => a - b);
    process.stdout.write(`one client, closed loop, ${SINGLE} orders: POST /orders p50 / p95 ${percentile(singleSorted, 50).toFixed(1)} / ${percentile(singleSorted, 95).toFixed(1)} ms (the service time; the saga runs behind each)\n`);
    for (const rate of RATES) {
      const started = Date.now();
      const cpuBefore = cpuSnapshot();
      const mainLoad = MainThreadLoad.start();
      cloud.counters.reset();
      const profiler = await PhaseProfiler.start(process.env.BENCH_ORDERS_PROFILE, `orders-${rate}-${process.pid}`);
      const result = await load.run(job(POSTS, rate));
      const done = await waitForCompletions(sfn, stateMachineArn, started, POSTS, TIMEOUT_MS);
      await profiler?.stop();
      const cpu = cpuMsPer(cpuBefore, cpuSnapshot(), POSTS);
      const cpuPerOrderMs = cpu.main + cpu.children;
      const main = mainLoad.stop();
      // A process that did nothing in the phase (a tool's helper the bench started) is left out.
      const byProcess = Object.entries({ 'main thread': cpu.main, ...cpu.byChild })
        .filter(([, ms]) => ms >= 0.05)
        .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
        .join(', ');
      const calls = callsPer(cloud.counters.snapshot(), POSTS);
      const sorted = [...result.latenciesMs].sort((a, b) => a - b);
      const p95 = percentile(sorted, 95);
      const confirmed = done.succeeded.length;
      const perSecond = confirmedPerSecond(done.succeeded, started);
      const failures = Object.keys(result.failures).length > 0 ? ` FAILURES ${JSON.stringify(result.failures)}` : '';
      process.stdout.write(`${[
        `${rate}/s open loop, ${POSTS} orders (${result.achievedPerSecond.toFixed(1)}/s sent, largest send lag ${result.maxSendLagMs.toFixed(0)} ms)${failures}`,
        `  POST /orders p50 / p95 / p99: ${percentile(sorted, 50).toFixed(1)} / ${p95.toFixed(1)} / ${percentile(sorted, 99).toFixed(1)} ms (goal p95 < ${GOALS.postP95Ms} ms locally: ${verdict(p95 < GOALS.postP95Ms)}; < ${GOALS.awsP95Ms} ms in AWS per the seed: ${verdict(p95 < GOALS.awsP95Ms)})`,
        `  CONFIRMADA: ${confirmed}/${POSTS}, ${done.failed} failed (goal all: ${verdict(confirmed === POSTS)})`,
        `  CPU per order: ${cpuPerOrderMs.toFixed(1)} ms (${byProcess}; load average ${loadAverage()})`,
        `  the cloud's main thread over the phase: event loop busy ${(main.utilisation * 100).toFixed(0)} %, GC ${(main.gcMs / POSTS).toFixed(2)} ms an order (longest pause ${main.longestGcMs.toFixed(1)} ms: scavenge ${main.longestMinorGcMs.toFixed(1)}, mark-compact ${main.longestMajorGcMs.toFixed(1)}), loop delay p50 / p95 / p99 / max ${[main.loopDelayMs.p50, main.loopDelayMs.p95, main.loopDelayMs.p99, main.loopDelayMs.max].map((v) => v.toFixed(1)).join(' / ')} ms`,
        `  AWS calls per order at the edge: ${calls}`,
        `  orders/s to CONFIRMADA: ${perSecond.steady.toFixed(1)} steady (p10-p90), ${perSecond.overall.toFixed(1)} over the phase (goal >= ${(GOALS.keepUpFraction * rate).toFixed(1)}, ${GOALS.keepUpFraction * 100} % of the offered rate: ${verdict(perSecond.steady >= GOALS.keepUpFraction * rate)})`,
      ].join('\n')}\n`);
    }
    process.stdout.write(`load average after: ${loadAverage()}\n`);
  } finally {
    await load.stop();
    await app.stop();
    await cloud.stop();
    await city?.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
