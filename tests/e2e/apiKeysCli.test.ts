import type { CreatedApiKey } from '../../contracts/apiKey';
import { eventually } from '../harness/eventually';
import { startE2eApp, type E2eApp } from './e2eApp';
import { runNfse } from './runNfse';

const CNPJ = '11222333000181';

// Each run starts a Node process with tsx: a few seconds apiece on a loaded machine.
jest.setTimeout(120_000);

describe('nfse api-keys and nfse usage, the real command against the running stack', () => {
  let e2e: E2eApp;
  let asAdmin: NodeJS.ProcessEnv;

  beforeAll(async () => {
    e2e = await startE2eApp();
    asAdmin = { ...process.env, NFSE_API_URL: e2e.app.api.endpoint, NFSE_API_KEY: e2e.app.apiKey, NFSE_TOKEN: await e2e.token('cli-keys-admin', [CNPJ], 'admin') };
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  it('creates a key printing its value once, lists it by prefix, reports its usage, revokes it, and the revoked key is refused', async () => {
    const created = await runNfse(['api-keys', 'create', '--name', 'cli-erp', '--plan', 'business'], asAdmin);
    expect(created.code).toBe(0);
    const value = /^ {2}(nfse[0-9a-f]{40})$/m.exec(created.stdout)?.[1] ?? '';
    expect(created.stdout).toContain('This is the only time the value is shown');

    const listed = await runNfse(['api-keys', 'list', '--json'], asAdmin);
    const keys = (JSON.parse(listed.stdout) as { items: Array<Omit<CreatedApiKey, 'value'>> }).items;
    expect(keys.map((key) => [key.name, key.plan, key.prefix])).toEqual([['cli-erp', 'business', value.slice(0, 12)]]);
    expect(listed.stdout).not.toContain(value);

    const asIntegrator = { ...asAdmin, NFSE_API_KEY: value };
    const usage = await runNfse(['usage'], asIntegrator);
    expect(usage.code).toBe(0);
    expect(usage.stdout).toMatch(new RegExp(`^\\d{4}-\\d{2}: key cli-erp \\(${keys[0]?.id ?? ''}, ${value.slice(0, 12)}…\\) on the business plan$`, 'm'));
    expect(usage.stdout).toMatch(/^ {2}requests {2}\d+ of 200000 this month/m);

    const revoked = await runNfse(['api-keys', 'revoke', keys[0]?.id ?? ''], asAdmin);
    expect(revoked.stdout.trim()).toBe(`API key ${keys[0]?.id ?? ''} (cli-erp, ${value.slice(0, 12)}…) revoked`);
    // The gateway refuses the key once its copy of the keys is fresh; until then the route's own check answers 403 too.
    await eventually(
      'the gateway refusing the revoked key',
      async () => {
        const answer = await fetch(`${e2e.app.api.endpoint}/usage`, { headers: { 'x-api-key': value, authorization: `Bearer ${asAdmin.NFSE_TOKEN ?? ''}` } });
        return { status: answer.status, code: ((await answer.json()) as { code?: string }).code };
      },
      (answer) => answer.status === 403 && answer.code === 'InvalidApiKey',
      { timeoutMs: 5_000, intervalMs: 100 },
    );
    const refused = await runNfse(['usage'], asIntegrator);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      "nfse: HTTP 403: Forbidden\n  the API refused the API key: NFSE_API_KEY is not this API's key, or it was revoked (`npm run nfse -- token` prints the local one; a tenant's admin creates one per application: nfse api-keys create)",
    );
  });
});
