import { APIGatewayClient, CreateApiKeyCommand, CreateUsagePlanKeyCommand, DeleteApiKeyCommand, GetApiKeysCommand, GetUsagePlansCommand, NotFoundException } from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import type { TenantGrant } from '../../../contracts/tenantGrant';
import { createApiKey, findUsagePlanIds, listApiKeys, type ApiKeyDeps } from '../../../tasks/apikeys/apiKeys';
import type { Caller } from '../../../tasks/shared/caller';

const CNPJ = '11222333000181';
const PLANS = { starter: 'plan-s', business: 'plan-b', platform: 'plan-p' } as const;
const admin: Caller = { principal: 'admin-1', grant: { principal: 'admin-1', cnpjs: [CNPJ], role: 'admin', updatedAt: '2026-12-01T00:00:00.000Z' } satisfies TenantGrant };
const CREATED = new Date('2026-12-07T10:00:00.000Z');

describe('the api-keys operations, against API Gateway', () => {
  const apigateway = mockClient(APIGatewayClient);
  const deps = (): ApiKeyDeps => ({ apigateway: new APIGatewayClient({}), usagePlanIds: PLANS, now: () => CREATED, randomBytes: (size) => Buffer.alloc(size, 0xab) });

  beforeEach(() => {
    apigateway.reset();
    apigateway.on(GetApiKeysCommand).resolves({ items: [] });
  });

  it('creates an enabled key with the tags it is read back by, puts it in its plan and answers its value once', async () => {
    const value = `nfse${'ab'.repeat(20)}`;
    apigateway.on(CreateApiKeyCommand).callsFake((input: { tags: Record<string, string> }) => ({ id: 'k1', createdDate: CREATED, tags: input.tags }));
    apigateway.on(CreateUsagePlanKeyCommand).resolves({ id: 'k1', type: 'API_KEY' });

    const key = await createApiKey(deps(), admin, { name: 'erp', plan: 'business' });

    expect(apigateway.commandCalls(CreateApiKeyCommand)[0]?.args[0].input).toEqual({
      name: `erp (${CNPJ})`,
      description: `nfse-flow key of ${CNPJ} for erp`,
      enabled: true,
      value,
      tags: { 'nfse:app': 'erp', 'nfse:usagePlanId': 'plan-b', 'nfse:cnpjs': CNPJ, 'nfse:prefix': value.slice(0, 12), 'nfse:createdBy': 'admin-1' },
    });
    expect(apigateway.commandCalls(CreateUsagePlanKeyCommand)[0]?.args[0].input).toEqual({ usagePlanId: 'plan-b', keyId: 'k1', keyType: 'API_KEY' });
    expect(key).toEqual({ id: 'k1', name: 'erp', plan: 'business', cnpjs: [CNPJ], prefix: value.slice(0, 12), createdAt: CREATED.toISOString(), createdBy: 'admin-1', value });
  });

  it('deletes a key it could not put in its plan, so no key is left that API Gateway would refuse anyway', async () => {
    apigateway.on(CreateApiKeyCommand).resolves({ id: 'k2', createdDate: CREATED, tags: {} });
    apigateway.on(CreateUsagePlanKeyCommand).rejects(new NotFoundException({ message: 'Invalid Usage Plan ID specified', $metadata: {} }));
    apigateway.on(DeleteApiKeyCommand).resolves({});

    await expect(createApiKey(deps(), admin, { name: 'erp', plan: 'starter' })).rejects.toThrow('Invalid Usage Plan ID specified');
    expect(apigateway.commandCalls(DeleteApiKeyCommand).map((call) => call.args[0].input)).toEqual([{ apiKey: 'k2' }]);
  });

  it("lists only this deployment's tenant keys the caller administers, across pages", async () => {
    const tags = (usagePlanId: string, cnpjs?: string): Record<string, string> => ({ 'nfse:app': 'app', 'nfse:usagePlanId': usagePlanId, 'nfse:prefix': 'nfseabcdef12', ...(cnpjs !== undefined ? { 'nfse:cnpjs': cnpjs } : {}) });
    apigateway
      .on(GetApiKeysCommand, { limit: 500 })
      .resolvesOnce({ items: [{ id: 'mine', createdDate: CREATED, tags: tags('plan-s', CNPJ) }, { id: 'other-stage', createdDate: CREATED, tags: tags('plan-x', CNPJ) }], position: 'p2' })
      .resolvesOnce({ items: [{ id: 'console', createdDate: CREATED, tags: tags('plan-p') }, { id: 'other-tenant', createdDate: CREATED, tags: tags('plan-b', '11444777000161') }, { id: 'untagged', createdDate: CREATED }] });

    const listed = await listApiKeys(deps(), admin);

    expect(listed.items.map((key) => key.id)).toEqual(['mine']);
    expect(apigateway.commandCalls(GetApiKeysCommand).map((call) => call.args[0].input.position)).toEqual([undefined, 'p2']);
  });

  it("finds the deployment's plans by name, and says which one is missing", async () => {
    apigateway.on(GetUsagePlansCommand).resolves({ items: [{ id: 'a', name: 'nfse-dev-starter' }, { id: 'b', name: 'nfse-dev-business' }, { id: 'c', name: 'nfse-prod-platform' }] });

    await expect(findUsagePlanIds(new APIGatewayClient({}), 'nfse-dev')).rejects.toThrow('usage plan nfse-dev-platform not found: the deployment creates one per plan of contracts/usagePlans.ts');
  });
});
