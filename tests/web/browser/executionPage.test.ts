import fs from 'node:fs/promises';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import type { Page } from 'playwright-core';
import { rdsDataAdmin } from '../../../local/rds-data/rdsDataAdmin';
import { eventually } from '../../harness/eventually';
import { testClientConfig } from '../../harness/localCloudEnv';
import { startConsoleHarness, TENANTS, type ConsoleHarness, type WatchedPage, DEMO, DEMO_INVOICE } from './consoleHarness';

const body = DEMO_INVOICE;

jest.setTimeout(90_000);

describe('the execution page, in real Chromium', () => {
  let h: ConsoleHarness;
  let client: string;
  let ops: string;

  beforeAll(async () => {
    h = await startConsoleHarness();
    client = await h.e2e.token('execution-page-client', [DEMO]);
    ops = await h.e2e.token('execution-page-ops', [DEMO], 'ops');
  }, 120_000);

  afterAll(async () => {
    await rdsDataAdmin(testClientConfig().endpoint, h.e2e.app.names.dbClusterArn).resume();
    await h.stop();
  });

  afterEach(() => {
    h.e2e.app.mock.reset();
  });

  const emit = (): Promise<{ invoiceId: string; executionArn: string }> => h.emit(client, body);

  async function issued(): Promise<{ invoiceId: string; executionArn: string }> {
    const emitted = await emit();
    await h.e2e.waitForStatus(emitted.invoiceId, ['ISSUED'], 30_000);
    return emitted;
  }

  async function failAtReport(): Promise<{ invoiceId: string; executionArn: string }> {
    const admin = rdsDataAdmin(testClientConfig().endpoint, h.e2e.app.names.dbClusterArn);
    await admin.outage(3600);
    const emitted = await emit();
    await eventually('the execution failed at the report state', () => h.e2e.sfn.send(new DescribeExecutionCommand({ executionArn: emitted.executionArn })), (described) => described.status === 'FAILED', { timeoutMs: 60_000, intervalMs: 200 });
    await admin.resume();
    return emitted;
  }

  async function openExecution(executionArn: string, options: Parameters<ConsoleHarness['open']>[0] = {}): Promise<WatchedPage> {
    const watched = await h.open(options);
    await h.signIn(watched, TENANTS.demo, 'viewer');
    await h.go(watched.page, `/executions/${encodeURIComponent(executionArn)}`);
    await watched.page.locator('[data-testid="execution-graph"][data-layout="ready"]').waitFor();
    return watched;
  }

  async function expectClean(watched: WatchedPage): Promise<void> {
    expect(await h.accessibilityViolations(watched.page)).toEqual([]);
    expect(watched.problems).toEqual([]);
  }

  /** The zoom the toolbar shows, in per cent. */
  async function zoom(page: Page): Promise<number> {
    return Number((await page.locator('.graph-toolbar-zoom').innerText()).replace('%', ''));
  }

  const viewportMetrics = "(() => { const v = document.querySelector('.graph-viewport'); return { scrollWidth: v.scrollWidth, clientWidth: v.clientWidth, scrollHeight: v.scrollHeight, clientHeight: v.clientHeight }; })()";

  it('opens the graph fitted to its width at a legible zoom, and Fit keeps it there', async () => {
    const { executionArn } = await issued();
    const watched = await openExecution(executionArn);
    const { page } = watched;

    const opened = await zoom(page);
    const metrics = (await page.evaluate(viewportMetrics)) as { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number };
    expect(opened).toBeGreaterThanOrEqual(75);
    expect(opened).toBeLessThanOrEqual(100);
    // The whole width shows: no sideways scroll at 1280 px.
    expect(metrics.scrollWidth).toBe(metrics.clientWidth);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    expect(await zoom(page)).toBe(opened);
    // The lowest states are a scroll away inside the canvas, not hidden under the legend.
    await page.evaluate("document.querySelector('.graph-viewport').scrollTop = 1e6");
    const lowest = await page.getByTestId('graph-node-MarkFailed').boundingBox();
    const canvas = await page.locator('.graph-viewport').boundingBox();
    expect(lowest !== null && canvas !== null && lowest.y + lowest.height <= canvas.y + canvas.height).toBe(true);
    await h.screenshot(page, 'execution-fitted', { fullPage: false });
    await expectClean(watched);
  });

  it('keeps names legible on a phone: 75 %, scrolled sideways', async () => {
    const { executionArn } = await issued();
    const watched = await openExecution(executionArn, { width: 390, height: 844 });
    const { page } = watched;

    expect(await zoom(page)).toBe(75);
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    expect(await zoom(page)).toBe(75);
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
    await h.screenshot(page, 'execution-phone-fitted', { fullPage: false });
    await expectClean(watched);
  });

  it('explains a shortened catch label with a tooltip listing every error it takes', async () => {
    const { executionArn } = await issued();
    const watched = await openExecution(executionArn);
    const { page } = watched;
    const label = page.locator('[data-edge="RequestIssuance->MarkFailed:catch"] .graph-edge-label');

    await label.scrollIntoViewIfNeeded();
    await label.hover();

    const tip = page.getByRole('tooltip');
    await tip.waitFor();
    expect(await tip.locator('li').allInnerTexts()).toEqual(['Provider.Rejected', 'Provider.DeadLettered', 'Provider.Mismatch', 'Provider.CertificateMissing', 'Provider.Transient', 'Provider.Ambiguous', 'States.Timeout']);
    expect(await tip.innerText()).toContain('Catches these 7 errors');
    expect(await tip.innerText()).toContain('and goes to MarkFailed');
    await h.screenshot(page, 'execution-edge-tooltip', { fullPage: false });
    await page.mouse.move(0, 0);
    await tip.waitFor({ state: 'detached' });
    // The keyboard reaches it too.
    await label.focus();
    await tip.waitFor();
    expect(await label.getAttribute('aria-describedby')).toBe(await tip.getAttribute('id'));
    await expectClean(watched);
  });

  it('shows the input, output and ARN in the header, copies the ARN and exports the history', async () => {
    const { invoiceId, executionArn } = await issued();
    const watched = await openExecution(executionArn, { permissions: ['clipboard-read', 'clipboard-write'] });
    const { page } = watched;

    expect(await page.getByTestId('execution-arn').innerText()).toBe(executionArn);
    await page.getByText('Execution input and output').click();
    expect(JSON.parse(await page.getByLabel('Execution input', { exact: true }).innerText())).toMatchObject({ invoiceId, companyCnpj: DEMO, total: '1500.00' });
    expect(JSON.parse(await page.getByLabel('Execution output', { exact: true }).innerText())).toMatchObject({ invoiceId, status: 'ISSUED' });
    // Long lines wrap inside the block instead of scrolling it sideways.
    expect(await page.evaluate("(() => { const p = document.querySelector('[aria-label=\"Execution input\"]'); return p.scrollWidth - p.clientWidth; })()")).toBe(0);

    await page.getByRole('button', { name: 'Copy ARN' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(executionArn);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export history (JSON)' }).click()]);
    expect(download.suggestedFilename()).toBe(`${invoiceId}-history.json`);
    const exported = JSON.parse(await fs.readFile(String(await download.path()), 'utf8')) as { executionArn: string; status: string; timeline: Array<{ type: string }>; definition?: string };
    expect(exported).toMatchObject({ executionArn, status: 'SUCCEEDED', name: invoiceId });
    expect(exported.definition).toBeUndefined();
    expect(exported.timeline[0]?.type).toBe('ExecutionStarted');
    expect(exported.timeline.at(-1)?.type).toBe('ExecutionSucceeded');
    await h.screenshot(page, 'execution-header', { fullPage: false });
    await expectClean(watched);
  });

  it('lists the states with their durations in the table view beside the graph', async () => {
    const { executionArn } = await issued();
    const watched = await openExecution(executionArn);
    const { page } = watched;

    await page.getByRole('tab', { name: 'Table view' }).click();

    const table = page.getByTestId('state-table');
    await table.waitFor();
    const names = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
    expect(names).toEqual(['MarkProcessing', 'RequestIssuance', 'CheckOutcome', 'MarkIssued', 'ReportIssued', 'PublishIssued', 'Issued']);
    const durations = await table.getByTestId('state-duration').allInnerTexts();
    expect(durations).toHaveLength(7);
    for (const duration of durations) expect(duration).toMatch(/^\d+ ms$|^\d+\.\d+ s$/);
    await table.getByRole('button', { name: 'RequestIssuance' }).click();
    await page.locator('[data-testid="state-inspector"][data-state="RequestIssuance"]').waitFor();
    await h.screenshot(page, 'execution-table-view', { fullPage: false });
    await expectClean(watched);
    await page.getByRole('tab', { name: 'Graph view' }).click();
    await page.locator('[data-testid="execution-graph"][data-layout="ready"]').waitFor();
  });

  it('names the state a failed execution stopped at, and lists when each redrive happened', async () => {
    const { executionArn } = await failAtReport();
    const watched = await openExecution(executionArn);
    const { page } = watched;

    expect(await page.getByTestId('execution-error').innerText()).toMatch(/^Failed at ReportIssued: /);
    expect(await page.getByTestId('execution-redrives').innerText()).toBe('0');
    const redriven = await h.e2e.call('POST', `/ops/executions/${encodeURIComponent(executionArn)}/redrive`, ops);
    expect(redriven.status).toBe(202);
    await h.e2e.finishedHistory(executionArn, 30_000);
    // Away and back, as a user would: the page reads the execution again.
    await h.go(page, '/executions');
    await page.getByTestId('executions-table').waitFor();
    await h.go(page, `/executions/${encodeURIComponent(executionArn)}`);

    await page.getByTestId('execution-status').getByText('SUCCEEDED').waitFor();
    const redrives = page.getByTestId('execution-redrives').locator('li');
    expect(await redrives.count()).toBe(1);
    const when = await redrives.locator('time').getAttribute('datetime');
    const history = await h.e2e.call('GET', `/executions/${encodeURIComponent(executionArn)}`, ops);
    const redriveEvent = (history.body.timeline as Array<{ type: string; timestamp: string }>).find((e) => e.type === 'ExecutionRedriven');
    expect(when).toBe(redriveEvent?.timestamp);
    expect(await redrives.innerText()).toMatch(/^#1 \d{1,2} \w{3} \d{4}, \d{2}:\d{2}:\d{2} \S+/);
    expect(await page.getByTestId('execution-error').count()).toBe(0);
    await expectClean(watched);
  });

  it('draws the state a stopped execution was in as Aborted, after a failed attempt too, and says where it stopped', async () => {
    // The city fails the first call (a retry follows) and is slow: the stop lands while RequestIssuance retries.
    h.e2e.app.mock.knobs.set({ latencyMs: 5_000 });
    h.e2e.app.mock.knobs.failNext({ kind: 'transient5xx', count: 1, operations: ['GerarNfse'] });
    const { executionArn } = await emit();
    await eventually('the first city call failed', () => h.e2e.call('GET', `/executions/${encodeURIComponent(executionArn)}`, ops), (r) => (r.body.timeline as Array<{ type: string }>).some((e) => e.type === 'TaskFailed'), { timeoutMs: 30_000, intervalMs: 200 });
    const stopped = await h.e2e.call('POST', `/ops/executions/${encodeURIComponent(executionArn)}/stop`, ops);
    expect(stopped.status).toBe(202);

    const watched = await openExecution(executionArn);
    const { page } = watched;

    await page.locator('[data-testid="graph-node-RequestIssuance"][data-status="aborted"]').waitFor();
    await page.getByTestId('graph-node-RequestIssuance').click();
    expect(await page.getByTestId('state-inspector').getByText('Provider.Transient').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('execution-error').innerText()).toMatch(/^Stopped at RequestIssuance: Ops\.Stopped /);
    await h.screenshot(page, 'execution-stopped', { fullPage: false });
    await expectClean(watched);
  });
});
