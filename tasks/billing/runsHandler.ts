import { BILLING_SCHEMA_NAME, DEFAULT_BILLING_SCHEMA } from '../../contracts/billingSchemaSql';
import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { logger } from '../shared/logger';
import { PageTokens } from '../shared/PageTokens';
import { routeHandler } from '../shared/routeHandler';
import { billingClientsFromEnv } from './billingClients';
import { getBillingRun, listBillingRuns, startBillingRun, type BillingRunsDeps } from './billingRuns';

/** The billing tables' schema: spliced into SQL, so only an identifier we accept. @default 'billing' */
function billingSchema(): string {
  const schema = process.env[ENV.BillingSchema] ?? DEFAULT_BILLING_SCHEMA;
  if (!BILLING_SCHEMA_NAME.test(schema)) throw new Error(`${ENV.BillingSchema} is not a schema name: ${schema}`);
  return schema;
}

let pageTokens: PageTokens | undefined;

function billingDeps(): BillingRunsDeps {
  const { sfn, rds, secrets } = awsClients();
  pageTokens ??= PageTokens.fromEnv();
  return {
    sfn,
    rds,
    stateMachineArn: requireEnv(ENV.BillingStateMachineArn),
    db: { clusterArn: requireEnv(ENV.DbClusterArn), secretArn: requireEnv(ENV.DbSecretArn), name: requireEnv(ENV.DbName), schema: billingSchema() },
    companyIds: async () => new Set((await (await billingClientsFromEnv(secrets)).usage.companies()).map((company) => String(company.idEmpresa))),
    now: () => new Date(),
    pageTokens,
  };
}

/**
 * `/billing/runs`: start a month's BillingCycleWorkflow, list the runs, show one. A Lambda of its
 * own, so that only it holds the billing reader's secret and may start BillingCycleWorkflow.
 */
export const handler = routeHandler('billing', {
  startBillingRun: async ({ body, event }) => {
    const started = await startBillingRun(billingDeps(), body, event.requestContext.requestId);
    logger.appendKeys({ executionArn: started.executionArn });
    return { statusCode: 202, body: started };
  },
  listBillingRuns: async ({ query }) => ({ statusCode: 200, body: await listBillingRuns(billingDeps(), query) }),
  getBillingRun: async ({ path }) => ({ statusCode: 200, body: await getBillingRun(billingDeps(), path.id) }),
});
