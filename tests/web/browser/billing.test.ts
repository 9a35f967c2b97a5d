import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Page } from 'playwright-core';
import { generatedClients } from '../../../local/billing-mocks/generatedUsage';
import { billingInvoiceId } from '../../../tasks/billing/billingInvoiceId';
import { eventually } from '../../harness/eventually';
import { executionEnded } from '../../harness/executionEnded';
import { timeScale } from '../../harness/localCloudEnv';
import { statesEntered } from '../../e2e/e2eApp';
import { DEMO, startConsoleHarness, TENANTS, type ConsoleHarness, type WatchedPage } from './consoleHarness';

/** A month no other test of this app bills (the billing schema and the mocks are this app's own). */
const MONTH = '2026-04';
/** Company 2 is blocked at the ERP: a permanent refusal, past any retry. */
const BLOCKED = { [`${MONTH}-2`]: { kind: 'rejected' } } as const;
/** ERP calls this slow (2 s of real time, on the cloud's scaled clock) keep a run holding its month for seconds. */
const SLOW_ERP_MS = Math.min(20_000, Math.round(2_000 / timeScale()));

jest.setTimeout(120_000);

describe('the Billing pages, in real Chromium against the stack started in this process', () => {
  let h: ConsoleHarness;

  beforeAll(async () => {
    h = await startConsoleHarness();
    h.e2e.app.billingMocks.usage.setClients(generatedClients(3));
    // Only the injected fault: the ERP's per-minute limits would refuse the reprocess's calls seconds after the first run's.
    h.e2e.app.billingMocks.omie.setKnobs({ faults: BLOCKED, rateLimitPerMinute: 100_000, redundantWindowSeconds: 0 });
  }, 150_000);

  afterAll(async () => {
    await h.stop();
  });

  /** Each company row as [id, outcome, invoice link, error]. */
  async function companyRows(page: Page): Promise<string[][]> {
    return page
      .getByTestId('billing-companies-table')
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [
          row.getAttribute('data-empresa') ?? '',
          row.querySelector('[data-status]')?.getAttribute('data-status') ?? '',
          row.querySelector('a[href^="/invoices/"]')?.getAttribute('href') ?? '',
          row.querySelector('[data-testid="billing-company-error"]')?.textContent ?? '',
        ]),
      );
  }

  async function waitForRun(page: Page, runId: string, status: string): Promise<void> {
    await page.getByRole('heading', { name: `Billing run ${runId}` }).waitFor();
    await page.getByTestId('billing-run-status').locator(`[data-status="${status}"]`).waitFor({ timeout: 90_000 });
  }

  /** Every page must be clean: no console error, no CSP report, no serious axe finding. The API's refusals the test provoked are expected. */
  async function expectClean(watched: WatchedPage, expectedStatuses: readonly number[] = []): Promise<void> {
    expect(await h.accessibilityViolations(watched.page)).toEqual([]);
    const refused = new RegExp(`^console\\.error: Failed to load resource: the server responded with a status of (${expectedStatuses.join('|') || 'none'}) `);
    expect(watched.problems.filter((problem) => !refused.test(problem))).toEqual([]);
  }

  it('bills a month with one company refused by the ERP, shows each outcome, and reprocesses that company once the fault is cleared', async () => {
    const watched = await h.open();
    const { page } = watched;
    await h.signIn(watched, TENANTS.demo, 'ops');
    await page.getByRole('link', { name: 'Billing' }).click();
    const form = page.getByRole('form', { name: 'Bill a month' });

    // The API's 400 beside the field it names.
    await form.getByLabel('Competência').fill('2026-13');
    await form.getByRole('button', { name: 'Bill the month' }).click();
    expect(await page.getByTestId('bill-competencia-error').innerText()).toBe('must be a month YYYY-MM (01 to 12)');
    await form.getByLabel('Competência').fill(MONTH);
    await form.getByLabel('Companies (optional)').fill('');
    await form.getByRole('button', { name: 'Bill the month' }).click();

    // The run's page opens while it runs and follows it live (no reload) until it ends.
    await waitForRun(page, `manual-${MONTH}-1`, 'RUNNING');
    await waitForRun(page, `manual-${MONTH}-1`, 'SUCCEEDED');
    expect(await page.getByTestId('billing-run-summary').innerText()).toBe('3 companies: 2 invoiced, 0 skipped, 1 failed');
    const invoice = (empresa: string): string => `/invoices/${billingInvoiceId(DEMO, MONTH, empresa)}`;
    const refused = await companyRows(page);
    expect(refused.map(([empresa, status, link]) => [empresa, status, link])).toEqual([
      ['1', 'invoiced', invoice('1')],
      ['2', 'failed', ''],
      ['3', 'invoiced', invoice('3')],
    ]);
    expect(refused[1]?.[3]).toMatch(/^Erp\.Rejected ERP IncluirContrato \(SOAP-ENV:Client-120\): ERROR: O cliente \[\d+\] está bloqueado para faturamento!$/);
    const runArn = `${h.e2e.app.names.env.BILLING_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:manual-${MONTH}-1`;
    expect(await page.getByTestId('billing-run-facts').getByRole('link').getAttribute('href')).toBe(`/executions/${encodeURIComponent(runArn)}`);
    expect(await page.locator('[data-empresa="1"]').getByRole('link', { name: 'Emission executions of company 1' }).getAttribute('href')).toBe(
      `/executions?workflow=emission&name=${billingInvoiceId(DEMO, MONTH, '1')}`,
    );
    await h.screenshot(page, 'billing-run-failed-company');
    await expectClean(watched, [400]);

    // Ops clear the fault at the ERP, then reprocess the company: a new run for it alone.
    h.e2e.app.billingMocks.omie.setKnobs({ faults: {} });
    await page.getByRole('button', { name: 'Reprocess company 2' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('heading').innerText()).toBe(`Reprocess company 2 for ${MONTH}?`);
    expect(await dialog.locator('p').first().innerText()).toContain('A company already invoiced for the month is never invoiced twice');
    await h.screenshot(page, 'billing-reprocess-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Start the run' }).click();

    await waitForRun(page, `manual-${MONTH}-2`, 'SUCCEEDED');
    expect(await page.getByTestId('billing-run-summary').innerText()).toBe('1 company: 1 invoiced, 0 skipped, 0 failed');
    expect((await companyRows(page)).map(([empresa, status, link, error]) => [empresa, status, link, error])).toEqual([
      ['1', 'invoiced', invoice('1'), ''],
      ['2', 'invoiced', invoice('2'), ''],
      ['3', 'invoiced', invoice('3'), ''],
    ]);
    expect(h.e2e.app.billingMocks.omie.snapshot().contracts).toBe(3);
    // Its emission, among the emission workflow's executions found by its invoice.
    await page.getByRole('link', { name: 'Emission executions of company 2' }).click();
    const emission = page.getByTestId('executions-table').locator(`tr[data-execution="${billingInvoiceId(DEMO, MONTH, '2')}"]`);
    await emission.locator('[data-status="SUCCEEDED"]').waitFor();
    expect(await page.getByTestId('executions-table').locator('tbody tr').count()).toBe(1);

    // The runs, newest first, with their summaries.
    await page.getByRole('link', { name: 'Billing' }).click();
    const runs = page.getByTestId('billing-runs-table').locator('tbody tr');
    await runs.nth(1).waitFor();
    expect(await runs.evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].slice(0, 8).map((cell) => cell.textContent?.trim() ?? '')))).toEqual([
      [`manual-${MONTH}-2`, MONTH, 'manual', '✓ SUCCEEDED', '1', '1', '0', '0'],
      [`manual-${MONTH}-1`, MONTH, 'manual', '✓ SUCCEEDED', '3', '2', '0', '1'],
    ]);
    await h.screenshot(page, 'billing-runs');
    await expectClean(watched, [400]);

    // A run's execution opens in the execution pages, its graph drawn (the Map over companies among its states).
    await runs.nth(1).getByRole('link', { name: `manual-${MONTH}-1` }).click();
    await page.getByTestId('billing-run-facts').getByRole('link', { name: `manual-${MONTH}-1` }).click();
    await page.locator('[data-testid="execution-graph"][data-layout="ready"]').waitFor();
    expect(await page.getByTestId('execution-arn').innerText()).toBe(runArn);
    await page.getByTestId('execution-status').getByText('SUCCEEDED').waitFor();
    await h.screenshot(page, 'billing-run-execution');
    await expectClean(watched, [400]);
  });

  it('links a second start of a running month to the run that holds it, shows a run that found the month held as held by it, and shows the pages and the run’s execution to admins but not to viewers', async () => {
    const admin = await h.open();
    await h.signIn(admin, TENANTS.demo, 'admin');
    await admin.page.getByRole('link', { name: 'Billing' }).click();
    const form = admin.page.getByRole('form', { name: 'Bill a month' });
    await form.getByLabel('Competência').fill('2026-05');
    // Someone else starts the month just before; the usage platform answers slowly, so it is still running when the form asks.
    h.e2e.app.billingMocks.usage.setKnobs({ latencyMs: 4000 });
    const ops = await h.e2e.token('billing-console-ops', [DEMO], 'ops');
    const started = await h.e2e.call('POST', '/billing/runs', ops, { competencia: '2026-05' });
    expect(started.status).toBe(202);
    await form.getByRole('button', { name: 'Bill the month' }).click();

    const conflict = admin.page.getByTestId('bill-conflict');
    expect(await conflict.innerText()).toBe('A run of this month is running. Wait for it, or follow it: manual-2026-05-1');
    await conflict.getByRole('link', { name: 'manual-2026-05-1' }).click();
    await admin.page.getByRole('heading', { name: 'Billing run manual-2026-05-1' }).waitFor();

    // A run the schedule starts while that one bills the month (a slow ERP keeps it billing) finds the month held and does nothing.
    h.e2e.app.billingMocks.omie.setKnobs({ latencyMs: SLOW_ERP_MS });
    h.e2e.app.billingMocks.usage.setKnobs({ latencyMs: 0 });
    const holderArn = String(started.body.executionArn);
    await eventually('manual-2026-05-1 to hold its month', () => h.e2e.history(holderArn), (history) => statesEntered(history).includes('LoadRecorded'), { timeoutMs: 60_000, intervalMs: 200 });
    const held = await h.e2e.sfn.send(new StartExecutionCommand({ stateMachineArn: h.e2e.app.names.env.BILLING_STATE_MACHINE_ARN, name: 'held-2026-05', input: JSON.stringify({ competencia: '2026-05', trigger: 'scheduled', requestId: 'held-2026-05' }) }));
    expect(JSON.parse((await executionEnded(h.e2e.sfn, String(held.executionArn), { timeoutMs: 60_000 })).output ?? 'null')).toEqual({ competencia: '2026-05', heldBy: holderArn });
    await h.go(admin.page, '/billing');
    const heldRow = admin.page.locator('[data-run="held-2026-05"]');
    // textContent: the badge is a flex box, whose innerText puts each part on a line of its own.
    expect(await heldRow.getByTestId('billing-run-held-by').textContent()).toBe('⊘ held by manual-2026-05-1');
    expect(await heldRow.locator('td.num').allInnerTexts()).toEqual(['—', '—', '—', '—']);
    await heldRow.getByRole('link', { name: 'held-2026-05' }).click();
    await admin.page.getByRole('heading', { name: 'Billing run held-2026-05' }).waitFor();
    expect(await admin.page.getByTestId('billing-run-summary').textContent()).toBe('⊘ held by manual-2026-05-1 Did nothing: that run was billing the month.');
    await h.screenshot(admin.page, 'billing-run-held');
    await admin.page.getByTestId('billing-run-summary').getByRole('link', { name: 'manual-2026-05-1' }).click();
    await admin.page.getByRole('heading', { name: 'Billing run manual-2026-05-1' }).waitFor();
    await executionEnded(h.e2e.sfn, holderArn, { timeoutMs: 120_000 });
    h.e2e.app.billingMocks.omie.setKnobs({ latencyMs: 0 });

    // An admin may read billing runs, and so the run's execution its page links to.
    await admin.page.getByTestId('billing-run-facts').getByRole('link', { name: 'manual-2026-05-1' }).click();
    await admin.page.locator('[data-testid="execution-graph"][data-layout="ready"]').waitFor();
    expect(await admin.page.getByTestId('execution-arn').innerText()).toBe(holderArn);
    await expectClean(admin, [409]);

    const viewer = await h.open();
    await h.signIn(viewer, TENANTS.demo, 'viewer');
    expect(await viewer.page.getByRole('link', { name: 'Billing' }).count()).toBe(0);
    await h.go(viewer.page, '/billing');
    await viewer.page.getByRole('heading', { name: 'Not found' }).waitFor();
  });

  it('pages the runs as the API pages them: 20, then the older ones', async () => {
    // 18 more runs of the month the first test closed (20 with the two of 2026-05): each finds it billed, or held, and ends at once.
    const stateMachineArn = h.e2e.app.names.env.BILLING_STATE_MACHINE_ARN;
    const started = await Promise.all(
      Array.from({ length: 18 }, (_, i) => h.e2e.sfn.send(new StartExecutionCommand({ stateMachineArn, name: `paging-${i + 1}`, input: JSON.stringify({ competencia: MONTH, trigger: 'scheduled', requestId: `paging-${i + 1}` }) }))),
    );
    await Promise.all(started.map((run) => executionEnded(h.e2e.sfn, String(run.executionArn), { timeoutMs: 60_000 })));
    const watched = await h.open();
    const { page } = watched;
    await h.signIn(watched, TENANTS.demo, 'ops');
    await page.getByRole('link', { name: 'Billing' }).click();
    const pager = page.getByRole('navigation', { name: 'Pages' });
    const runIds = (): Promise<string[]> => page.getByTestId('billing-runs-table').locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-run') ?? ''));
    await page.getByTestId('billing-runs-table').locator('tbody tr').nth(19).waitFor();

    const first = await runIds();
    expect(first).toHaveLength(20);
    expect(first.filter((id) => id.startsWith('paging-'))).toHaveLength(18);
    expect(first.slice(-2)).toEqual(['held-2026-05', 'manual-2026-05-1']);
    await pager.getByRole('button', { name: 'Next →' }).click();
    await pager.getByText('Page 2').waitFor();
    await page.locator('[data-run="manual-2026-04-1"]').waitFor();
    expect(await runIds()).toEqual([`manual-${MONTH}-2`, `manual-${MONTH}-1`]);
    expect(await pager.getByRole('button', { name: 'Next →' }).isDisabled()).toBe(true);
    await pager.getByRole('button', { name: '← Previous' }).click();
    await page.locator('[data-run="manual-2026-05-1"]').waitFor();
    expect(await runIds()).toEqual(first);
    await expectClean(watched);
  });
});
