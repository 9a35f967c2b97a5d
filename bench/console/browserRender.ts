/**
 * Console graph benchmark in real Chromium: `graph-render` (from the execution's data to the
 * painted graph: layout worker, ELK, React) for a 100-state execution, on a fresh page (cold:
 * the worker starts and ELK compiles) and opened again on the same page (warm). Starts the
 * local stack (cloud, API, console) in this process. Prints figures; never run as a test.
 *
 *   npx tsx bench/console/browserRender.ts          (part of npm run bench:console)
 *   BENCH_CONSOLE_REPS=20 npx tsx bench/console/browserRender.ts
 */
import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { chromium, type Page } from 'playwright-core';
import { startLocalApp } from '../../local/app/startLocalApp';
import { startLocalCloud } from '../../local/startLocalCloud';
import { ensureConsoleBuilt } from '../../local/web/buildConsole';
import { chromiumBinary } from '../../local/web/chromiumBinary';
import { ConsoleServer } from '../../local/web/ConsoleServer';
import { DEV_TENANTS, localConsoleConfig } from '../../local/web/localConsoleConfig';

const REPS = Number(process.env.BENCH_CONSOLE_REPS ?? 8);
const STATES = 100;
const GOAL_MS = 500;

function summary(samples: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return `median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, min ${(sorted[0] ?? Number.NaN).toFixed(0)} ms (n=${sorted.length})`;
}

async function renderTime(page: Page, executionArn: string): Promise<number> {
  await page.evaluate(`performance.clearMeasures('graph-render'); history.pushState(null, '', '/invoices'); dispatchEvent(new PopStateEvent('popstate'))`);
  await page.evaluate(`history.pushState(null, '', ${JSON.stringify(`/executions/${encodeURIComponent(executionArn)}`)}); dispatchEvent(new PopStateEvent('popstate'))`);
  await page.locator(`[data-testid="graph-node-Step${STATES - 1}"][data-status="succeeded"]`).waitFor({ timeout: 30_000 });
  // Polled through the DevTools protocol: waitForFunction would eval in the page, which the CSP forbids.
  while ((await page.evaluate(`performance.getEntriesByName('graph-render').length > 0`)) !== true) await new Promise((r) => setTimeout(r, 20));
  return (await page.evaluate(`performance.getEntriesByName('graph-render').at(-1).duration`)) as number;
}

async function main(): Promise<void> {
  const logger = pino({ level: 'silent' });
  const { distDir } = await ensureConsoleBuilt();
  const cloud = await startLocalCloud({ port: 0, timeScale: 1, logger });
  let apiUrl = '';
  const server = await new ConsoleServer({ distDir, port: 0, config: () => localConsoleConfig(apiUrl) }).start();
  const authDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nfse-bench-console-'));
  const app = await startLocalApp({ endpoint: cloud.endpoint, clock: cloud.clock, timeScale: 1, prefix: 'benchconsole', apiPort: 0, mockPort: 0, nacionalMockPort: 0, authDir, consoleOrigin: server.endpoint, adapters: { mode: 'in-process', count: 0 }, logger });
  apiUrl = app.api.endpoint;
  const sfn = new SFNClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const states: Record<string, unknown> = {};
  for (let i = 0; i < STATES; i += 1) states[`Step${i}`] = i < STATES - 1 ? { Type: 'Pass', Next: `Step${i + 1}` } : { Type: 'Pass', End: true };
  const machine = await sfn.send(new CreateStateMachineCommand({ name: 'bench-graph-100', roleArn: 'arn:aws:iam::000000000000:role/sfn', definition: JSON.stringify({ StartAt: 'Step0', States: states }) }));
  const { executionArn = '' } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn, input: '{}' }));
  while ((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status === 'RUNNING') await new Promise((r) => setTimeout(r, 20));

  const binary = await chromiumBinary();
  const browser = await chromium.launch({ executablePath: binary.executablePath, args: [...binary.args, '--disable-background-networking', '--disable-component-update', '--no-first-run'], headless: true });
  const cold: number[] = [];
  const warm: number[] = [];
  try {
    for (let rep = 0; rep < REPS; rep += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server.endpoint}/`);
      await page.getByLabel('Tenant').selectOption({ index: 0 });
      await page.getByRole('radio', { name: /Ops —/ }).check();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('role').filter({ hasText: 'ops' }).waitFor();
      // Straight to the execution: the idle-time warm-up of the layout worker has not run yet.
      cold.push(await renderTime(page, executionArn));
      warm.push(await renderTime(page, executionArn));
      await context.close();
      process.stderr.write(`  rep ${rep + 1}/${REPS}: cold ${cold.at(-1)?.toFixed(0)} ms, warm ${warm.at(-1)?.toFixed(0)} ms\n`);
    }
  } finally {
    await browser.close();
    await server.stop();
    await app.stop();
    await cloud.stop();
  }
  const verdict = (samples: number[]): string => ([...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? Infinity) < GOAL_MS ? 'yes' : 'NO';
  process.stdout.write(
    [
      `console graph, ${STATES}-state execution, real Chromium (graph-render: data -> layout worker -> ELK -> React -> paint), tenant ${DEV_TENANTS[0]?.name ?? ''}`,
      `  first graph of a fresh page (worker cold): ${summary(cold)}  (goal < ${GOAL_MS} ms: ${verdict(cold)})`,
      `  opened again (worker warm):                ${summary(warm)}  (goal < ${GOAL_MS} ms: ${verdict(warm)})`,
      `  load average ${os.loadavg().map((n) => n.toFixed(1)).join(' / ')} on ${os.cpus().length} cores`,
    ].join('\n') + '\n',
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:console failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
