import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ENV } from '../../../contracts/wiring';
import { executionEnded } from '../../harness/executionEnded';
import { uniqueName } from '../../harness/localCloudEnv';
import { startConsoleHarness, TENANTS, type ConsoleHarness, type WatchedPage, DEMO, DEMO_INVOICE } from './consoleHarness';

const body = DEMO_INVOICE;

jest.setTimeout(90_000);

describe('the executions list, in real Chromium', () => {
  let h: ConsoleHarness;
  let client: string;
  let ops: string;

  beforeAll(async () => {
    h = await startConsoleHarness();
    client = await h.e2e.token('executions-list-client', [DEMO]);
    ops = await h.e2e.token('executions-list-ops', [DEMO], 'ops');
  }, 120_000);

  afterAll(async () => {
    await h.stop();
  });

  afterEach(() => {
    h.e2e.app.mock.reset();
  });

  async function emit(): Promise<string> {
    const created = await h.e2e.call('POST', '/invoices', client, body);
    expect(created.status).toBe(201);
    return String(created.body.invoiceId);
  }

  async function expectClean(watched: WatchedPage): Promise<void> {
    expect(await h.accessibilityViolations(watched.page)).toEqual([]);
    expect(watched.problems).toEqual([]);
  }

  it('finds the executions of an invoice, with the error of the one that failed', async () => {
    h.e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['GerarNfse'] });
    const invoiceId = await emit();
    await h.e2e.waitForStatus(invoiceId, ['FAILED'], 30_000);
    expect((await h.e2e.call('POST', `/ops/invoices/${invoiceId}/reprocess`, ops)).status).toBe(202);
    await h.e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);
    await emit();
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'viewer');
    await watched.page.getByRole('link', { name: 'Executions' }).click();
    const table = watched.page.getByTestId('executions-table');
    await table.locator('tbody tr').first().waitFor();

    await watched.page.getByLabel('Name or invoice').fill(invoiceId);
    await watched.page.getByRole('button', { name: 'Find' }).click();

    await table.locator(`tr[data-execution="${invoiceId}-r1"]`).waitFor();
    expect(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-execution')))).toEqual([`${invoiceId}-r1`, invoiceId]);
    expect(await table.locator(`tr[data-execution="${invoiceId}"] code`).innerText()).toBe('Invoice.Failed');
    expect(await table.locator(`tr[data-execution="${invoiceId}-r1"]`).getByTestId('execution-list-error').innerText()).toBe('');
    await h.screenshot(watched.page, 'executions-found');

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await watched.page.getByLabel('Started from').fill(tomorrow);
    await watched.page.getByRole('button', { name: 'Find' }).click();
    await watched.page.getByText('No execution matches.').waitFor();
    expect(new URL(watched.page.url()).searchParams.get('from')).toBe(tomorrow);
    await expectClean(watched);
  });

  it('shows a loading indicator, not an empty table, until the list arrives', async () => {
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'viewer');
    // The API held back for a moment, as over a slow network.
    await watched.page.route('**/executions?**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });

    await watched.page.getByRole('link', { name: 'Executions' }).click();

    const loading = watched.page.getByTestId('executions-loading');
    await loading.waitFor();
    expect(await loading.getAttribute('role')).toBe('status');
    expect(await loading.innerText()).toBe('Loading executions…');
    expect(await watched.page.getByText('No executions yet.').count()).toBe(0);
    await watched.page.getByTestId('executions-table').locator('tbody tr').first().waitFor();
    expect(await loading.count()).toBe(0);
    await expectClean(watched);
  });

  it('refreshes itself every 5 s, and only by hand once auto-refresh is off', async () => {
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'viewer');
    await watched.page.getByRole('link', { name: 'Executions' }).click();
    const table = watched.page.getByTestId('executions-table');
    await watched.page.locator('[data-testid="executions-table"][aria-busy="false"]').waitFor();

    const arrived = await emit();
    await table.locator(`tr[data-execution="${arrived}"]`).waitFor({ timeout: 8000 });

    await watched.page.getByLabel(/Auto-refresh every 5 s/).uncheck();
    const unseen = await emit();
    await h.e2e.waitForStatus(unseen, ['ISSUED'], 30_000);
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(await table.locator(`tr[data-execution="${unseen}"]`).count()).toBe(0);
    await watched.page.getByRole('button', { name: 'Refresh' }).click();
    await table.locator(`tr[data-execution="${unseen}"]`).waitFor();
    await expectClean(watched);
  });

  it('shows each role the workflows it may list: ops every one, a viewer the invoice workflows', async () => {
    const name = uniqueName('console-sync');
    const sync = await h.e2e.sfn.send(new StartExecutionCommand({ stateMachineArn: h.e2e.app.names.env[ENV.CnpjSyncStateMachineArn], name, input: JSON.stringify({ trigger: 'manual', requestId: name }) }));
    await executionEnded(h.e2e.sfn, String(sync.executionArn), { timeoutMs: 60_000 });
    const tabNames = (watched: WatchedPage): Promise<string[]> => watched.page.getByRole('tablist', { name: 'Workflow' }).getByRole('tab').allInnerTexts();

    const viewer = await h.open();
    await h.signIn(viewer, TENANTS.demo, 'viewer');
    await viewer.page.getByRole('link', { name: 'Executions' }).click();
    await viewer.page.locator('[data-testid="executions-table"][aria-busy="false"]').waitFor();
    expect(await tabNames(viewer)).toEqual(['Emission', 'Cancellation', 'Substitution']);

    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'ops');
    await watched.page.getByRole('link', { name: 'Executions' }).click();
    expect(await tabNames(watched)).toEqual(['Emission', 'Cancellation', 'Substitution', 'Billing cycle', 'CNPJ sync', 'Order saga']);
    await watched.page.getByRole('tab', { name: 'CNPJ sync' }).click();
    await watched.page.getByTestId('executions-table').locator(`tr[data-execution="${name}"]`).waitFor();
    expect(new URL(watched.page.url()).searchParams.get('workflow')).toBe('cnpjSync');
    await expectClean(watched);
  });
});
