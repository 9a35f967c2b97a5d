import type { UsageView } from '../../contracts/usage';
import { eventually } from '../harness/eventually';
import { startE2eApp, type E2eApp } from './e2eApp';

const CNPJ = '11222333000181';
const OTHER_CNPJ = '11444777000161';

describe("a tenant's API keys, one per client application, each on its plan", () => {
  let e2e: E2eApp;
  let admin: string;
  let client: string;

  beforeAll(async () => {
    e2e = await startE2eApp();
    admin = await e2e.token('keys-admin', [CNPJ], 'admin');
    client = await e2e.token('keys-client', [CNPJ]);
    await e2e.token('keys-other-admin', [OTHER_CNPJ], 'admin');
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  /** A call with a key of our own instead of the CLI's. */
  async function withKey(apiKey: string, urlPath: string, token = client): Promise<Response> {
    return fetch(`${e2e.app.api.endpoint}${urlPath}`, { headers: { authorization: `Bearer ${token}`, 'x-api-key': apiKey } });
  }

  it('throttles the client over its plan’s rate with 429 and Retry-After, leaves the other client of the tenant alone, and refuses a revoked key with 403', async () => {
    const starter = await e2e.call('POST', '/api-keys', admin, { name: 'mobile-app', plan: 'starter' });
    const business = await e2e.call('POST', '/api-keys', admin, { name: 'erp', plan: 'business' });
    expect([starter.status, business.status]).toEqual([201, 201]);
    const starterKey = String(starter.body.value);
    const businessKey = String(business.body.value);

    // The starter plan's bucket holds 10 and refills 5 a second: 20 requests at once overflow it.
    const starterAnswers = await Promise.all(Array.from({ length: 20 }, () => withKey(starterKey, '/me')));
    const businessAnswers = await Promise.all(Array.from({ length: 20 }, () => withKey(businessKey, '/me')));
    const throttled = starterAnswers.find((answer) => answer.status === 429);

    expect(starterAnswers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(10);
    expect(starterAnswers.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(5);
    expect(throttled?.headers.get('retry-after')).toBe('1');
    expect(await throttled?.json()).toMatchObject({ message: 'Too Many Requests', code: 'Throttled' });
    expect(businessAnswers.map((answer) => answer.status)).toEqual(Array(20).fill(200));

    const revoked = await e2e.call('DELETE', `/api-keys/${String(starter.body.id)}`, admin);
    expect(revoked).toMatchObject({ status: 200, body: { id: starter.body.id, name: 'mobile-app', plan: 'starter', cnpjs: [CNPJ] } });
    const refused = await eventually('the revoked key refused', () => withKey(starterKey, '/me'), (answer) => answer.status === 403, { timeoutMs: 5_000, intervalMs: 100 });
    expect(await refused.json()).toMatchObject({ message: 'Forbidden', code: 'InvalidApiKey' });
    expect((await withKey(businessKey, '/me')).status).toBe(200);
  });

  it("lists the tenant's keys without their values, and hides them from another tenant's admin", async () => {
    const created = await e2e.call('POST', '/api-keys', admin, { name: 'billing-sync', plan: 'starter' });
    const value = String(created.body.value);
    const other = await e2e.token('keys-other-admin', [OTHER_CNPJ], 'admin');

    const mine = await e2e.call('GET', '/api-keys', admin);
    const theirs = await e2e.call('GET', '/api-keys', other);
    const revokeTheirs = await e2e.call('DELETE', `/api-keys/${String(created.body.id)}`, other);

    const listed = (mine.body.items as Array<Record<string, unknown>>).find((key) => key.id === created.body.id);
    expect(listed).toEqual({ id: created.body.id, name: 'billing-sync', plan: 'starter', cnpjs: [CNPJ], prefix: value.slice(0, 12), createdAt: created.body.createdAt, createdBy: 'keys-admin' });
    expect(JSON.stringify(mine.body)).not.toContain(value);
    expect(theirs.body.items).toEqual([]);
    expect(revokeTheirs).toMatchObject({ status: 404, body: { code: 'NotFound', message: `API key ${String(created.body.id)} not found` } });
  });

  it('refuses a second key of the same name, a plan not offered, companies not granted, and a client who is not an admin', async () => {
    await e2e.call('POST', '/api-keys', admin, { name: 'webshop', plan: 'starter' });

    const again = await e2e.call('POST', '/api-keys', admin, { name: 'webshop', plan: 'business' });
    const platform = await e2e.call('POST', '/api-keys', admin, { name: 'sneaky', plan: 'platform' });
    const foreign = await e2e.call('POST', '/api-keys', admin, { name: 'foreign', plan: 'starter', cnpjs: [OTHER_CNPJ] });
    const byClient = await e2e.call('POST', '/api-keys', client, { name: 'mine', plan: 'starter' });

    expect(again).toMatchObject({ status: 409, body: { code: 'ApiKeyNameTaken' } });
    expect(platform).toMatchObject({ status: 400, body: { errors: [{ field: 'plan', message: 'must be one of starter, business' }] } });
    expect(foreign).toMatchObject({ status: 400, body: { errors: [{ field: 'cnpjs', message: `not granted to the caller: ${OTHER_CNPJ}` }] } });
    expect(byClient).toMatchObject({ status: 403, body: { code: 'Forbidden', message: "Role 'client' may not manage API keys" } });
  });

  it("shows the calling key's requests this month against its plan, and its companies' invoices", async () => {
    const created = await e2e.call('POST', '/api-keys', admin, { name: 'reporting', plan: 'business' });
    const key = String(created.body.value);
    const emitted = await fetch(`${e2e.app.api.endpoint}/invoices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client}`, 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ companyCnpj: CNPJ, municipalityCode: '3550308', total: '42.00', service: { code: '01.07', description: 'x', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } }),
    });
    expect(emitted.status).toBe(201);
    for (let i = 0; i < 3; i++) await withKey(key, '/me');

    // API Gateway counts with a delay (the local gateway within a second): the emit, three reads and this call.
    const usage = await eventually(
      'the key’s requests counted',
      async () => (await (await withKey(key, '/usage')).json()) as UsageView,
      (answer) => answer.requests.used >= 4,
      { timeoutMs: 10_000, intervalMs: 300 },
    );
    const month = new Date().toISOString().slice(0, 7);

    expect(usage).toMatchObject({
      month,
      apiKey: { id: created.body.id, name: 'reporting', plan: 'business', prefix: key.slice(0, 12) },
      plan: { name: 'business', rateLimit: 50, burstLimit: 100, quota: { limit: 200_000, period: 'MONTH' } },
      invoices: { companies: [CNPJ] },
    });
    expect(usage.requests.used).toBeGreaterThanOrEqual(4);
    expect(usage.requests.remaining).toBe(200_000 - usage.requests.used);
    expect(usage.invoices.emitted).toBe(1);
  });
});
