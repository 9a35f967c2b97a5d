import { randomBytes } from 'node:crypto';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetUsageCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  NotFoundException,
} from '@aws-sdk/client-api-gateway';
import { USAGE_SYNC_PATH } from '../../../../local/apigateway/control/usageSync';
import { restartableCloud } from '../../../harness/restartableCloud';
import { testClientConfig, uniqueName } from '../../../harness/localCloudEnv';


describe('the local API Gateway control plane, through @aws-sdk/client-api-gateway', () => {
  const client = new APIGatewayClient(testClientConfig());

  afterAll(() => client.destroy());

  it('creates a key with its tags, puts it in a usage plan and lists it there, its value only when asked', async () => {
    const plan = await client.send(new CreateUsagePlanCommand({ name: uniqueName('plan'), throttle: { rateLimit: 5, burstLimit: 10 }, quota: { limit: 100, offset: 0, period: 'MONTH' } }));
    const value = `value${randomBytes(12).toString('hex')}`;
    const key = await client.send(new CreateApiKeyCommand({ name: 'erp', value, enabled: true, tags: { 'nfse:app': 'erp' } }));
    await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }));

    const read = await client.send(new GetApiKeyCommand({ apiKey: key.id }));
    const withValue = await client.send(new GetApiKeyCommand({ apiKey: key.id, includeValue: true }));
    const inPlan = await client.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id }));
    const listed = (await client.send(new GetApiKeysCommand({ nameQuery: 'erp', includeValues: true, limit: 500 }))).items?.find((item) => item.id === key.id);
    const plansOfKey = await client.send(new GetUsagePlansCommand({ keyId: key.id }));

    expect(key).toMatchObject({ name: 'erp', value, enabled: true, tags: { 'nfse:app': 'erp' } });
    expect(key.createdDate).toBeInstanceOf(Date);
    expect(read.value).toBeUndefined();
    expect(withValue.value).toBe(value);
    expect(inPlan.items).toEqual([{ id: key.id, type: 'API_KEY', value, name: 'erp' }]);
    expect(listed?.value).toBe(value);
    expect(plansOfKey.items?.map((item) => [item.id, item.throttle, item.quota])).toEqual([[plan.id, { rateLimit: 5, burstLimit: 10 }, { limit: 100, offset: 0, period: 'MONTH' }]]);
  });

  it('answers NotFoundException, as API Gateway words it, for a deleted key', async () => {
    const key = await client.send(new CreateApiKeyCommand({ name: 'gone', enabled: true }));
    await client.send(new DeleteApiKeyCommand({ apiKey: key.id }));

    const error = await client.send(new GetApiKeyCommand({ apiKey: key.id })).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(NotFoundException);
    expect((error as NotFoundException).message).toBe('Invalid API Key identifier specified');
    expect(key.value).toMatch(/^[A-Za-z0-9]{20,}$/);
  });

  it("counts the gateway's requests per day and answers them with GetUsage as [used, remaining]", async () => {
    const plan = await client.send(new CreateUsagePlanCommand({ name: uniqueName('plan'), quota: { limit: 10, offset: 0, period: 'MONTH' } }));
    const key = await client.send(new CreateApiKeyCommand({ name: 'counted', enabled: true }));
    await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }));
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

    const sync = await fetch(`${testClientConfig().endpoint}${USAGE_SYNC_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ counts: [{ keyId: key.id, requests: 3, at: Date.now() }] }) });
    const served = ((await sync.json()) as { keys: Array<{ id: string; used: number }> }).keys.find((served) => served.id === key.id);
    const usage = await client.send(new GetUsageCommand({ usagePlanId: plan.id, keyId: key.id, startDate: yesterday, endDate: today }));

    expect(served?.used).toBe(3);
    // Yesterday may be last month: then nothing of this month's quota was used by then either.
    expect(usage.items).toEqual({ [key.id ?? '']: [[0, 10], [3, 7]] });
  });

  it('keeps keys, plans and usage across a restart with a data directory', async () => {
    const clouds = await restartableCloud({ services: ['apigateway'], client: (config) => new APIGatewayClient(config) });
    try {
      const first = await clouds.start();
      const plan = await first.client.send(new CreateUsagePlanCommand({ name: 'kept', quota: { limit: 5, offset: 0, period: 'DAY' } }));
      const key = await first.client.send(new CreateApiKeyCommand({ name: 'kept', enabled: true }));
      await first.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }));
      await fetch(`${first.cloud.endpoint}${USAGE_SYNC_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ counts: [{ keyId: key.id, requests: 2, at: Date.now() }] }) });
      await first.stop();

      const second = await clouds.start();
      const today = new Date().toISOString().slice(0, 10);
      const usage = await second.client.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: today, endDate: today }));
      const read = await second.client.send(new GetApiKeyCommand({ apiKey: key.id, includeValue: true }));
      await second.stop();

      expect(usage.items).toEqual({ [key.id ?? '']: [[2, 3]] });
      expect(read.value).toBe(key.value);
    } finally {
      await clouds.dispose();
    }
  });
});
