/**
 * Measures what one invoice costs in requests, transitions, time and bytes by issuing real
 * invoices through the whole local stack (API, handlers, ASL engine, SQS, the adapter, the mock
 * city, DynamoDB, the Data API, S3, EventBridge) and reading the edge's request counters and the
 * execution histories. Not a test: `npm run cost -- --measure` runs it and caches the result.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { CostProfile, MeasuredScenario } from '../../contracts/costModel';
import { ENV } from '../../contracts/wiring';
import { DEMO_CNPJ, DEMO_INVOICE } from '../../local/app/demoInvoice';
import { startLocalApp } from '../../local/app/startLocalApp';
import { createLogger } from '../../local/createLogger';
import { localClientConfig } from '../../local/edge/localClientConfig';
import { startLocalCloud } from '../../local/startLocalCloud';
import { WEBHOOK_WORKFLOWS } from '../../workflows/registry';
import { executionsSince, historyUsage, invoiceItemBytes } from './executionUsage';
import { perInvoiceFromCounts } from './perInvoiceFromCounts';

/** Options of {@link measureProfile}. */
export interface MeasureOptions {
  /** Invoices per scenario. @default 300 */
  readonly invoices?: number;
  /** The local cloud's time scale (retry intervals and heartbeats shrink with it). @default 0.02 */
  readonly timeScale?: number;
  /** The transient error rate of the city in the retry scenario. @default 0.1 */
  readonly transientErrorRate?: number;
}

/** Runs both scenarios (a healthy city, then one failing transiently) and returns the profile. */
export async function measureProfile(options: MeasureOptions = {}): Promise<CostProfile> {
  const invoices = options.invoices ?? 300;
  const timeScale = options.timeScale ?? 0.02;
  const errorRate = options.transientErrorRate ?? 0.1;
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'nfse-cost-'));
  const logger = createLogger('warn');
  const cloud = await startLocalCloud({ port: 0, timeScale, logger });
  try {
    const app = await startLocalApp({ endpoint: cloud.endpoint, clock: cloud.clock, timeScale, apiPort: 0, mockPort: 0, authDir: path.join(tmp, 'auth'), usagePlan: { ratePerSecond: 100_000, burst: 100_000 }, apiProcess: 'in-process', adapters: { mode: 'in-process', count: 1 }, logger });
    try {
      const config = localClientConfig({ endpoint: cloud.endpoint, region: 'us-east-1' });
      const sfn = new SFNClient(config);
      const stateMachineArn = app.names.env[ENV.EmissionStateMachineArn] ?? '';
      const fanoutSpec = WEBHOOK_WORKFLOWS.webhookFanout;
      const fanoutArn = `arn:aws:states:${app.names.region}:${app.names.accountId}:stateMachine:${app.names.prefix}-${fanoutSpec.name}`;
      const tokenResponse = await fetch(`${app.api.endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'cost-measure', cnpjs: [DEMO_CNPJ], role: 'client', ttlSeconds: 3600 }) });
      const { token } = (await tokenResponse.json()) as { token: string };
      const post = async (): Promise<number> => {
        const started = performance.now();
        const response = await fetch(`${app.api.endpoint}/invoices`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'x-api-key': app.apiKey, 'content-type': 'application/json' }, body: JSON.stringify(DEMO_INVOICE) });
        await response.arrayBuffer();
        if (response.status !== 201) throw new Error(`POST /invoices answered ${response.status}`);
        return performance.now() - started;
      };
      const scenario = async (description: string): Promise<MeasuredScenario> => {
        const since = Date.now();
        cloud.counters.reset();
        // One request at a time: each duration is a handler's service time, not a queue's.
        const durations: number[] = [];
        for (let i = 0; i < invoices; i++) durations.push(await post());
        const executions = await executionsSince(sfn, stateMachineArn, since, invoices, 300_000);
        // Every issued invoice's event starts a fan-out; the counters are read once they have all closed.
        // The fan-out is Express: AWS lists no Express executions and keeps no history of them (they go
        // to CloudWatch Logs); the local engine answers both, which is how the run reads its events.
        const fanouts = await executionsSince(sfn, fanoutArn, since, executions.length, 120_000);
        const counts = cloud.counters.snapshot();
        const history = await historyUsage(sfn, executions.map((e) => e.executionArn));
        const fanoutHistory = await historyUsage(sfn, fanouts.map((e) => e.executionArn));
        const itemBytes = await invoiceItemBytes(config, app.names.env[ENV.InvoicesTable] ?? '', executions[0]?.name ?? '');
        const issued = executions.filter((e) => e.status === 'SUCCEEDED').length;
        // The least-disturbed tenth: on a shared machine the mean measures the neighbours' load.
        const lambdaMs = [...durations].sort((a, b) => a - b)[Math.floor(durations.length / 10)] ?? Number.NaN;
        return { description, invoices, issued, perInvoice: perInvoiceFromCounts(counts, history, { invoices, lambdaMs, invoiceItemBytes: itemBytes }, { type: fanoutSpec.type, executions: fanouts.length, history: fanoutHistory }) };
      };
      // Warm-up: JIT, sockets, the adapter's long polls; not counted.
      for (let i = 0; i < 20; i++) await post();
      await executionsSince(sfn, stateMachineArn, 0, 20, 60_000);
      await executionsSince(sfn, fanoutArn, 0, 20, 60_000);
      const clean = await scenario('a healthy synchronous city (the mock, no latency)');
      app.mock.knobs.set({ errorRates: { transient5xx: errorRate } });
      const transientErrors = await scenario(`the city answers ${errorRate * 100}% of calls with a 5xx (retried by the state machine)`);
      return {
        measuredAt: new Date().toISOString(),
        method: `${invoices} invoices per scenario through the whole local stack (API and adapter in one process, timeScale ${timeScale}), POSTed one at a time (Lambda duration: the 10th percentile of their wall times, gateway included); requests and bytes from the edge's counters, transitions from the execution histories (the emission's and, apart, the webhook fan-out's: one per issued invoice's InvoiceIssued, no endpoint registered); on ${os.cpus().length} cores`,
        scenarios: { clean, transientErrors },
      };
    } finally {
      await app.stop();
    }
  } finally {
    await cloud.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
