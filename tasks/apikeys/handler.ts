import { ENV } from '../../contracts/wiring';
import type { UsagePlanIds } from '../../contracts/usagePlans';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { routeHandler } from '../shared/routeHandler';
import { createApiKey, findUsagePlanIds, listApiKeys, revokeApiKey, type ApiKeyDeps } from './apiKeys';
import { usageOf } from './usage';

// The plans are the deployment's: found once per container.
let usagePlanIds: Promise<UsagePlanIds> | undefined;

async function deps(): Promise<ApiKeyDeps> {
  const apigateway = awsClients().apigateway;
  usagePlanIds ??= findUsagePlanIds(apigateway, requireEnv(ENV.UsagePlanPrefix)).catch((error: unknown) => {
    usagePlanIds = undefined;
    throw error;
  });
  return { apigateway, usagePlanIds: await usagePlanIds, now: () => new Date() };
}

/** `/api-keys` (a tenant's keys, one per client application, each on a usage plan) and `/usage`. */
export const handler = routeHandler('apikeys', {
  listApiKeys: async ({ caller }) => ({ statusCode: 200, body: await listApiKeys(await deps(), caller) }),
  createApiKey: async ({ caller, body }) => {
    const key = await createApiKey(await deps(), caller, body);
    return { statusCode: 201, body: key, headers: { location: `/api-keys/${key.id}` } };
  },
  revokeApiKey: async ({ caller, path }) => ({ statusCode: 200, body: await revokeApiKey(await deps(), caller, path.id) }),
  getUsage: async ({ event, caller }) => ({
    statusCode: 200,
    body: await usageOf({ ...(await deps()), ddb: awsClients().ddb, invoicesTable: requireEnv(ENV.InvoicesTable) }, caller, event.requestContext.identity.apiKeyId),
  }),
});
