/**
 * Billing benchmark: one month of BillingCycleWorkflow for 1,000 client companies against the
 * local usage platform and ERP mocks (every tenth company used nothing, so ~900 are invoiced
 * through EmissionWorkflow and the mock city). Prints the wall time, the time per company, and
 * the state transitions per company read from the execution histories (the billing run's own, and
 * the emissions it started). Prints figures; never run as a test.
 *
 *   npm run bench:billing
 *   BENCH_BILLING_COMPANIES=200 BENCH_BILLING_ADAPTERS=2 npm run bench:billing
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient, StartExecutionCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import type { BillingSummary } from '../../contracts/billingCycle';
import { ENV } from '../../contracts/wiring';
import { startLocalApp } from '../../local/app/startLocalApp';
import { generatedClients } from '../../local/billing-mocks/generatedUsage';
import { createLogger } from '../../local/createLogger';
import { isLambdaService } from '../../local/lambda/LambdaService';
import { startLocalCloud } from '../../local/startLocalCloud';

const SETTINGS = {
  companies: Number(process.env.BENCH_BILLING_COMPANIES ?? 1000),
  adapters: Number(process.env.BENCH_BILLING_ADAPTERS ?? 2),
  competencia: process.env.BENCH_BILLING_MONTH ?? '2026-01',
} as const;

async function main(): Promise<void> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'nfse-bench-billing-'));
  const logger = createLogger('warn');
  const cloud = await startLocalCloud({ port: 0, timeScale: 1, logger });
  const lambda = cloud.services.get('lambda');
  const app = await startLocalApp({
    endpoint: cloud.endpoint,
    clock: cloud.clock,
    timeScale: 1,
    apiPort: 0,
    mockPort: 0,
    billingMockPort: 0,
    mockTlsPort: 0,
    authDir: path.join(tmp, 'auth'),
    pkiDir: path.join(tmp, 'pki'),
    adapters: { mode: 'in-process', count: SETTINGS.adapters },
    lambda: isLambdaService(lambda) ? lambda : undefined,
    logger,
  });
  const sfn = new SFNClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    app.billingMocks.usage.setClients(generatedClients(SETTINGS.companies));
    // The ERP's per-minute limits would pace the run to Omie's 240 calls a minute: the bench measures our pipeline.
    app.billingMocks.omie.setKnobs({ rateLimitPerMinute: 1_000_000, redundantWindowSeconds: 0 });
    const load = os.loadavg()[0] ?? 0;
    const started = Date.now();
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: app.names.env[ENV.BillingStateMachineArn], name: `bench-${SETTINGS.competencia}-${started}`, input: JSON.stringify({ competencia: SETTINGS.competencia, trigger: 'manual', requestId: 'bench' }) }));
    let status = 'RUNNING';
    let output = '{}';
    while (status === 'RUNNING') {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      status = described.status ?? 'UNKNOWN';
      output = described.output ?? '{}';
    }
    const wallSeconds = (Date.now() - started) / 1000;
    const summary = JSON.parse(output) as BillingSummary;
    const billingTransitions = transitions(await history(sfn, String(executionArn)));
    const emissions = await emissionTransitions(sfn, app.names.env[ENV.EmissionStateMachineArn]);
    const companies = SETTINGS.companies;
    const lines = [
      `billing bench: ${companies} companies, ${SETTINGS.competencia}, ${SETTINGS.adapters} adapters, Map MaxConcurrency 10, time scale 1; load average ${load.toFixed(1)} at start, ${(os.loadavg()[0] ?? 0).toFixed(1)} at end`,
      `run ${status}: ${summary.invoiced} invoiced, ${summary.skipped} skipped, ${summary.failed.length} failed`,
      `wall time ${wallSeconds.toFixed(1)} s; per company ${((wallSeconds * 1000) / companies).toFixed(1)} ms (${(companies / wallSeconds).toFixed(1)} companies/s)`,
      `state transitions: billing run ${billingTransitions} (${(billingTransitions / companies).toFixed(1)} per company); its ${emissions.executions} emissions ${emissions.transitions} (${(emissions.transitions / Math.max(1, emissions.executions)).toFixed(1)} per invoice); together ${((billingTransitions + emissions.transitions) / companies).toFixed(1)} per company`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    sfn.destroy();
    await app.stop();
    await cloud.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** Every event of an execution's history. */
async function history(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return events;
}

/** State transitions as Step Functions bills them: one per state entered. */
function transitions(events: readonly HistoryEvent[]): number {
  return events.filter((event) => event.type?.endsWith('StateEntered') === true).length;
}

/** The transitions of every execution of EmissionWorkflow (the bench's app starts no other). */
async function emissionTransitions(sfn: SFNClient, stateMachineArn: string): Promise<{ executions: number; transitions: number }> {
  let executions = 0;
  let total = 0;
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000, nextToken }));
    for (const execution of page.executions ?? []) {
      executions += 1;
      total += transitions(await history(sfn, String(execution.executionArn)));
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return { executions, transitions: total };
}

// The SDK nags about Node < 22; we support Node 20 on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:billing failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
