import type { Page } from 'playwright-core';
import { NACIONAL_DEMO_COMPANY } from '../../../local/app/demoInvoice';
import { createTestCa, issueA1Certificate, toPfx, type TestCa } from '../../../local/certificates/testPki';
import { formatCnpj } from '../../../web/src/app/format';
import { startConsoleHarness, TENANTS, type ConsoleHarness, type WatchedPage, DEMO } from './consoleHarness';

const OTHER = TENANTS.other.cnpjs[0];
const PASSWORD = 'senha-do-console-4d2';

jest.setTimeout(90_000);

describe('the console’s companies, in real Chromium against the stack started in this process', () => {
  let h: ConsoleHarness;
  let ca: TestCa;
  let adminToken: string;

  beforeAll(async () => {
    // The tenants' companies as an onboarding leaves them, before anyone uploaded a certificate.
    h = await startConsoleHarness({ seedDevCertificates: false });
    ca = createTestCa('console CA');
    // The tenants' companies as an onboarding leaves them (the dev sign-in only grants).
    adminToken = await h.e2e.token('companies-admin', [DEMO, OTHER], 'admin', { certificates: false });
  }, 120_000);

  afterAll(async () => {
    await h.stop();
  });

  const pfxBase64 = (cnpj: string, password: string): string => toPfx(issueA1Certificate(ca, { cnpj, razaoSocial: 'EMPRESA CONSOLE LTDA' }), password, [ca.certificatePem]).toString('base64');

  /** Every page must be clean: no console error, no CSP report, no serious axe finding. The API's refusals the test provoked are expected. */
  async function expectClean(watched: WatchedPage, expectedStatuses: readonly number[] = []): Promise<void> {
    expect(await h.accessibilityViolations(watched.page)).toEqual([]);
    const refused = new RegExp(`^console\\.error: Failed to load resource: the server responded with a status of (${expectedStatuses.join('|') || 'none'}) `);
    expect(watched.problems.filter((problem) => !refused.test(problem))).toEqual([]);
  }

  const row = (page: Page, cnpj: string): ReturnType<Page['locator']> => page.locator(`[data-testid="companies-table"] tr[data-cnpj="${cnpj}"]`);

  it('lists a viewer’s companies with their certificate’s status and days left, and shows one read-only', async () => {
    await h.e2e.call('PUT', `/companies/${DEMO}/certificate`, adminToken, { pfxBase64: pfxBase64(DEMO, PASSWORD), password: PASSWORD });
    const watched = await h.open();
    await h.signIn(watched, TENANTS.demo, 'viewer');

    await watched.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Companies' }).click();
    await row(watched.page, DEMO).waitFor();

    expect(await row(watched.page, DEMO).locator('td').allTextContents()).toEqual(['Empresa Demonstração de Software Ltda nfse-flow demo', formatCnpj(DEMO), '3550308', '✓ valid · 363 days left']);
    expect(await watched.page.locator('[data-testid="companies-table"] tbody tr').count()).toBe(1);
    await h.screenshot(watched.page, 'companies-viewer');
    await expectClean(watched);
    await watched.page.getByRole('link', { name: 'Empresa Demonstração de Software Ltda' }).click();
    await watched.page.getByTestId('certificate-fields').waitFor();
    expect(await watched.page.getByTestId('certificate-fields').innerText()).toContain(`CN=EMPRESA CONSOLE LTDA:${DEMO}`);
    expect(await watched.page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await watched.page.getByLabel('Certificate file').count()).toBe(0);
    await h.screenshot(watched.page, 'company-viewer');
    await expectClean(watched);
    await h.go(watched.page, `/companies/${OTHER}`);
    await watched.page.getByRole('alert').getByText(`Company ${OTHER} not found`).waitFor();
    await expectClean(watched, [404]);
  });

  it('lets an admin edit a company: a field the API refuses is named beside its input, and a save over someone else’s change is a 412 the form explains', async () => {
    const watched = await h.open();
    await h.signIn(watched, TENANTS.other, 'admin');
    await h.go(watched.page, `/companies/${OTHER}`);
    await watched.page.getByRole('button', { name: 'Edit' }).click();
    const form = watched.page.getByRole('form', { name: `Edit company ${OTHER}` });

    await form.getByLabel('CEP').fill('123');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.locator('#company-address-postalCode-error').waitFor();
    expect(await form.locator('#company-address-postalCode-error').innerText()).toBe('must be the 8-digit CEP, no punctuation');
    expect(await form.getByLabel('CEP').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('CEP').fill('20040002');
    await form.getByLabel('Nome fantasia').fill('Outra pelo console');
    // Someone else saves first.
    const theirs = await h.e2e.call('PATCH', `/companies/${OTHER}`, adminToken, { inscricaoMunicipal: '99999' });
    await form.getByRole('button', { name: 'Save changes' }).click();
    await watched.page.getByTestId('edit-conflict').waitFor();
    expect(await watched.page.getByTestId('edit-conflict').innerText()).toContain('Someone else changed this company while you were editing it (you started from version 1). Your changes are not saved.');
    await h.screenshot(watched.page, 'company-edit-conflict');
    await watched.page.getByRole('button', { name: 'Load their version' }).click();
    await watched.page.getByTestId('edit-conflict').waitFor({ state: 'detached' });
    expect(await form.getByLabel('Inscrição municipal').inputValue()).toBe('99999');
    await form.getByLabel('Nome fantasia').fill('Outra pelo console');
    await form.getByRole('button', { name: 'Save changes' }).click();

    await watched.page.getByTestId('company-notice').getByText(`Saved: version ${Number(theirs.body.version) + 1}.`).waitFor();
    const stored = (await h.e2e.call('GET', `/companies/${OTHER}`, adminToken)).body;
    expect([stored.nomeFantasia, stored.inscricaoMunicipal, stored.updatedBy, (stored.address as { postalCode: string }).postalCode]).toEqual(['Outra pelo console', '99999', `console-admin-${OTHER}`, NACIONAL_DEMO_COMPANY.address.postalCode]);
    expect(await watched.page.getByTestId('company-fields').innerText()).toContain('Outra pelo console');
    await expectClean(watched, [400, 412]);
  });

  it('lets an admin upload the certificate: a wrong password is named and cleared, the right one stored with only metadata shown', async () => {
    const watched = await h.open();
    await h.signIn(watched, TENANTS.other, 'admin');
    await h.go(watched.page, `/companies/${OTHER}`);
    const upload = watched.page.getByRole('form', { name: `Upload the A1 certificate of ${OTHER}` });
    const file = { name: 'outra.pfx', mimeType: 'application/x-pkcs12', buffer: Buffer.from(pfxBase64(OTHER, PASSWORD), 'base64') };

    await upload.getByLabel('Certificate file').setInputFiles(file);
    await upload.getByLabel('Password').fill('errada');
    await upload.getByRole('button', { name: 'Upload certificate' }).click();
    await upload.locator('#certificate-password-error').waitFor();
    expect([await upload.locator('#certificate-password-error').innerText(), await upload.getByLabel('Password').inputValue()]).toEqual(['the password does not open this certificate', '']);
    await upload.getByLabel('Password').fill(PASSWORD);
    await upload.getByRole('button', { name: 'Upload certificate' }).click();

    await watched.page.getByTestId('company-notice').getByText('Certificate uploaded: valid, 363 days left.').waitFor();
    await watched.page.getByTestId('certificate-fields').waitFor();
    const stored = (await h.e2e.call('GET', `/companies/${OTHER}/certificate`, adminToken)).body;
    expect(await watched.page.getByTestId('certificate-fields').innerText()).toContain(String(stored.fingerprintSha256));
    expect(stored.uploadedBy).toBe(`console-admin-${OTHER}`);
    expect(await watched.page.content()).not.toContain(PASSWORD);
    await h.screenshot(watched.page, 'company-certificate-uploaded');
    await watched.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Companies' }).click();
    await row(watched.page, OTHER).getByText('✓ valid · 363 days left').waitFor();
    await h.screenshot(watched.page, 'companies-admin');
    await expectClean(watched, [422]);
  });
});
