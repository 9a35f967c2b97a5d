import { municipalityRegistry } from '../shared/municipalities';
import { invoiceIdOfExecution } from '../../contracts/executionNames';
import type { StartedExecution } from '../../contracts/ops';
import { ENV, WORKFLOW_ARN_ENV } from '../../contracts/wiring';
import { buildRpsXml } from '../emit/rps/buildRpsXml';
import { rpsOptionsOf } from '../emit/rps/rpsOptionsOf';
import { awsClients } from '../shared/clients';
import { CompanyReader } from '../../lib/companies/CompanyReader';
import { requireEnv } from '../shared/environment';
import { logger } from '../shared/logger';
import { PageTokens } from '../shared/PageTokens';
import { routeHandler } from '../shared/routeHandler';
import { correctInvoice, type CorrectDeps } from './correctInvoice';
import { dismissFailure } from './dismissFailure';
import { assertMayListWorkflow, assertMayReadExecution, readableExecutions, type ExecutionReadDeps } from './executionAccess';
import { onExecution } from './executionRef';
import { describeExecution, listExecutions, redriveExecution, stopExecution, withErrors, type WorkflowArns } from './executions';
import { listFailedExecutions, redriveExecutions } from './failedExecutions';
import { listFailures } from './failuresQueue';
import { recordOpsAction } from './opsActions';
import { reprocessFailures, type FailuresDeps } from './reprocessFailures';
import { reprocessInvoice, type ReprocessDeps } from './reprocessInvoice';

let pageTokens: PageTokens | undefined;
let companies: CompanyReader | undefined;

/** Who may read which execution looks at its state machine: the billing workflows' and the order saga's are no invoice's. */
function executionReadDeps(): ExecutionReadDeps {
  const { ddb, sfn } = awsClients();
  return {
    ddb,
    sfn,
    invoicesTable: requireEnv(ENV.InvoicesTable),
    billingStateMachineArns: [requireEnv(ENV.BillingStateMachineArn), requireEnv(ENV.CnpjSyncStateMachineArn)],
    orderSagaStateMachineArn: requireEnv(ENV.OrderSagaStateMachineArn),
  };
}

function workflowArns(): WorkflowArns {
  return { emission: requireEnv(ENV.EmissionStateMachineArn), cancellation: requireEnv(ENV.CancellationStateMachineArn), substitution: requireEnv(ENV.SubstitutionStateMachineArn) };
}

function reprocessDeps(): ReprocessDeps {
  const { ddb, sfn } = awsClients();
  return { ddb, sfn, invoicesTable: requireEnv(ENV.InvoicesTable), emissionStateMachineArn: requireEnv(ENV.EmissionStateMachineArn), now: () => new Date() };
}

function failuresDeps(): FailuresDeps {
  return { ...reprocessDeps(), sqs: awsClients().sqs, failuresQueueUrl: requireEnv(ENV.FailuresQueueUrl), cancellationStateMachineArn: requireEnv(ENV.CancellationStateMachineArn) };
}

function correctDeps(): CorrectDeps {
  const { ddb, dynamodb, s3 } = awsClients();
  companies ??= new CompanyReader(ddb, requireEnv(ENV.CompaniesTable));
  const reader = companies;
  return { ...failuresDeps(), dynamodb, s3, docsBucket: requireEnv(ENV.DocsBucket), companyOf: (cnpj) => reader.read(cnpj), municipalities: municipalityRegistry(), renderRps: (record, company) => buildRpsXml(record, rpsOptionsOf(company)) };
}

/** Puts a redrive or a stop in the timeline of the invoice its execution works on (an execution not named after one has none). */
function executionActionRecorder(action: 'redriven' | 'stopped', operator: string): (started: StartedExecution) => Promise<void> {
  return async (started) => {
    const executionName = started.executionArn.split(':').at(-1) ?? '';
    const invoiceId = invoiceIdOfExecution(executionName);
    if (invoiceId === undefined) return;
    await recordOpsAction(awsClients().ddb, requireEnv(ENV.InvoicesTable), invoiceId, { action, at: new Date().toISOString(), by: operator, executionName });
  };
}

/**
 * `GET /executions[/{arn}]` (viewers, admins and ops; a viewer sees only their companies'
 * executions, an admin also the billing runs') and
 * `/ops/...`: redrive, stop, reprocess, correct, the failures queue and the failed executions.
 * An execution is named by its ARN or by the name the list prints. Who may call which is the
 * route table's: ops grants are for all companies by contract, so the ops routes check the role only.
 */
export const handler = routeHandler('ops', {
  listExecutions: async ({ caller, query }) => {
    const { ddb, sfn } = awsClients();
    pageTokens ??= PageTokens.fromEnv();
    const { filterByInvoice } = assertMayListWorkflow(caller, query.workflow);
    const page = await listExecutions(sfn, pageTokens, requireEnv(WORKFLOW_ARN_ENV[query.workflow]), query);
    const readable = filterByInvoice ? await readableExecutions(caller, { ddb, invoicesTable: requireEnv(ENV.InvoicesTable) }, page.items) : page.items;
    return { statusCode: 200, body: { ...page, items: await withErrors(sfn, readable) } };
  },
  getExecution: async ({ caller, path }) => {
    const detail = await onExecution(path.arn, workflowArns, async (executionArn) => {
      const described = await assertMayReadExecution(caller, executionReadDeps(), executionArn);
      return describeExecution(awsClients().sfn, executionArn, workflowArns(), described);
    });
    return { statusCode: 200, body: detail };
  },
  redriveExecution: async ({ caller, path }) => {
    const started = await onExecution(path.arn, workflowArns, (executionArn) => redriveExecution(awsClients().sfn, executionArn));
    const invoiceId = invoiceIdOfExecution(started.executionArn.split(':').at(-1) ?? '');
    await executionActionRecorder('redriven', caller.principal)(started);
    return { statusCode: 202, body: { ...started, ...(invoiceId !== undefined ? { invoiceId } : {}) } };
  },
  stopExecution: async ({ caller, path }) => {
    const stopped = await onExecution(path.arn, workflowArns, (executionArn) => stopExecution(awsClients().sfn, executionArn, caller.principal));
    await executionActionRecorder('stopped', caller.principal)(stopped);
    return { statusCode: 202, body: stopped };
  },
  reprocessInvoice: async ({ caller, path }) => {
    const started = await reprocessInvoice(reprocessDeps(), path.id, caller.principal);
    logger.appendKeys({ executionArn: started.executionArn });
    return { statusCode: 202, body: started };
  },
  correctInvoice: async ({ caller, path, body }) => {
    const corrected = await correctInvoice(correctDeps(), path.id, body, caller.principal);
    logger.appendKeys({ executionArn: corrected.executionArn });
    return { statusCode: 202, body: corrected };
  },
  listFailures: async () => ({ statusCode: 200, body: { items: await listFailures(failuresDeps()) } }),
  reprocessFailures: async ({ caller, body }) => ({ statusCode: 200, body: await reprocessFailures(failuresDeps(), body, caller.principal) }),
  dismissFailure: async ({ caller, path, body }) => ({ statusCode: 200, body: await dismissFailure(failuresDeps(), path.id, body.reason, caller.principal) }),
  listFailedExecutions: async () => ({ statusCode: 200, body: { items: await listFailedExecutions({ sfn: awsClients().sfn, arns: workflowArns() }) } }),
  redriveFailedExecutions: async ({ caller, body }) => ({ statusCode: 200, body: await redriveExecutions({ sfn: awsClients().sfn, arns: workflowArns(), onRedriven: executionActionRecorder('redriven', caller.principal) }, body) }),
});
