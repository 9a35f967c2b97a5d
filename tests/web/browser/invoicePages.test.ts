import fs from 'node:fs/promises';
import type { Locator } from 'playwright-core';
import { formatCnpj, formatMoney } from '../../../web/src/app/format';
import { eventually } from '../../harness/eventually';
import { startConsoleHarness, TENANTS, type ConsoleHarness, type WatchedPage, DEMO, DEMO_INVOICE } from './consoleHarness';

const OTHER = TENANTS.other.cnpjs[0];
const body = DEMO_INVOICE;

jest.setTimeout(90_000);

describe('the invoice pages, in real Chromium', () => {
  let h: ConsoleHarness;
  let client: string;

  beforeAll(async () => {
    h = await startConsoleHarness();
    client = await h.e2e.token('invoice-pages-client', [DEMO]);
  }, 120_000);

  afterAll(async () => {
    await h.stop();
  });

  afterEach(() => {
    h.e2e.app.mock.reset();
  });

  async function issued(): Promise<string> {
    const created = await h.e2e.call('POST', '/invoices', client, body);
    expect(created.status).toBe(201);
    const invoiceId = String(created.body.invoiceId);
    await h.e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);
    return invoiceId;
  }

  async function expectClean(watched: WatchedPage): Promise<void> {
    expect(await h.accessibilityViolations(watched.page)).toEqual([]);
    expect(watched.problems).toEqual([]);
  }

  it('tells an empty tenant it has no invoices yet, and a filter that it matched none', async () => {
    const watched = await h.open();
    await h.signIn(watched, TENANTS.other, 'viewer');

    await watched.page.getByText(`No invoices yet for ${formatCnpj(OTHER)}.`).waitFor();
    await h.screenshot(watched.page, 'invoices-empty-tenant');
    await watched.page.getByLabel('Status').selectOption('FAILED');
    await watched.page.getByRole('button', { name: 'Apply' }).click();
    await watched.page.getByText('No invoices match these filters.').waitFor();
    await expectClean(watched);
  });

  it('offers no "Try again" for a 404', async () => {
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'viewer');

    await h.go(watched.page, '/invoices/01KAAAAAAAAAAAAAAAAAAAAAAA');

    const alert = watched.page.getByRole('alert');
    await alert.getByText('Invoice 01KAAAAAAAAAAAAAAAAAAAAAAA not found').waitFor();
    expect(await alert.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(watched.problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
    expect(await h.accessibilityViolations(watched.page)).toEqual([]);
  });

  it('shows times in the reader’s zone with the zone named', async () => {
    const invoiceId = await issued();
    const record = await h.e2e.waitForStatus(invoiceId, ['ISSUED']);
    const watched = await h.open({ timezoneId: 'America/Sao_Paulo' });
    await h.signIn(watched, TENANTS.demo, 'viewer');

    const row = watched.page.getByTestId('invoices-table').locator('tr', { has: watched.page.getByRole('link', { name: invoiceId }) });
    await row.waitFor();

    const inSaoPaulo = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short', timeZone: 'America/Sao_Paulo' }).format(Date.parse(String(record.createdAt)));
    expect(inSaoPaulo).toMatch(/GMT-3$/);
    // Invoice, Status, Total, Municipality, System, Created.
    expect(await row.locator('td').nth(5).innerText()).toBe(inSaoPaulo);
    await expectClean(watched);
  });

  /** The invoice's page, signed in as an admin, with its cancellation dialog open. */
  async function cancelDialogOf(invoiceId: string): Promise<{ watched: WatchedPage; dialog: Locator }> {
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'admin');
    await h.go(watched.page, `/invoices/${invoiceId}`);
    await watched.page.getByRole('button', { name: 'Cancel invoice…' }).click();
    return { watched, dialog: watched.page.getByRole('dialog') };
  }

  it('cancels an invoice from its page as an admin, with a code its city takes', async () => {
    const invoiceId = await issued();
    const { watched, dialog } = await cancelDialogOf(invoiceId);
    expect(await dialog.getByRole('button', { name: 'Ask the city to cancel' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Reason code').selectOption('1');
    await dialog.getByLabel(/^Reason \(/).fill('erro na emissão');
    await h.screenshot(watched.page, 'invoice-cancel-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Ask the city to cancel' }).click();

    await watched.page.getByTestId('status-timeline').locator('[data-status="CANCELLED"]').waitFor({ timeout: 30_000 });
    const record = await h.e2e.waitForStatus(invoiceId, ['CANCELLED']);
    expect(record.cancellation).toMatchObject({ reasonCode: 1, reason: 'erro na emissão' });
    await watched.page.getByText('Cancelled', { exact: true }).waitFor();
    expect(await watched.page.getByRole('button', { name: 'Cancel invoice…' }).count()).toBe(0);
    await expectClean(watched);
  });

  it('keeps watching an invoice whose cancellation was accepted before the invoice shows CANCELLING', async () => {
    const invoiceId = await issued();
    const { watched, dialog } = await cancelDialogOf(invoiceId);
    await dialog.getByLabel('Reason code').selectOption('1');

    // The first read after the cancellation is accepted answers as if its workflow had not run yet:
    // POST /cancel answers 202 before the workflow marks the invoice CANCELLING.
    const before = await h.e2e.call('GET', `/invoices/${invoiceId}?include=xmlUrl,pdfUrl`, client);
    expect(before.body.status).toBe('ISSUED');
    let staleReads = 0;
    await watched.page.route(
      (url) => url.pathname.endsWith(`/invoices/${invoiceId}`) && url.searchParams.has('include'),
      async (route) => {
        if (staleReads > 0) return route.continue();
        staleReads += 1;
        return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(before.body) });
      },
    );
    await dialog.getByRole('button', { name: 'Ask the city to cancel' }).click();

    await watched.page.getByTestId('status-timeline').locator('[data-status="CANCELLED"]').waitFor({ timeout: 30_000 });
    expect(staleReads).toBe(1);
    await h.e2e.waitForStatus(invoiceId, ['CANCELLED']);
  });

  it('shows a São Paulo invoice replaced through SubstituirNfse: the old one SUBSTITUTED and linked to the new one, each with its timeline', async () => {
    const oldId = await issued();
    const { companyCnpj: _company, municipalityCode: _city, ...content } = body;
    const answer = await h.e2e.call('POST', `/invoices/${oldId}/substitute`, client, { ...content, total: '140.00', reasonCode: 1, reason: 'Valor corrigido' });
    expect(answer.status).toBe(202);
    const newId = String(answer.body.invoiceId);
    const replacing = await h.e2e.waitForStatus(newId, ['ISSUED', 'FAILED'], 60_000);
    expect(replacing.status).toBe('ISSUED');
    await h.e2e.waitForStatus(oldId, ['SUBSTITUTED'], 30_000);
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'viewer');
    const timeline = async (): Promise<Array<string | null>> => watched.page.getByTestId('status-timeline').locator('[data-status]').evaluateAll((badges) => badges.map((badge) => badge.getAttribute('data-status')));
    const field = (label: string): Promise<string> => watched.page.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]').innerText();

    await h.go(watched.page, `/invoices/${oldId}`);
    await watched.page.getByTestId('status-timeline').locator('[data-status="SUBSTITUTED"]').waitFor();
    const oldTimeline = await timeline();
    const substitution = await field('Substitution');
    await watched.page.getByRole('link', { name: newId, exact: true }).click();
    await watched.page.getByRole('link', { name: oldId, exact: true }).waitFor();
    await watched.page.getByTestId('status-timeline').locator('[data-status="ISSUED"]').waitFor();

    expect(oldTimeline).toEqual(['EMITTED', 'PROCESSING', 'ISSUED', 'SUBSTITUTING', 'SUBSTITUTED']);
    expect(substitution).toMatch(/^code 1 — Valor corrigido, asked .+, done .+$/);
    expect(await timeline()).toEqual(['EMITTED', 'PROCESSING', 'ISSUED']);
    expect([await field('NFS-e number'), await field('Total')]).toEqual([String(replacing.nfseNumber), formatMoney('140.00')]);
    expect(await watched.page.getByTestId('invoice-executions').innerText()).toContain('substitution');
    await h.screenshot(watched.page, 'invoice-substitute-abrasf');
    await expectClean(watched);
  });

  it('shows the city’s words when it refused a cancellation, on the invoice and in the list', async () => {
    const invoiceId = await issued();
    h.e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['CancelarNfse'] });
    const cancel = await h.e2e.call('POST', `/invoices/${invoiceId}/cancel`, client, { reasonCode: 2, reason: 'serviço não prestado' });
    await h.e2e.finishedHistory(String(cancel.body.executionArn));
    const record = await h.e2e.waitForStatus(invoiceId, ['ISSUED']);
    const error = record.error as { code: string; message: string };
    expect(error.message).not.toBe(error.code);
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'viewer');

    const listed = watched.page.getByTestId('invoices-table').locator('tr', { has: watched.page.getByRole('link', { name: invoiceId }) });
    expect(await listed.getByTestId('invoice-list-error').innerText()).toBe(`Cancellation refused: ${error.message} (${error.code})`);
    await listed.getByRole('link', { name: invoiceId }).click();
    expect(await watched.page.getByTestId('invoice-error').innerText()).toBe(`The city refused the cancellation: ${error.message} (code ${error.code})`);
    await h.screenshot(watched.page, 'invoice-cancellation-refused');
    await expectClean(watched);
  });

  it('fits a phone: the invoices, reports and executions pages at 390 px', async () => {
    await issued();
    const watched = await h.open({ width: 390, height: 844 });
    await h.signIn(watched, TENANTS.demo, 'viewer');
    const overflow = (): Promise<unknown> => watched.page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');

    await watched.page.getByTestId('invoices-table').locator('tbody tr').first().waitFor();
    expect(await overflow()).toBe(0);
    await watched.page.getByRole('link', { name: 'Reports' }).click();
    await watched.page.getByTestId('revenue-total').waitFor();
    expect(await overflow()).toBe(0);
    await h.screenshot(watched.page, 'reports-phone');
    await watched.page.getByRole('link', { name: 'Executions' }).click();
    await watched.page.getByTestId('executions-table').locator('tbody tr').first().waitFor();
    expect(await overflow()).toBe(0);
    await h.screenshot(watched.page, 'executions-phone');
    await expectClean(watched);
  });

  it('shows the revenue report as a page and exports the invoices as CSV', async () => {
    const invoiceId = await issued();
    const month = new Date().toISOString().slice(0, 7);
    const listed = await h.e2e.call('GET', `/invoices?companyCnpj=${DEMO}&limit=200`, client);
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'viewer');

    await watched.page.getByRole('link', { name: 'Reports' }).click();
    // Other suites issue for the demo company meanwhile: the page and the API are compared when
    // both were read with nothing issued in between (the page opened again until then).
    const shown = async (): Promise<{ page: string[]; api: string[] }> => {
      await watched.page.getByTestId('revenue-total').waitFor();
      const total = await watched.page.getByTestId('revenue-total').innerText();
      const row = await watched.page.locator('[data-municipality="3550308"] td').allInnerTexts();
      const report = await h.e2e.call('GET', `/reports/revenue?month=${month}&companyCnpj=${DEMO}`, client);
      const first = (report.body.rows as Array<{ municipalityCode: string; invoices: number; revenue: string }>).find((row) => row.municipalityCode === '3550308');
      return { page: [total, ...row], api: [formatMoney(String(report.body.total)), '3550308', String(first?.invoices), formatMoney(String(first?.revenue))] };
    };
    let probes = 0;
    const compared = await eventually(
      'the Reports page showing what the API reports',
      async () => {
        if (probes++ > 0) {
          await watched.page.getByRole('link', { name: 'Invoices' }).click();
          await watched.page.getByRole('link', { name: 'Reports' }).click();
        }
        return shown();
      },
      (both) => JSON.stringify(both.page) === JSON.stringify(both.api),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(compared.page).toEqual(compared.api);
    await h.screenshot(watched.page, 'reports-revenue');
    await expectClean(watched);

    await watched.page.getByRole('link', { name: 'Invoices' }).click();
    await watched.page.getByRole('link', { name: invoiceId }).waitFor();
    const [download] = await Promise.all([watched.page.waitForEvent('download'), watched.page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = await fs.readFile(String(await download.path()), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    const items = listed.body.items as Array<{ invoiceId: string; total: string; status: string; createdAt: string }>;
    expect(download.suggestedFilename()).toBe(`invoices-${DEMO}.csv`);
    expect(lines[0]).toBe('invoiceId,companyCnpj,municipalityCode,total,status,createdAt,processedAt,nfseNumber,errorCode,errorMessage');
    expect(lines).toHaveLength(items.length + 1);
    expect(lines[1]?.split(',').slice(0, 6)).toEqual([items[0]?.invoiceId, DEMO, '3550308', items[0]?.total, items[0]?.status, items[0]?.createdAt]);
    await watched.page.getByTestId('csv-result').getByText(`Exported ${items.length} invoice(s).`).waitFor();
    await expectClean(watched);
  });
});
