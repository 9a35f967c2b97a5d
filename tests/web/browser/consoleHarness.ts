import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../../local/web/buildConsole';
import { ConsoleServer } from '../../../local/web/ConsoleServer';
import { localConsoleConfig } from '../../../local/web/localConsoleConfig';
import type { DevTenant } from '../../../contracts/consoleConfig';
import { chromiumBinary } from '../../../local/web/chromiumBinary';
import { formatCnpj } from '../../../web/src/app/format';
import { startE2eApp, type E2eApp, type E2eAppOptions } from '../../e2e/e2eApp';

/** Where browser tests leave their screenshots (look at them: they are part of the test). */
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', '..', 'test-results', 'console');

/** Tenants of the console suites: two companies that must not see each other. */
export const TENANTS = {
  demo: { name: 'Demo Serviços Ltda', cnpjs: ['11222333000181'] },
  other: { name: 'Outra Empresa SA', cnpjs: ['11444777000161'] },
} as const satisfies Record<string, DevTenant>;

/** The demo tenant's company. */
export const DEMO = TENANTS.demo.cnpjs[0];

/** An invoice of the demo company in São Paulo, as the suites post it. */
export const DEMO_INVOICE = { companyCnpj: DEMO, municipalityCode: '3550308', total: '1500.00', service: { code: '01.07', description: 'Suporte técnico', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria da Silva' } };

/** A page with what went wrong in it: console errors, uncaught exceptions, CSP reports. */
export interface WatchedPage {
  readonly page: Page;
  readonly problems: string[];
}

/** The stack in this process (API, mock, adapters on the shared cloud), the console, and Chromium. */
export interface ConsoleHarness {
  readonly e2e: E2eApp;
  readonly server: ConsoleServer;
  readonly browser: Browser;
  /** A new browser context; `timezoneId` is the reader's zone (the machine's by default), `permissions` e.g. the clipboard's. */
  open(options?: { readonly width?: number; readonly height?: number; readonly timezoneId?: string; readonly permissions?: readonly string[] }): Promise<WatchedPage>;
  signIn(watched: WatchedPage, tenant: DevTenant, role: 'viewer' | 'admin' | 'ops'): Promise<void>;
  /** POSTs an invoice as `token` (201 expected) and names the emission execution it started. */
  emit(token: string, body: unknown): Promise<{ invoiceId: string; executionArn: string }>;
  /** Goes to a console path inside the app, as a link would (a reload would sign out: tokens live in memory). */
  go(page: Page, pathname: string): Promise<void>;
  screenshot(page: Page, name: string, options?: { readonly fullPage?: boolean }): Promise<string>;
  /** axe-core's serious and critical violations on the page as it is now. */
  accessibilityViolations(page: Page): Promise<string[]>;
  stop(): Promise<void>;
}

/** Starts everything a console suite needs; Chromium is the one shipped inside @sparticuz/chromium. */
export async function startConsoleHarness(options: E2eAppOptions = {}): Promise<ConsoleHarness> {
  const { distDir } = await ensureConsoleBuilt();
  let apiUrl = 'http://127.0.0.1:1';
  let apiKey: string | undefined;
  const server = await new ConsoleServer({ distDir, port: 0, config: () => localConsoleConfig(apiUrl, Object.values(TENANTS), apiKey) }).start();
  const e2e = await startE2eApp({ ...options, consoleOrigin: server.endpoint });
  apiUrl = e2e.app.api.endpoint;
  apiKey = e2e.app.consoleApiKey;
  const binary = await chromiumBinary();
  const browser = await chromium.launch({
    executablePath: binary.executablePath,
    args: [...binary.args, '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    headless: true,
  });
  const axeSource = await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
  return {
    async emit(token, body) {
      const created = await e2e.call('POST', '/invoices', token, body);
      expect(created.status).toBe(201);
      const invoiceId = String(created.body.invoiceId);
      return { invoiceId, executionArn: `${e2e.app.names.env.EMISSION_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${invoiceId}` };
    },
    e2e,
    server,
    browser,
    async open({ width = 1280, height = 900, timezoneId, permissions = [] } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, ...(timezoneId !== undefined ? { timezoneId } : {}), acceptDownloads: true });
      if (permissions.length > 0) await context.grantPermissions([...permissions], { origin: server.endpoint });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
      return { page, problems };
    },
    async signIn({ page }, tenant, role) {
      await page.goto(`${server.endpoint}/`);
      await page.getByLabel('Tenant').selectOption({ label: `${tenant.name} (${tenant.cnpjs.map(formatCnpj).join(', ')})` });
      await page.getByRole('radio', { name: { viewer: /Viewer —/, admin: /Admin —/, ops: /Ops —/ }[role] }).check();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('role').filter({ hasText: role }).waitFor();
    },
    async go(page, pathname) {
      await page.evaluate(`history.pushState(null, '', ${JSON.stringify(pathname)}); dispatchEvent(new PopStateEvent('popstate'))`);
    },
    async screenshot(page, name, { fullPage = true } = {}) {
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage });
      return file;
    },
    async accessibilityViolations(page) {
      // Evaluated through the DevTools protocol, as a browser extension would: the page's CSP stays on.
      await page.evaluate(axeSource);
      // A string: the root tsconfig has no DOM types, and this runs in the page.
      const violations = (await page.evaluate(
        `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) })))`,
      )) as Array<{ id: string; impact: string | null; help: string; targets: string[] }>;
      return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`);
    },
    async stop() {
      await browser.close();
      await e2e.stop();
      await server.stop();
    },
  };
}

