import { startConsoleHarness, TENANTS, type ConsoleHarness, type WatchedPage, DEMO } from './consoleHarness';

const SAO_PAULO = '3550308';
const RIO = '3304557';
const BELO_HORIZONTE = '3106200';

jest.setTimeout(90_000);

describe('the Municipalities pages, in real Chromium against the stack started in this process', () => {
  let h: ConsoleHarness;

  beforeAll(async () => {
    h = await startConsoleHarness();
    const client = await h.e2e.token('municipalities-console-client', [DEMO]);
    const invoice = (municipalityCode: string): Record<string, unknown> => ({ companyCnpj: DEMO, municipalityCode, total: '30.00', service: { code: '01.07', description: 'Suporte', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } });
    // São Paulo answers; Rio's system answers every attempt of one invoice with a 503.
    const issued = await h.e2e.call('POST', '/invoices', client, invoice(SAO_PAULO));
    await h.e2e.waitForStatus(String(issued.body.invoiceId), ['ISSUED'], 30_000);
    h.e2e.app.mock.knobs.failNext({ kind: 'transient5xx', count: 6, operations: ['GerarNfse'] });
    const failed = await h.e2e.call('POST', '/invoices', client, invoice(RIO));
    await h.e2e.waitForStatus(String(failed.body.invoiceId), ['FAILED'], 60_000);
  }, 150_000);

  afterAll(async () => {
    await h.stop();
  });

  async function expectClean(watched: WatchedPage): Promise<void> {
    expect(await h.accessibilityViolations(watched.page)).toEqual([]);
    expect(watched.problems).toEqual([]);
  }

  it('lists each city with its provider, environment and health badge', async () => {
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'viewer');

    await watched.page.getByRole('link', { name: 'Municipalities' }).click();
    const row = (code: string): ReturnType<typeof watched.page.getByTestId> => watched.page.getByTestId(`municipality-${code}`);
    // The adapters write their counts every second at the test cloud's time scale: refresh until Rio's six failures are in
    // (the circuit opens at the fifth, so an open badge alone does not mean the sixth is counted yet).
    const deadline = Date.now() + 30_000;
    const rioFailures = async (): Promise<string> => ((await row(RIO).locator('td').allInnerTexts())[6] ?? '').trim();
    while ((await row(RIO).locator('[data-circuit="open"]').count()) === 0 || (await rioFailures()) !== '6') {
      if (Date.now() > deadline) throw new Error(`Rio's circuit is not open: ${await row(RIO).innerText()}`);
      await watched.page.getByRole('button', { name: 'Refresh' }).click();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    const cells = async (code: string): Promise<string[]> => (await row(code).locator('td').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    expect((await cells(SAO_PAULO)).slice(0, 6)).toEqual(['São Paulo/SP', SAO_PAULO, 'abrasf-2.04', 'homologação', 'sync', '✓ closed']);
    expect((await cells(RIO)).slice(5, 8)).toEqual(['✕ open', '6', '100%']);
    expect(await cells(BELO_HORIZONTE)).toEqual(['Belo Horizonte/MG', BELO_HORIZONTE, 'abrasf-2.04', 'homologação', 'async', '– no calls', '0', '—', '—', '0', '—']);
    await h.screenshot(watched.page, 'municipalities');
    await expectClean(watched);
  });

  it('shows a city\'s capabilities, what a company must hold, and the health of its calls', async () => {
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'viewer');
    await watched.page.getByRole('link', { name: 'Municipalities' }).click();

    await watched.page.getByRole('link', { name: 'Belo Horizonte/MG' }).click();

    const pairs = async (testId: string): Promise<string[]> => (await watched.page.getByTestId(testId).locator('dt, dd').allInnerTexts()).map((text) => text.trim());
    await watched.page.getByTestId('municipality-capabilities').waitFor();
    expect(await pairs('municipality-capabilities')).toEqual([
      'Signed', 'InfDeclaracaoPrestacaoServico, LoteRps, InfPedidoCancelamento (rsa-sha256)',
      'Mutual TLS', 'yes',
      'Cancellation', 'by the city',
      'Reason codes', '1, 2, 3, 4, 5',
      'Reason text', 'optional',
      'Substitution', 'no',
    ]);
    expect(await pairs('municipality-system')).toEqual(['Provider', 'abrasf-2.04', 'Environment', 'homologação', 'Mode', 'asynchronous (lot, then consulted)', 'Limits', '2 calls at once, 5 per second']);
    expect((await watched.page.getByTestId('municipality-requires').locator('li').allInnerTexts()).map((text) => text.trim())).toEqual(['Inscrição municipal: required', 'A1 certificate: required']);
    expect((await watched.page.getByTestId('municipality-backlog').innerText()).trim()).toBe('Backlog: no message waits for this city.');
    await h.screenshot(watched.page, 'municipality-detail');
    await expectClean(watched);

    await h.go(watched.page, `/municipalities/${RIO}`);
    await watched.page.getByTestId('municipality-circuit').getByText('open').waitFor();
    const fiveMinutes = (await watched.page.getByTestId('municipality-health').locator('tbody tr').first().locator('th, td').allInnerTexts()).map((text) => text.trim());
    expect(fiveMinutes.slice(0, 5)).toEqual(['Last 5 minutes', '6', '6', '0', '100%']);
    await h.screenshot(watched.page, 'municipality-open-circuit');
    await expectClean(watched);
  });
});
