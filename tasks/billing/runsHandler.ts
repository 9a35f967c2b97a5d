import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { logger } from '../shared/logger';
import { routeHandler } from '../shared/routeHandler';
import { billingClientsFromEnv } from './billingClients';
import { getBillingRun, listBillingRuns, startBillingRun, type BillingRunsDeps } from './billingRuns';

function billingDeps(): BillingRunsDeps {
  const { sfn, rds, secrets } = awsClients();
  return {
    sfn,
    rds,
    stateMachineArn: requireEnv(ENV.BillingStateMachineArn),
    db: { clusterArn: requireEnv(ENV.DbClusterArn), secretArn: requireEnv(ENV.DbSecretArn), name: requireEnv(ENV.DbName) },
    companyIds: async () => new Set((await (await billingClientsFromEnv(secrets)).usage.companies()).map((company) => String(company.idEmpresa))),
    now: () => new Date(),
  };
}

/**
 * `/billing/runs`: start a month's BillingCycleWorkflow, list the runs, show one. A Lambda of its
 * own so that the CDK app deploys these routes only with the billing workflow they start (until
 * then `billing` is not in DEPLOYED_TASKS and API Gateway has no such routes).
 */
export const handler = routeHandler('billing', {
  startBillingRun: async ({ body, event }) => {
    const started = await startBillingRun(billingDeps(), body, event.requestContext.requestId);
    logger.appendKeys({ executionArn: started.executionArn });
    return { statusCode: 202, body: started };
  },
  listBillingRuns: async ({ query }) => ({ statusCode: 200, body: await listBillingRuns(billingDeps(), query.limit) }),
  getBillingRun: async ({ path }) => ({ statusCode: 200, body: await getBillingRun(billingDeps(), path.id) }),
});
