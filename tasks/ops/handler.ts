import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { logger } from '../shared/logger';
import { PageTokens } from '../shared/PageTokens';
import { routeHandler } from '../shared/routeHandler';
import { assertMayReadExecution, readableExecutions } from './executionAccess';
import { describeExecution, listExecutions, redriveExecution, stopExecution, type WorkflowArns } from './executions';
import { peekFailures, reprocessFailures, type FailuresDeps } from './failuresQueue';
import { reprocessInvoice, type ReprocessDeps } from './reprocessInvoice';
import { billingClientsFromEnv } from '../billing/billingClients';
import { getBillingRun, listBillingRuns, startBillingRun, type BillingRunsDeps } from './billingRuns';
import { randomBytes } from 'node:crypto';

let pageTokens: PageTokens | undefined;

function workflowArns(): WorkflowArns {
  return { emission: requireEnv(ENV.EmissionStateMachineArn), cancellation: requireEnv(ENV.CancellationStateMachineArn) };
}

function reprocessDeps(): ReprocessDeps {
  const { ddb, sfn } = awsClients();
  return { ddb, sfn, invoicesTable: requireEnv(ENV.InvoicesTable), emissionStateMachineArn: requireEnv(ENV.EmissionStateMachineArn) };
}

function failuresDeps(): FailuresDeps {
  return { ...reprocessDeps(), sqs: awsClients().sqs, failuresQueueUrl: requireEnv(ENV.FailuresQueueUrl) };
}

function billingDeps(): BillingRunsDeps {
  const { sfn, rds, secrets } = awsClients();
  return {
    sfn,
    rds,
    stateMachineArn: requireEnv(ENV.BillingStateMachineArn),
    db: { clusterArn: requireEnv(ENV.DbClusterArn), secretArn: requireEnv(ENV.DbSecretArn), name: requireEnv(ENV.DbName) },
    companyIds: async () => new Set((await (await billingClientsFromEnv(secrets)).usage.companies()).map((company) => String(company.idEmpresa))),
    now: () => new Date(),
    suffix: () => randomBytes(4).toString('hex'),
  };
}

/**
 * `GET /executions[/{arn}]` (viewers and ops; a viewer sees only their companies' executions) and
 * `/ops/...`: redrive, stop, reprocess and the failures queue. Who may call which is the route
 * table's: ops grants are for all companies by contract, so the ops routes check the role only.
 */
export const handler = routeHandler('ops', {
  listExecutions: async ({ caller, query }) => {
    const { ddb, sfn } = awsClients();
    pageTokens ??= PageTokens.fromEnv();
    const page = await listExecutions(sfn, pageTokens, workflowArns()[query.workflow], query);
    return { statusCode: 200, body: { ...page, items: await readableExecutions(caller, ddb, requireEnv(ENV.InvoicesTable), page.items) } };
  },
  getExecution: async ({ caller, path }) => {
    const { ddb, sfn } = awsClients();
    await assertMayReadExecution(caller, ddb, requireEnv(ENV.InvoicesTable), path.arn);
    return { statusCode: 200, body: await describeExecution(sfn, path.arn, workflowArns()) };
  },
  redriveExecution: async ({ path }) => ({ statusCode: 202, body: await redriveExecution(awsClients().sfn, path.arn) }),
  stopExecution: async ({ caller, path }) => ({ statusCode: 202, body: await stopExecution(awsClients().sfn, path.arn, caller.principal) }),
  reprocessInvoice: async ({ path }) => {
    const started = await reprocessInvoice(reprocessDeps(), path.id);
    logger.appendKeys({ executionArn: started.executionArn });
    return { statusCode: 202, body: started };
  },
  listFailures: async () => ({ statusCode: 200, body: { items: await peekFailures(failuresDeps()) } }),
  reprocessFailures: async ({ body }) => ({ statusCode: 200, body: await reprocessFailures(failuresDeps(), body) }),
  startBillingRun: async ({ body, event }) => {
    const started = await startBillingRun(billingDeps(), body, event.requestContext.requestId);
    logger.appendKeys({ executionArn: started.executionArn });
    return { statusCode: 202, body: started };
  },
  listBillingRuns: async ({ query }) => ({ statusCode: 200, body: await listBillingRuns(billingDeps(), query.limit) }),
  getBillingRun: async ({ path }) => ({ statusCode: 200, body: await getBillingRun(billingDeps(), path.id) }),
});
