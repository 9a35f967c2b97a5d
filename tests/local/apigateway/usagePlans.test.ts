import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { APIGatewayClient, CreateApiKeyCommand, CreateUsagePlanCommand, CreateUsagePlanKeyCommand, DeleteApiKeyCommand, GetUsageCommand, type QuotaSettings, type ThrottleSettings } from '@aws-sdk/client-api-gateway';
import pino from 'pino';
import { ControlPlaneApiKeys } from '../../../local/apigateway/ControlPlaneApiKeys';
import { LocalApiGateway } from '../../../local/apigateway/LocalApiGateway';
import { LocalJwtIssuer } from '../../../local/apigateway/LocalJwtIssuer';
import { eventually } from '../../harness/eventually';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

/** 2026-12-07T10:00:00Z: the quota's month ends in 24 days and 14 hours. */
const DECEMBER_7 = Date.parse('2026-12-07T10:00:00Z');

describe('the local gateway enforces the usage plans of the API Gateway control plane', () => {
  const control = new APIGatewayClient(testClientConfig());
  let gateway: LocalApiGateway;
  let issuer: LocalJwtIssuer;
  let token: string;
  let keyDir: string;
  let now = DECEMBER_7;

  beforeAll(async () => {
    keyDir = await fs.mkdtemp(path.join(os.tmpdir(), 'usage-plans-'));
    issuer = await LocalJwtIssuer.create('http://127.0.0.1/local-issuer', path.join(keyDir, 'key.json'));
    token = await issuer.sign({ sub: 'integrator' });
    gateway = await LocalApiGateway.start({
      port: 0,
      issuer,
      apiKeys: new ControlPlaneApiKeys({ endpoint: testClientConfig().endpoint, logger: pino({ level: 'silent' }), refreshMs: 200 }),
      now: () => now,
      logger: pino({ level: 'silent' }),
      routes: [{ method: 'GET', resource: '/me', functionName: 'list', auth: { scopes: ['nfse/invoices.read'] }, handler: async () => ({ statusCode: 200, body: '{}' }) }],
    });
  });

  afterAll(async () => {
    await gateway.stop();
    control.destroy();
    await fs.rm(keyDir, { recursive: true, force: true });
  });

  /** A key in a new plan of its own, as the api-keys handler creates them. */
  async function keyOnPlan(plan: { throttle?: ThrottleSettings; quota?: QuotaSettings }, enabled = true): Promise<{ id: string; value: string; planId: string }> {
    const usagePlan = await control.send(new CreateUsagePlanCommand({ name: uniqueName('plan'), ...plan }));
    const value = `key${randomBytes(12).toString('hex')}`;
    const key = await control.send(new CreateApiKeyCommand({ name: 'client', value, enabled }));
    await control.send(new CreateUsagePlanKeyCommand({ usagePlanId: usagePlan.id, keyId: key.id, keyType: 'API_KEY' }));
    return { id: key.id ?? '', value, planId: usagePlan.id ?? '' };
  }

  const call = (apiKey: string): Promise<Response> => fetch(`${gateway.endpoint}/me`, { headers: { authorization: `Bearer ${token}`, 'x-api-key': apiKey } });

  it('answers 429 with Retry-After to the client over its rate, and the other client of another plan is unaffected', async () => {
    now += 3_600_000;
    const starter = await keyOnPlan({ throttle: { rateLimit: 1, burstLimit: 2 } });
    const business = await keyOnPlan({ throttle: { rateLimit: 50, burstLimit: 100 } });

    const starterStatuses: number[] = [];
    for (let i = 0; i < 3; i++) starterStatuses.push((await call(starter.value)).status);
    const throttled = await call(starter.value);
    const businessStatuses: number[] = [];
    for (let i = 0; i < 10; i++) businessStatuses.push((await call(business.value)).status);

    expect(starterStatuses).toEqual([200, 200, 429]);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(await throttled.json()).toMatchObject({ message: 'Too Many Requests', code: 'Throttled' });
    expect(businessStatuses).toEqual(Array(10).fill(200));
  });

  it('answers 429 Limit Exceeded once the monthly quota is spent, with Retry-After until the next month', async () => {
    now += 3_600_000;
    const key = await keyOnPlan({ quota: { limit: 3, offset: 0, period: 'MONTH' } });

    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(key.value)).status);
    const spent = await call(key.value);

    expect(statuses).toEqual([200, 200, 200]);
    expect(spent.status).toBe(429);
    expect(await spent.json()).toMatchObject({ message: 'Limit Exceeded', code: 'QuotaExceeded' });
    expect(Number(spent.headers.get('retry-after'))).toBe((Date.parse('2027-01-01T00:00:00Z') - now) / 1000);
  });

  it('answers 403 Forbidden for a revoked key, a disabled one and one in no usage plan', async () => {
    now += 3_600_000;
    const revoked = await keyOnPlan({});
    const disabled = await keyOnPlan({}, false);
    const planless = await control.send(new CreateApiKeyCommand({ name: 'planless', value: `planless${randomBytes(12).toString('hex')}`, enabled: true }));
    expect((await call(revoked.value)).status).toBe(200);

    await control.send(new DeleteApiKeyCommand({ apiKey: revoked.id }));

    await eventually('the revoked key refused', () => call(revoked.value), (response) => response.status === 403, { timeoutMs: 5_000, intervalMs: 100 });
    const refused = await call(revoked.value);
    expect(await refused.json()).toMatchObject({ message: 'Forbidden', code: 'InvalidApiKey' });
    expect((await call(disabled.value)).status).toBe(403);
    expect((await call(planless.value ?? '')).status).toBe(403);
  });

  it('counts the requests it lets through in GetUsage, and only those', async () => {
    now += 3_600_000;
    const key = await keyOnPlan({ throttle: { rateLimit: 1, burstLimit: 2 }, quota: { limit: 1000, offset: 0, period: 'MONTH' } });
    for (let i = 0; i < 4; i++) await call(key.value);
    const today = new Date().toISOString().slice(0, 10);

    const usage = await eventually(
      'the two requests let through counted',
      () => control.send(new GetUsageCommand({ usagePlanId: key.planId, keyId: key.id, startDate: today, endDate: today })),
      // Counts reach the control plane in the gateway's next exchanges, perhaps one request at a time.
      (answer) => (answer.items?.[key.id]?.[0]?.[0] ?? 0) >= 2,
      { timeoutMs: 5_000, intervalMs: 100 },
    );

    expect(usage.items).toEqual({ [key.id]: [[2, 998]] });
  });
});
