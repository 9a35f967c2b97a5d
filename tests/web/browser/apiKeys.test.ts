import { startConsoleHarness, TENANTS, type ConsoleHarness, type WatchedPage, DEMO } from './consoleHarness';


jest.setTimeout(90_000);

describe('the API keys page, in real Chromium against the stack started in this process', () => {
  let h: ConsoleHarness;

  beforeAll(async () => {
    h = await startConsoleHarness();
  }, 120_000);

  afterAll(async () => {
    await h.stop();
  });

  async function expectClean(watched: WatchedPage): Promise<void> {
    expect(await h.accessibilityViolations(watched.page)).toEqual([]);
    expect(watched.problems).toEqual([]);
  }

  it('lets an admin create a key shown once with a copy button, and revoke it after confirming; the key then gets 403', async () => {
    const watched = await h.open();
    const { page } = watched;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.server.endpoint });
    await h.signIn(watched, TENANTS.demo, 'admin');

    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Application').fill('erp-console');
    await page.getByLabel('Plan').selectOption('business');
    await page.getByRole('button', { name: 'Create key' }).click();
    const value = (await page.getByTestId('created-key-value').innerText()).trim();
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    const clipboard = (await page.evaluate('navigator.clipboard.readText()')) as string;
    const row = page.getByTestId('api-key-erp-console');
    await row.waitFor();
    const cells = (await row.locator('td').allInnerTexts()).map((text) => text.trim());

    expect(value).toMatch(/^nfse[0-9a-f]{40}$/);
    expect(clipboard).toBe(value);
    expect(cells.slice(0, 4)).toEqual(['erp-console', 'business', `${value.slice(0, 12)}…`, DEMO]);
    await h.screenshot(page, 'api-keys-created');
    const client = await h.e2e.token('api-keys-console-client', [DEMO]);
    const before = await fetch(`${h.e2e.app.api.endpoint}/me`, { headers: { authorization: `Bearer ${client}`, 'x-api-key': value } });
    expect(before.status).toBe(200);

    await page.getByRole('button', { name: 'Done' }).click();
    await row.getByRole('button', { name: 'Revoke erp-console' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke the key of erp-console?' });
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('status').filter({ hasText: 'revoked' }).waitFor();
    await row.waitFor({ state: 'detached' });
    const deadline = Date.now() + 5_000;
    let after = await fetch(`${h.e2e.app.api.endpoint}/me`, { headers: { authorization: `Bearer ${client}`, 'x-api-key': value } });
    while (after.status !== 403 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await fetch(`${h.e2e.app.api.endpoint}/me`, { headers: { authorization: `Bearer ${client}`, 'x-api-key': value } });
    }

    expect(after.status).toBe(403);
    expect(await page.getByTestId('created-key').count()).toBe(0);
    await expectClean(watched);
  });

  it("shows the console key's usage this month, and tells a viewer that admins manage the keys", async () => {
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'viewer');

    await watched.page.getByRole('link', { name: 'API keys' }).click();
    const requests = watched.page.getByTestId('usage-requests');
    await requests.waitFor();

    expect(await requests.innerText()).toMatch(/^[\d,]+ of 1,000,000 \([\d,]+ left\)$/);
    expect(await watched.page.getByTestId('usage').innerText()).toContain('on the platform plan (100/s, bursts of 200)');
    expect(await watched.page.getByText("A tenant's administrators create and revoke the API keys of its client applications.").count()).toBe(1);
    expect(await watched.page.getByTestId('api-keys-table').count()).toBe(0);
    await h.screenshot(watched.page, 'api-keys-usage');
    await expectClean(watched);
  });
});
