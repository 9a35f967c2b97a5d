/**
 * Orders benchmark: `POST /orders` latency at 25 and 50 orders a second, open loop (each client
 * sends on its schedule whether or not answered, timed from the scheduled send), and the orders a
 * second that reach CONFIRMADA (OrderSagaWorkflow SUCCEEDED: stock reserved, invoice ISSUED by a
 * zero-latency city, reservations consumed). One fresh local cloud at timeScale 1, the REST API in
 * this process. Prints figures with the goals; never run as a test.
 *
 *   npm run bench:orders
 *   BENCH_ORDERS_RATES=25,50 BENCH_ORDERS_POSTS=300 npm run bench:orders
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import { ENV } from '../../contracts/wiring';
import { DEMO_CNPJ } from '../../local/app/demoInvoice';
import { startLocalApp } from '../../local/app/startLocalApp';
import { createLogger } from '../../local/createLogger';
import { startLocalCloud } from '../../local/startLocalCloud';
import { waitForCompletions } from '../emission/completions';
import { PostLoadWorker } from '../emission/postLoad';

// The in-process handlers log each invoice at INFO: quiet unless asked, the figures are the output.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const RATES = (process.env.BENCH_ORDERS_RATES ?? '25,50').split(',').map(Number);
const POSTS = Number(process.env.BENCH_ORDERS_POSTS ?? 150);
const CLIENTS = Number(process.env.BENCH_ORDERS_CLIENTS ?? 25);
const TIMEOUT_MS = Number(process.env.BENCH_ORDERS_TIMEOUT_MS ?? 180_000);
/** p95 of POST /orders: 25 ms locally; the seed's 500 ms is the bound in AWS (cold starts, network). */
const GOALS = { postP95Ms: 25, awsP95Ms: 500 } as const;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function token(endpoint: string, sub: string, role: string): Promise<string> {
  const response = await fetch(`${endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub, cnpjs: [DEMO_CNPJ], role, ttlSeconds: 3600 }) });
  return ((await response.json()) as { token: string }).token;
}

async function main(): Promise<void> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'nfse-bench-orders-'));
  const logger = createLogger(process.env.LOCAL_LOG_LEVEL ?? 'warn');
  const cloud = await startLocalCloud({ port: 0, timeScale: 1, logger });
  const load = new PostLoadWorker();
  const app = await startLocalApp({
    endpoint: cloud.endpoint,
    clock: cloud.clock,
    timeScale: 1,
    apiPort: 0,
    mockPort: 0,
    authDir: path.join(tmp, 'auth'),
    pkiDir: path.join(tmp, 'pki'),
    // A load test's API key with a raised plan: the bench measures the pipeline, not the throttle.
    usagePlan: { ratePerSecond: 100_000, burst: 100_000 },
    adapters: { mode: 'in-process', count: 1 },
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

    process.stdout.write(`bench:orders (${os.cpus().length} cores, one adapter, zero-latency city)\n`);
    for (const rate of RATES) {
      const started = Date.now();
      const result = await load.run({ url: `${app.api.endpoint}/orders`, headers: { authorization: `Bearer ${client}`, 'x-api-key': app.apiKey }, body, count: POSTS, concurrency: CLIENTS, ratePerSecond: rate });
      const done = await waitForCompletions(sfn, stateMachineArn, started, POSTS, TIMEOUT_MS);
      const sorted = [...result.latenciesMs].sort((a, b) => a - b);
      const p95 = percentile(sorted, 95);
      const confirmed = done.succeeded.length;
      const last = done.succeeded.at(-1) ?? started;
      const failures = Object.keys(result.failures).length > 0 ? ` FAILURES ${JSON.stringify(result.failures)}` : '';
      process.stdout.write(`${[
        `${rate}/s open loop, ${POSTS} orders (${result.achievedPerSecond.toFixed(1)}/s sent)${failures}`,
        `  POST /orders p50 / p95 / p99: ${percentile(sorted, 50).toFixed(1)} / ${p95.toFixed(1)} / ${percentile(sorted, 99).toFixed(1)} ms (goal p95 < ${GOALS.postP95Ms} ms locally: ${p95 < GOALS.postP95Ms ? 'yes' : 'NO'}; < ${GOALS.awsP95Ms} ms in AWS per the seed)`,
        `  to CONFIRMADA: ${confirmed}/${POSTS} (${done.failed} failed), ${(confirmed / ((last - started) / 1000)).toFixed(1)} orders/s`,
      ].join('\n')}\n`);
    }
  } finally {
    await load.stop();
    await app.stop();
    await cloud.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
