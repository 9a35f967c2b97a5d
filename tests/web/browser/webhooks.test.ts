import { eventually } from '../../harness/eventually';
import { startWebhookReceiver, type WebhookReceiver } from '../../e2e/webhookReceiver';
import { startConsoleHarness, TENANTS, type ConsoleHarness, type WatchedPage, DEMO } from './consoleHarness';


jest.setTimeout(90_000);

describe('the Webhooks pages, in real Chromium against the stack started in this process', () => {
  let h: ConsoleHarness;
  let receiver: WebhookReceiver;
  let endpointId: string;
  let webhookId: string;

  beforeAll(async () => {
    h = await startConsoleHarness();
    receiver = await startWebhookReceiver();
    const client = await h.e2e.token('webhooks-console-client', [DEMO]);
    const created = await h.e2e.call('POST', '/webhooks', client, { companyCnpj: DEMO, url: receiver.url, events: ['invoice.issued'], description: 'ERP homologação' });
    endpointId = String(created.body.id);
    // The receiver refuses the first delivery for good: a failed delivery for the console to replay.
    receiver.answerNext(410);
    const issued = await h.e2e.call('POST', '/invoices', client, { companyCnpj: DEMO, municipalityCode: '3550308', total: '30.00', service: { code: '01.07', description: 'Suporte', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } });
    await h.e2e.waitForStatus(String(issued.body.invoiceId), ['ISSUED'], 30_000);
    const failed = await eventually(
      'the failed delivery',
      async () => (await h.e2e.call('GET', `/webhooks/${endpointId}/deliveries`, client)).body.items as Array<{ webhookId: string; status: string }>,
      (items) => items[0]?.status === 'failed',
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    webhookId = failed[0]?.webhookId ?? '';
  }, 150_000);

  afterAll(async () => {
    await h.stop();
    await receiver.stop();
  });

  async function expectClean(watched: WatchedPage): Promise<void> {
    expect(await h.accessibilityViolations(watched.page)).toEqual([]);
    expect(watched.problems).toEqual([]);
  }

  it("lists the company's endpoints, shows a failed delivery's attempts, and replays it until delivered", async () => {
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'admin');

    await watched.page.getByRole('link', { name: 'Webhooks', exact: true }).click();
    const row = watched.page.getByTestId(`webhook-${endpointId}`);
    await row.waitFor();
    expect((await row.locator('td').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()).slice(0, 4)).toEqual([`${receiver.url} ERP homologação`, DEMO, 'invoice.issued', 'enabled, failing']);
    await h.screenshot(watched.page, 'webhooks');
    await expectClean(watched);

    await row.getByRole('link', { name: receiver.url }).click();
    const delivery = watched.page.getByTestId(`delivery-${webhookId}`);
    await delivery.waitFor();
    expect(await delivery.locator('.badge').innerText()).toBe('failed');
    expect(await delivery.locator('.attempts li').allInnerTexts()).toEqual([expect.stringMatching(/: rejected \(HTTP 410\)$/)]);
    await h.screenshot(watched.page, 'webhook-deliveries-failed');
    await expectClean(watched);

    await delivery.getByRole('button', { name: 'Replay' }).click();
    await watched.page.getByRole('dialog').getByRole('button', { name: 'Replay' }).click();
    await watched.page.getByTestId('replay-result').waitFor();
    const deadline = Date.now() + 30_000;
    while ((await delivery.locator('.badge').innerText()) !== 'delivered') {
      if (Date.now() > deadline) throw new Error(`not delivered: ${await delivery.innerText()}`);
      await watched.page.getByRole('button', { name: 'Refresh' }).click();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(await delivery.locator('.attempts li').allInnerTexts()).toEqual([expect.stringMatching(/: rejected \(HTTP 410\)$/), expect.stringMatching(/: delivered \(HTTP 204\)$/)]);
    expect(receiver.received.map((post) => [post.headers['webhook-id'], post.answered])).toEqual([
      [webhookId, 410],
      [webhookId, 204],
    ]);
    await h.screenshot(watched.page, 'webhook-deliveries-replayed');
    await expectClean(watched);
  });

  it('fits a phone, and offers a viewer no replay', async () => {
    const watched = await h.open({ width: 390, height: 844 });
    await h.signIn(watched, TENANTS.demo, 'viewer');

    await h.go(watched.page, `/webhooks/${endpointId}`);
    await watched.page.getByTestId(`delivery-${webhookId}`).waitFor();

    expect(await watched.page.getByRole('button', { name: 'Replay' }).count()).toBe(0);
    const overflow = await watched.page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBe(0);
    await h.screenshot(watched.page, 'webhook-deliveries-phone');
    await expectClean(watched);
  });
});
