import { MockStats } from '../../../local/provider-mock/MockStats';
import { CreateStateMachineCommand, DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Page } from 'playwright-core';
import { rdsDataAdmin } from '../../../local/rds-data/rdsDataAdmin';
import { eventually } from '../../harness/eventually';
import { readPdf } from '../../harness/readPdf';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { startConsoleHarness, TENANTS, type ConsoleHarness, type WatchedPage, DEMO, DEMO_INVOICE } from './consoleHarness';

const body = DEMO_INVOICE;

jest.setTimeout(90_000);

describe('the console, in real Chromium against the stack started in this process', () => {
  let h: ConsoleHarness;
  let client: string;
  let viewerToken: string;

  beforeAll(async () => {
    h = await startConsoleHarness();
    client = await h.e2e.token('console-client', [DEMO]);
    viewerToken = await h.e2e.token(`console-viewer-${DEMO}`, [DEMO], 'viewer');
  }, 120_000);

  afterAll(async () => {
    await rdsDataAdmin(testClientConfig().endpoint, h.e2e.app.names.dbClusterArn).resume();
    await h.stop();
  });

  afterEach(() => {
    h.e2e.app.mock.reset();
  });

  const emit = (): Promise<{ invoiceId: string; executionArn: string }> => h.emit(client, body);

  /** A state's node in the graph in one of these statuses (`retried` = succeeded after retries). */
  function node(page: Page, state: string, ...statuses: string[]): ReturnType<Page['locator']> {
    return page.locator(statuses.map((status) => `[data-testid="graph-node-${state}"][data-status="${status}"]`).join(', '));
  }

  /**
   * Waits until an expression holds in the page. Evaluated through the DevTools protocol:
   * Playwright's waitForFunction would `eval` in the page, which the console's CSP forbids.
   */
  async function until(page: Page, expression: string): Promise<void> {
    await eventually(expression, () => page.evaluate(expression), (value) => value === true, { timeoutMs: 30_000 });
  }

  /** Every page of a test must be clean: no console error, no CSP report, no serious axe finding. */
  async function expectClean(watched: WatchedPage): Promise<void> {
    expect(await h.accessibilityViolations(watched.page)).toEqual([]);
    expect(watched.problems).toEqual([]);
  }

  it('signs in as a viewer and lists the tenant’s invoices', async () => {
    const { invoiceId } = await emit();
    await h.e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'viewer');

    await watched.page.getByRole('link', { name: invoiceId }).waitFor();

    expect(await watched.page.getByRole('link', { name: 'Failures' }).count()).toBe(0);
    await h.screenshot(watched.page, 'invoices-viewer');
    await expectClean(watched);
    await watched.page.getByRole('link', { name: 'Executions' }).click();
    await watched.page.getByTestId('executions-table').getByRole('link', { name: invoiceId }).waitFor();
    await h.screenshot(watched.page, 'executions-viewer');
    await expectClean(watched);
    await watched.page.getByRole('link', { name: 'Invoices' }).click();
    await watched.page.getByRole('link', { name: invoiceId }).click();
    await watched.page.getByTestId('status-timeline').locator('[data-status="ISSUED"]').waitFor();
    expect(await watched.page.getByTestId('nfse-xml-link').getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+nfse%2F|nfse\//);
    await h.screenshot(watched.page, 'invoice-detail');
    await expectClean(watched);
  });

  it('draws an execution turning green state by state while it runs', async () => {
    // 15 s of city latency at the shared cloud's time scale: long enough to watch, inside the adapter's call timeout.
    h.e2e.app.mock.knobs.set({ latencyMs: 15_000 });
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'viewer');
    const { executionArn } = await emit();

    await h.go(watched.page, `/executions/${encodeURIComponent(executionArn)}`);

    // One snapshot of the graph mid-run: the first state green, the city call running, the rest not reached.
    const statusOf = (state: string): string => `document.querySelector('[data-testid="graph-node-${state}"]')?.dataset.status`;
    await until(watched.page, `${statusOf('MarkProcessing')} === 'succeeded' && ${statusOf('RequestIssuance')} === 'running' && ${statusOf('MarkIssued')} === 'not-reached'`);
    await h.screenshot(watched.page, 'execution-running');
    await node(watched.page, 'RequestIssuance', 'succeeded').waitFor({ timeout: 30_000 });
    await node(watched.page, 'Issued', 'succeeded').waitFor();
    await watched.page.getByTestId('execution-status').getByText('SUCCEEDED').waitFor();
    expect(await node(watched.page, 'MarkFailed', 'not-reached').count()).toBe(1);
    await watched.page.getByTestId('graph-node-RequestIssuance').click();
    await watched.page.getByTestId('state-inspector').getByText('RequestIssuance').first().waitFor();
    // Keyboard only: a focused state opens in the inspector with Enter.
    await watched.page.getByTestId('graph-node-MarkIssued').focus();
    await watched.page.keyboard.press('Enter');
    await watched.page.locator('[data-testid="state-inspector"][data-state="MarkIssued"]').waitFor();
    await watched.page.getByTestId('graph-node-RequestIssuance').focus();
    await watched.page.keyboard.press('Enter');
    await h.screenshot(watched.page, 'execution-succeeded');
    // What the README shows (docs/console-execution.png is a copy of it).
    await h.screenshot(watched.page, 'execution-succeeded-viewport', { fullPage: false });
    await expectClean(watched);
  });

  async function failAtReport(): Promise<{ invoiceId: string; executionArn: string }> {
    const admin = rdsDataAdmin(testClientConfig().endpoint, h.e2e.app.names.dbClusterArn);
    await admin.outage(3600);
    const emitted = await emit();
    await eventually('the execution failed at the report state', () => h.e2e.sfn.send(new DescribeExecutionCommand({ executionArn: emitted.executionArn })), (described) => described.status === 'FAILED', { timeoutMs: 60_000, intervalMs: 200 });
    await admin.resume();
    return emitted;
  }

  it('shows a viewer a failed execution without a redrive button, and the API refuses them', async () => {
    const { executionArn } = await failAtReport();
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'viewer');

    await h.go(watched.page, `/executions/${encodeURIComponent(executionArn)}`);
    await node(watched.page, 'ReportIssued', 'failed').waitFor();

    expect(await watched.page.getByRole('button', { name: 'Redrive' }).count()).toBe(0);
    const refused = await h.e2e.call('POST', `/ops/executions/${encodeURIComponent(executionArn)}/redrive`, viewerToken);
    expect(refused.status).toBe(403);
    await h.screenshot(watched.page, 'execution-failed-viewer');
    await expectClean(watched);
  });

  it('redrives, as ops, an execution that failed at the report state, and sees it succeed', async () => {
    const { invoiceId, executionArn } = await failAtReport();
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'ops');
    await h.go(watched.page, `/executions/${encodeURIComponent(executionArn)}`);
    await node(watched.page, 'ReportIssued', 'failed').waitFor();
    await h.screenshot(watched.page, 'execution-failed-ops');

    await watched.page.getByRole('button', { name: 'Redrive' }).click();
    await watched.page.getByRole('dialog').getByRole('button', { name: 'Redrive' }).click();

    await watched.page.getByTestId('execution-status').getByText('SUCCEEDED').waitFor({ timeout: 30_000 });
    await node(watched.page, 'ReportIssued', 'succeeded', 'retried').waitFor();
    expect((await h.e2e.reportRow(invoiceId))?.status).toBe('ISSUED');
    await h.screenshot(watched.page, 'execution-redriven');
    await expectClean(watched);
  });

  it('links an ABRASF invoice’s DANFSe-like PDF, which downloads with its NFS-e number', async () => {
    const { invoiceId } = await emit();
    const record = await h.e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'viewer');

    await h.go(watched.page, `/invoices/${invoiceId}`);
    await watched.page.getByTestId('danfse-link').waitFor();

    const link = watched.page.getByTestId('danfse-link');
    expect(await link.textContent()).toBe('DANFSe (PDF)');
    expect(await link.getAttribute('download')).toBe(`${invoiceId}-danfse.pdf`);
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/nfse%2F.+\.pdf|nfse\/.+\.pdf/);
    const download = await fetch(href);
    expect(download.status).toBe(200);
    expect(readPdf(Buffer.from(await download.arrayBuffer())).lines).toContain(`NFS-e nº ${String(record.nfseNumber)}`);
    await expectClean(watched);
  });

  it('shows a national invoice’s system, its 50-character key and its DANFSe, and a national rejection’s code', async () => {
    const nacional = TENANTS.other.cnpjs[0];
    const token = await h.e2e.token('console-nacional', [nacional]);
    const invoice = { companyCnpj: nacional, municipalityCode: '4314902', total: '250.00', service: { code: '01.07', description: 'Suporte técnico', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria da Silva' } };
    const issued = String((await h.e2e.call('POST', '/invoices', token, invoice)).body.invoiceId);
    const record = await h.e2e.waitForStatus(issued, ['ISSUED'], 30_000);
    h.e2e.app.nacionalMock.knobs.failNext({ kind: 'rejection', operations: ['emit'] });
    const rejected = String((await h.e2e.call('POST', '/invoices', token, { ...invoice, total: '251.00' })).body.invoiceId);
    await h.e2e.waitForStatus(rejected, ['FAILED'], 30_000);
    const watched = await h.open();
    await h.signIn(watched, TENANTS.other, 'viewer');

    await h.go(watched.page, `/invoices/${issued}`);
    await watched.page.getByTestId('danfse-link').waitFor();

    expect(await watched.page.getByTestId('chave-acesso').textContent()).toBe(String(record.chaveAcesso));
    expect(await watched.page.getByText('NFS-e Nacional', { exact: true }).count()).toBe(1);
    expect(await watched.page.getByTestId('danfse-link').getAttribute('href')).toMatch(/nfse%2F.+\.pdf|nfse\/.+\.pdf/);
    await h.screenshot(watched.page, 'invoice-detail-nacional');
    await expectClean(watched);
    await h.go(watched.page, `/invoices/${rejected}`);
    await watched.page.getByTestId('invoice-error').waitFor();
    expect(await watched.page.getByTestId('invoice-error').textContent()).toBe('E0312 Rejeição simulada pela Sefin Nacional (mock).');
    await expectClean(watched);
  });

  it('keeps another tenant’s invoice out of reach', async () => {
    const { invoiceId } = await emit();
    await h.e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);
    const watched = await h.open();
    await h.signIn(watched, TENANTS.other, 'viewer');

    await h.go(watched.page, `/invoices/${invoiceId}`);

    await watched.page.getByRole('alert').getByText(`Invoice ${invoiceId} not found`).waitFor();
    await h.screenshot(watched.page, 'other-tenant-not-found');
    // The 404 the API answered is the browser's console error for that fetch: expected, nothing else.
    expect(watched.problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
    expect(await h.accessibilityViolations(watched.page)).toEqual([]);
  });

  /**
   * An invoice the city rejected (FAILED, `Provider.Rejected`). A city outside the registry is
   * refused with 422 before anything is written, so a rejection is the permanent error here.
   */
  async function failed(kind: 'rejection'): Promise<string> {
    h.e2e.app.mock.knobs.failNext({ kind, count: 1, operations: ['GerarNfse'] });
    const created = await h.e2e.call('POST', '/invoices', client, body);
    const invoiceId = String(created.body.invoiceId);
    await h.e2e.waitForStatus(invoiceId, ['FAILED'], 30_000);
    return invoiceId;
  }

  /** An ISSUED invoice whose cancellation the city refused: ISSUED again, the refusal on the failures queue. */
  async function refusedCancellation(): Promise<string> {
    const { invoiceId } = await emit();
    await h.e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);
    h.e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['CancelarNfse'] });
    const cancel = await h.e2e.call('POST', `/invoices/${invoiceId}/cancel`, client, { reasonCode: 2, reason: 'serviço não prestado' });
    await h.e2e.finishedHistory(String(cancel.body.executionArn));
    return invoiceId;
  }

  it('works the failures queue as ops: reprocesses an emission and a refused cancellation, corrects one, dismisses another', async () => {
    const cancellation = await refusedCancellation();
    const rejected = await failed('rejection');
    const refused = await failed('rejection');
    const refusedRps = (await h.e2e.waitForStatus(refused, ['FAILED'])).rps as { serie: string; numero: number };
    const duplicate = await failed('rejection');
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'ops');

    await watched.page.getByRole('link', { name: 'Failures' }).click();
    const row = (invoiceId: string): ReturnType<Page['locator']> => watched.page.getByTestId('failures-table').locator(`tr[data-invoice="${invoiceId}"]`);
    await row(duplicate).waitFor();
    expect(await row(cancellation).getAttribute('data-state')).toBe('open');
    await row(cancellation).getByText('ISSUED').waitFor();
    expect(await row(refused).getByRole('button', { name: `Correct invoice ${refused}` }).count()).toBe(1);
    expect(await row(rejected).getByRole('button', { name: `Correct invoice ${rejected}` }).count()).toBe(1);
    await h.screenshot(watched.page, 'failures');

    await watched.page.getByRole('checkbox', { name: `Select invoice ${cancellation}` }).check();
    await watched.page.getByRole('checkbox', { name: `Select invoice ${rejected}` }).check();
    await watched.page.getByRole('button', { name: 'Reprocess selected (2)' }).click();
    const reprocess = watched.page.getByRole('dialog');
    await reprocess.getByText('1 emission gets a new emission execution with the same RPS').waitFor();
    await reprocess.getByText('1 refused cancellation gets a new cancel request to the city, with the reason code it had').waitFor();
    await h.screenshot(watched.page, 'failures-reprocess-dialog', { fullPage: false });
    await reprocess.getByRole('button', { name: 'Reprocess' }).click();
    await watched.page.getByTestId('reprocess-result').getByText('Started 2 execution(s)').waitFor();
    await h.e2e.waitForStatus(cancellation, ['CANCELLED'], 30_000);
    const reissued = await h.e2e.waitForStatus(rejected, ['ISSUED'], 30_000);
    const rps = reissued.rps as { serie: string; numero: number };
    expect(h.e2e.app.mock.stats().byRps[MockStats.rpsKey(String(reissued.municipalityCode), { cnpj: DEMO, ...rps })]?.nfseIssued).toBe(1);

    await row(refused).getByRole('button', { name: `Correct invoice ${refused}` }).click();
    const correct = watched.page.getByRole('dialog');
    await correct.getByLabel('Total').fill('1499.00');
    await correct.getByLabel('Reason').fill('the city refused 1500.00 for this service');
    await h.screenshot(watched.page, 'failures-correct-dialog', { fullPage: false });
    await correct.getByRole('button', { name: 'Correct and re-emit' }).click();
    await watched.page.getByTestId('correct-result').getByText(new RegExp(`Invoice ${refused} re-emitted under RPS 1/\\d+ \\(1/${refusedRps.numero} kept as replaced\\)`)).waitFor();
    expect(await h.e2e.waitForStatus(refused, ['ISSUED'], 30_000)).toMatchObject({ total: '1499.00', replacedRps: [{ serie: '1', numero: refusedRps.numero, municipalityCode: '3550308' }] });

    await row(duplicate).getByRole('button', { name: `Dismiss invoice ${duplicate}` }).click();
    const dismiss = watched.page.getByRole('dialog');
    expect(await dismiss.getByRole('button', { name: 'Dismiss' }).isDisabled()).toBe(true);
    await dismiss.getByLabel('Reason').fill('issued by hand at the city hall');
    await dismiss.getByRole('button', { name: 'Dismiss' }).click();
    await row(duplicate).waitFor({ state: 'detached' });
    const history = await h.e2e.call('GET', `/invoices/${duplicate}/history`, client);
    expect(history.body.actions).toEqual([{ action: 'dismissed', at: expect.any(String), by: 'console-ops-11222333000181', reason: 'issued by hand at the city hall', executionName: duplicate }]);
    await expectClean(watched);
  });

  it('shows the executions that failed inside the workflow beside the queue, and redrives them all', async () => {
    const { invoiceId } = await failAtReport();
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'ops');

    await watched.page.getByRole('link', { name: 'Failures' }).click();
    const row = watched.page.getByTestId('failed-executions-table').locator(`tr[data-execution="${invoiceId}"]`);
    await row.getByText('ReportIssued').waitFor();
    await h.screenshot(watched.page, 'failures-executions');
    await watched.page.getByRole('button', { name: 'Redrive all' }).click();
    await watched.page.getByRole('dialog').getByRole('button', { name: 'Redrive all' }).click();

    await watched.page.getByTestId('redrive-result').getByText(/^Redrove \d+ execution\(s\)/).waitFor();
    await eventuallySucceeded(h.e2e.app.names.env.EMISSION_STATE_MACHINE_ARN, invoiceId);
    expect((await h.e2e.reportRow(invoiceId))?.status).toBe('ISSUED');
    await expectClean(watched);
  });

  async function eventuallySucceeded(stateMachineArn: string, name: string): Promise<void> {
    const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const deadline = Date.now() + 30_000;
    while ((await h.e2e.sfn.send(new DescribeExecutionCommand({ executionArn }))).status !== 'SUCCEEDED') {
      if (Date.now() > deadline) throw new Error(`${name} did not succeed after its redrive`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('fits a phone: the invoice and the execution pages at 390 px', async () => {
    const { invoiceId, executionArn } = await emit();
    await h.e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);
    const watched = await h.open({ width: 390, height: 844 });
    await h.signIn(watched, TENANTS.demo, 'viewer');

    await h.go(watched.page, `/executions/${encodeURIComponent(executionArn)}`);
    await node(watched.page, 'Issued', 'succeeded').waitFor();

    const overflow = await watched.page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBe(0);
    await h.screenshot(watched.page, 'execution-phone');
    await expectClean(watched);
  });

  // How fast is bench:console's to say (speed goals are printed by benchmarks, not asserted here).
  it('draws a 100-state execution and measures it as graph-render', async () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 100; i += 1) states[`Step${i}`] = i < 99 ? { Type: 'Pass', Next: `Step${i + 1}` } : { Type: 'Pass', End: true };
    const machine = await h.e2e.sfn.send(new CreateStateMachineCommand({ name: uniqueName('graph100'), roleArn: 'arn:aws:iam::000000000000:role/sfn', definition: JSON.stringify({ StartAt: 'Step0', States: states }) }));
    const started = await h.e2e.sfn.send(new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn, input: '{}' }));
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'ops');

    await h.go(watched.page, `/executions/${encodeURIComponent(String(started.executionArn))}`);
    await node(watched.page, 'Step99', 'succeeded').waitFor();

    await until(watched.page, "performance.getEntriesByName('graph-render').length > 0");
    const durations = (await watched.page.evaluate("performance.getEntriesByName('graph-render').map((e) => e.duration)")) as number[];
    expect(durations.every((d) => d > 0)).toBe(true);
    expect(await watched.page.locator('[data-testid^="graph-node-Step"]').count()).toBe(100);
    await h.screenshot(watched.page, 'execution-100-states');
    expect(watched.problems).toEqual([]);
  });
});
