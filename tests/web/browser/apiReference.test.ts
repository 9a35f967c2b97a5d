import { apiRoutes } from '../../../contracts/apiRoutes';
import { startConsoleHarness, type ConsoleHarness } from './consoleHarness';

/** Collects the page's CSP reports from its first script on (an init script runs through the DevTools protocol, outside the CSP). */
const RECORD_VIOLATIONS = `window.__cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));`;

describe('the API reference at /docs, in real Chromium under the console’s CSP', () => {
  let h: ConsoleHarness;

  beforeAll(async () => {
    h = await startConsoleHarness();
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('serves openapi.json and /docs from the console’s origin with its strict CSP', async () => {
    const document = await fetch(`${h.server.endpoint}/openapi.json`);
    const page = await fetch(`${h.server.endpoint}/docs`);
    const csp = page.headers.get('content-security-policy') ?? '';

    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await document.json()) as { openapi: string }).openapi).toBe('3.1.0');
    expect(page.status).toBe(200);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self';");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('renders every operation of the route table, with no console error and no CSP report, and calls the API from "Try it out"', async () => {
    const { page, problems } = await h.open();
    await page.addInitScript(RECORD_VIOLATIONS);

    await page.goto(`${h.server.endpoint}/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 60_000 });
    const operations = await page.locator('.opblock').count();
    const title = await page.locator('.info .title').innerText();
    await page.locator('#operations-Health-ping').click();
    await page.getByRole('button', { name: 'Try it out' }).click();
    await page.getByRole('button', { name: 'Execute' }).click();
    const status = await page.locator('#operations-Health-ping .live-responses-table tr.response .response-col_status').first().innerText({ timeout: 15_000 });
    await h.screenshot(page, 'api-reference');
    const violations = await page.evaluate('window.__cspViolations');

    expect(operations).toBe(apiRoutes().length);
    expect(title).toMatch(/^nfse-flow API/);
    expect(status).toBe('200');
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  }, 90_000);
});
