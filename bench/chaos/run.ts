/**
 * Chaos run: 500 invoices through the HTTP API, half of one company to two ABRASF cities in turn
 * (São Paulo and Rio, each with its own RPS numbering), half of a second company to Porto Alegre on
 * the national system (the Sefin Nacional mock), while the mocks fail GerarNfse and POST /nfse 20% of the time transiently, 5% with a rejection and 5% by accepting and never answering, and two adapter
 * tasks (ECS child processes) are SIGKILLed at random points. Waits until every invoice is ISSUED
 * or FAILED, prints counts, and exits 1 naming the invoices if any promise is broken: a duplicate
 * NFS-e, an invoice left in a non-final state, or DynamoDB and Aurora disagreeing.
 *
 *   npm run bench:chaos
 *   BENCH_CHAOS_INVOICES=100 BENCH_CHAOS_KILLS=4 npm run bench:chaos
 *   BENCH_CHAOS_CITY_LATENCY_MS=20000 npm run bench:chaos   (a slow city: a backlog waits in the queue)
 *   BENCH_CHAOS_CITIES=3550308 npm run bench:chaos          (one ABRASF city only)
 *   BENCH_CHAOS_NACIONAL_CITIES= npm run bench:chaos        (no national city: ABRASF only)
 */
import './quietLogs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ECSClient } from '@aws-sdk/client-ecs';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { ListExecutionsCommand, SFNClient, type ExecutionStatus } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV } from '../../contracts/wiring';
import { DEMO_CNPJ, DEMO_INVOICE, NACIONAL_DEMO_CNPJ, NACIONAL_DEMO_INVOICE } from '../../local/app/demoInvoice';
import type { ProviderMockStatsSnapshot } from '../../local/provider-mock/MockStats';
import { startLocalApp, type LocalApp } from '../../local/app/startLocalApp';
import { createLogger } from '../../local/createLogger';
import type { EcsLocalService } from '../../local/ecs/EcsLocalService';
import { isLambdaService } from '../../local/lambda/LambdaService';
import { startLocalCloud } from '../../local/startLocalCloud';
import { AdapterKiller } from './AdapterKiller';
import { CHAOS_SETTINGS, chaosKnobs, chaosNacionalKnobs } from './chaosSettings';
import { countByStatus, readInvoices, readReportRows, type InvoiceState } from './invoiceStates';
import { invoiceStory } from './invoiceStory';
import { describeViolation, judgeRun } from './judgeRun';
import { postInvoices } from './postInvoices';

const PROGRESS_EVERY_MS = 2_000;
const POLL_MS = 1_000;

const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const listing = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key} ${n}`)
    .join(', ') || 'none';

async function executionCounts(sfn: SFNClient, stateMachineArn: string, statuses: readonly ExecutionStatus[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const statusFilter of statuses) {
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter, maxResults: 1000, nextToken }));
      if ((page.executions ?? []).length > 0) counts[statusFilter] = (counts[statusFilter] ?? 0) + (page.executions ?? []).length;
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
  }
  return counts;
}

async function main(): Promise<number> {
  const settings = CHAOS_SETTINGS;
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'nfse-bench-chaos-'));
  const logger = createLogger(process.env.LOCAL_LOG_LEVEL ?? 'error');
  const loadBefore = os.loadavg();
  const cloud = await startLocalCloud({ port: 0, timeScale: settings.timeScale, logger });
  let app: LocalApp | undefined;
  try {
    const lambda = cloud.services.get('lambda');
    const ecs = cloud.services.get('ecs') as EcsLocalService;
    app = await startLocalApp({
      endpoint: cloud.endpoint,
      clock: cloud.clock,
      timeScale: settings.timeScale,
      apiPort: 0,
      mockPort: 0,
        authDir: path.join(tmp, 'auth'),
      adapters: { mode: 'ecs', ecs, count: settings.adapters },
      lambda: isLambdaService(lambda) ? lambda : undefined,
      logger,
    });
    app.mock.knobs.set(chaosKnobs(settings.failures, settings.cityLatencyMs));
    app.nacionalMock.knobs.set(chaosNacionalKnobs(settings.failures, settings.cityLatencyMs));
    const config = { endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
    const ddb = DynamoDBDocumentClient.from(new DynamoDBClient(config));
    const sfn = new SFNClient(config);
    const stateMachineArn = app.names.env[ENV.EmissionStateMachineArn];
    const killer = new AdapterKiller(ecs, new ECSClient(config), AdapterKiller.thresholdsFor(settings.invoices, settings.kills));
    const tokenResponse = await fetch(`${app.api.endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'chaos-client', cnpjs: [DEMO_CNPJ, NACIONAL_DEMO_CNPJ], role: 'client', ttlSeconds: 3600 }) });
    const { token } = (await tokenResponse.json()) as { token: string };

    const { transient, rejection, acceptThenTimeout } = settings.failures;
    process.stdout.write(
      [
        `nfse-flow chaos run: ${settings.invoices} invoices, ${settings.adapters} adapters as ECS child processes, ${settings.kills} SIGKILLs at random, timeScale ${settings.timeScale}`,
        `cities: ${settings.cities.join(', ')} in turn (one company, each city numbering its own RPS and NFS-e)${settings.nacionalCities.length > 0 ? `, every other invoice to ${settings.nacionalCities.join(', ')} on the national system (a second company)` : ''}`,
        `mock cities: GerarNfse and POST /nfse fail ${transient * 100}% transiently (HTTP 503), ${rejection * 100}% rejected (E160, E0312), ${acceptThenTimeout * 100}% accepted then never answered; ${settings.cityLatencyMs} ms per call`,
        `machine: ${os.cpus().length} cores, load average before ${loadBefore.map((n) => n.toFixed(1)).join(' / ')}`,
        '',
      ].join('\n'),
    );

    const started = Date.now();
    let posted = 0;
    const posting = postInvoices({
      url: `${app.api.endpoint}/invoices`,
      headers: { authorization: `Bearer ${token}`, 'x-api-key': app.apiKey },
      // Each city its own total, so an NFS-e answered for the wrong city cannot pass for ours.
      bodies: chaosBodies(settings.cities, settings.nacionalCities),
      count: settings.invoices,
      concurrency: settings.clients,
      onPosted: (n) => (posted = n),
    });
    let postDone = false;
    const postOutcome = posting.finally(() => (postDone = true));
    let invoices = new Map<string, InvoiceState>();
    let lastProgress = 0;
    let settled = false;
    const deadline = started + settings.timeoutSeconds * 1000;
    while (Date.now() < deadline) {
      invoices = await readInvoices(ddb, app.names.invoicesTable);
      const counts = countByStatus(invoices.values());
      const final = (counts.ISSUED ?? 0) + (counts.FAILED ?? 0);
      const kill = await killer.onProgress(final, (Date.now() - started) / 1000);
      if (kill !== undefined) process.stderr.write(`[${seconds(started).padStart(7)}] SIGKILL adapter task ${kill.taskId.slice(0, 12)}… with ${kill.finalAtKill}/${settings.invoices} final; ECS replaces it\n`);
      if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = Date.now();
        const stats = app.mock.stats();
        const nacional = app.nacionalMock.stats();
        process.stderr.write(`[${seconds(started).padStart(7)}] posted ${posted}/${settings.invoices} | ${listing(counts)} | GerarNfse ${stats.calls.GerarNfse ?? 0} | POST /nfse ${nacional.calls.emit ?? 0} | kills ${killer.kills.length}/${settings.kills}\n`);
      }
      if (postDone && final === invoices.size) {
        // The report and event states run after the status lands: wait for the executions to end.
        const running = await executionCounts(sfn, stateMachineArn, ['RUNNING']);
        if ((running.RUNNING ?? 0) === 0) {
          settled = true;
          break;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const elapsed = seconds(started);
    const { invoiceIds, failures: postFailures } = await postOutcome;
    invoices = await readInvoices(ddb, app.names.invoicesTable);
    const rows = await readReportRows(new RDSDataClient(config), app.names);
    const abrasfStats = app.mock.stats();
    const nacionalStats = app.nacionalMock.stats();
    const mock = bothCities(abrasfStats, nacionalStats);
    const verdict = judgeRun(invoiceIds, invoices, rows, mock);
    const executions = await executionCounts(sfn, stateMachineArn, ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);
    const failedBy: Record<string, number> = {};
    for (const invoice of invoices.values()) if (invoice.status === 'FAILED') failedBy[invoice.errorCode ?? '?'] = (failedBy[invoice.errorCode ?? '?'] ?? 0) + 1;
    const gerar = abrasfStats.calls.GerarNfse ?? 0;
    const posts = nacionalStats.calls.emit ?? 0;
    const national = [...invoices.values()].filter((invoice) => settings.nacionalCities.includes(invoice.municipalityCode)).length;

    const postProblems = Object.keys(postFailures).length > 0 ? [{ rule: 'POST /invoices answers other than 201', offenders: Object.entries(postFailures).map(([status, n]) => `HTTP ${status}: ${n}`), invoiceIds: [] }] : [];
    const storyOf = async (id: string): Promise<string> => {
      const invoice = invoices.get(id);
      return invoice === undefined ? `${id}: not in DynamoDB` : invoiceStory(sfn, stateMachineArn, invoice, mock);
    };
    const violations = [...postProblems, ...verdict.violations];
    process.stdout.write(
      [
        '',
        `${settled ? 'settled' : `NOT SETTLED after ${settings.timeoutSeconds} s`} in ${elapsed}:`,
        `  final states          ${listing(countByStatus(invoices.values()))} (of ${invoiceIds.length} posted)`,
        `  FAILED by error code  ${listing(failedBy)}`,
        `  executions            ${listing(executions)}`,
        `  GerarNfse calls       ${gerar} (${(gerar / Math.max(1, invoiceIds.length - national)).toFixed(2)} per ABRASF invoice); ConsultarNfsePorRps ${abrasfStats.calls.ConsultarNfsePorRps ?? 0}`,
        `  POST /nfse calls      ${posts} (${(posts / Math.max(1, national)).toFixed(2)} per national invoice, ${national} of them); HEAD/GET /dps ${nacionalStats.calls.readDps ?? 0}`,
        `  injected by the mocks ABRASF ${listing(abrasfStats.injected)}; national ${listing(nacionalStats.injected)}`,
        `  NFS-e issued          ${abrasfStats.issued} ABRASF + ${nacionalStats.issued} national; duplicates ${verdict.duplicates}`,
        `  adapter kills         ${killer.kills.map((k) => `${k.atSeconds.toFixed(1)} s (${k.finalAtKill} final)`).join(', ') || 'none'}${killer.pending > 0 ? ` (${killer.pending} never came: the run ended first)` : ''}; tasks started in all ${await killer.tasksStarted()}`,
        '',
        violations.length === 0
          ? `OK: zero duplicate NFS-e, zero invoices in a non-final state, DynamoDB and Aurora agree on status and NFS-e number for all ${invoiceIds.length} invoices`
          : `CHAOS RUN FAILED: ${violations.length} broken promise(s)\n${violations.map(describeViolation).join('\n')}`,
        '',
      ].join('\n'),
    );
    for (const violation of violations.filter((v) => v.invoiceIds.length > 0)) {
      const stories = await Promise.all(violation.invoiceIds.slice(0, 5).map(storyOf));
      process.stdout.write(`what happened (${violation.rule}):\n${stories.map((s) => `  ${s}`).join('\n')}\n`);
    }
    return violations.length === 0 && settled ? 0 : 1;
  } finally {
    await app?.stop();
    await cloud.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/**
 * The bodies posted in turn: the ABRASF cities of the demo company, each with its own total and,
 * when national cities are given, every other one an invoice of the national company there.
 */
function chaosBodies(cities: readonly string[], nacionalCities: readonly string[]): unknown[] {
  const abrasf = cities.map((municipalityCode, index) => ({ ...DEMO_INVOICE, municipalityCode, total: `${150 + index * 100}.00` }));
  if (nacionalCities.length === 0) return abrasf;
  const nacional = nacionalCities.map((municipalityCode, index) => ({ ...NACIONAL_DEMO_INVOICE, municipalityCode, total: `${275 + index * 100}.00` }));
  const turns = Math.max(abrasf.length, nacional.length) * 2;
  return Array.from({ length: turns }, (_, turn) => (turn % 2 === 0 ? abrasf[(turn / 2) % abrasf.length] : nacional[((turn - 1) / 2) % nacional.length]));
}

/** Both mocks' stats as one (each city keys its own RPS, so their keys never meet; only ABRASF cities count SubstituirNfse). */
function bothCities(abrasf: ProviderMockStatsSnapshot, nacional: Omit<ProviderMockStatsSnapshot, 'substituted'>): ProviderMockStatsSnapshot {
  const sum = (a: Record<string, number>, b: Record<string, number>): Record<string, number> => {
    const total = { ...a };
    for (const [key, n] of Object.entries(b)) total[key] = (total[key] ?? 0) + n;
    return total;
  };
  return {
    calls: sum(abrasf.calls, nacional.calls),
    injected: sum(abrasf.injected, nacional.injected),
    issued: abrasf.issued + nacional.issued,
    cancelled: abrasf.cancelled + nacional.cancelled,
    rejected: abrasf.rejected + nacional.rejected,
    substituted: abrasf.substituted,
    byRps: { ...abrasf.byRps, ...nacional.byRps },
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:chaos failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
