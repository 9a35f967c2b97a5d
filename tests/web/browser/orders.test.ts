import { startConsoleHarness, TENANTS, type ConsoleHarness } from './consoleHarness';
import { executionEnded } from '../../harness/executionEnded';

const DEMO = TENANTS.demo.cnpjs[0];

jest.setTimeout(90_000);

describe('the Orders pages, in real Chromium against the stack started in this process', () => {
  let h: ConsoleHarness;
  let orderId = '';

  beforeAll(async () => {
    h = await startConsoleHarness();
    const ops = await h.e2e.token('orders-console-ops', [DEMO], 'ops');
    const client = await h.e2e.token('orders-console-client', [DEMO]);
    const sku = `CONSOLE-${process.pid}-${Date.now()}`;
    await h.e2e.call('PUT', `/products/${sku}`, ops, { description: 'console', quantity: 5 });
    // The city refuses the invoice: the saga gives the stock back (a compensation on the timeline).
    h.e2e.app.mock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['GerarNfse'] });
    const created = await h.e2e.call('POST', '/orders', client, { companyCnpj: DEMO, customer: { document: '52998224725', name: 'Maria' }, items: [{ sku, quantity: 2, unitPrice: '9.90' }] });
    orderId = String(created.body.orderId);
    await executionEnded(h.e2e.sfn, `${h.e2e.app.names.env.ORDER_SAGA_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${orderId}`, { timeoutMs: 60_000 });
  }, 150_000);

  afterAll(async () => {
    await h.stop();
  });

  it('lists the order and shows its saga’s timeline, the compensation marked, with links to its execution and invoice', async () => {
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'viewer');

    await watched.page.getByRole('link', { name: 'Orders' }).click();
    const row = watched.page.getByTestId(`order-${orderId}`);
    // allInnerTexts reads whatever is there: wait for the row the list fetches before reading it.
    await row.waitFor();
    expect((await row.locator('td').allInnerTexts()).slice(0, 3)).toEqual([orderId, 'FAILED', '19.80']);
    await row.getByRole('link', { name: orderId }).click();

    await watched.page.getByTestId('order-status').getByText('FAILED').waitFor();
    const steps = await watched.page.getByTestId('order-steps').locator('li').evaluateAll((items) => items.map((item) => [item.getAttribute('data-step'), item.getAttribute('data-status')]));
    expect(steps).toEqual([
      ['ReserveStock', 'succeeded'],
      ['IsReserved', 'succeeded'],
      // No relay function for an app on the shared test cloud: the nudge fails and the saga goes on.
      ['NudgeRelayReserved', 'failed'],
      ['PrepareInvoice', 'succeeded'],
      ['IsIssued', 'succeeded'],
      ['EmitInvoice', 'failed'],
      ['PrepareInvoice', 'succeeded'],
      ['IsIssued', 'succeeded'],
      ['ReleaseReservations', 'succeeded'],
      ['MarkInvoiceError', 'succeeded'],
      ['NudgeRelayFailed', 'failed'],
      ['InvoiceFailed', 'failed'],
    ]);
    expect(await watched.page.locator('[data-step="ReleaseReservations"]').innerText()).toContain('compensation');
    expect(await watched.page.getByTestId('order-facts').getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual([
      `/executions/${encodeURIComponent(`${h.e2e.app.names.env.ORDER_SAGA_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${orderId}`)}`,
      expect.stringMatching(/^\/invoices\/[0-9A-Z]{26}$/),
    ]);
    await h.screenshot(watched.page, 'order-detail');
    expect(await h.accessibilityViolations(watched.page)).toEqual([]);
    expect(watched.problems).toEqual([]);
  });
});
