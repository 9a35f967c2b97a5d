import { SQSClient } from '@aws-sdk/client-sqs';
import { ListExecutionsQuerySchema, ReprocessFailuresRequestSchema } from '../../contracts/ops';
import { ENV } from '../../contracts/wiring';
import { jsonResponse } from '../shared/apiResponse';
import { apiHandler } from '../shared/apiHandler';
import { loadCaller, requireRole } from '../shared/caller';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { NotFoundError } from '../shared/errors';
import { parseJsonBody } from '../shared/parseJsonBody';
import { parseQuery } from '../shared/parseQuery';
import { assertMayReadExecution, readableExecutions } from './executionAccess';
import { describeExecution, listExecutions, redriveExecution, stopExecution, type WorkflowArns } from './executions';
import { peekFailures, reprocessFailures } from './failuresQueue';
import { reprocessInvoice } from './reprocessInvoice';

let sqs: SQSClient | undefined;

/**
 * `GET /executions[/{arn}]` (viewers and ops; a viewer sees only their companies' executions) and
 * `/ops/...`: redrive, stop, reprocess and the failures queue — the ops role only.
 */
export const handler = apiHandler(async (event) => {
  const { ddb, sfn } = awsClients();
  sqs ??= new SQSClient({});
  const caller = await loadCaller(event, ddb, requireEnv(ENV.TenantsTable));
  const invoicesTable = requireEnv(ENV.InvoicesTable);
  const arns: WorkflowArns = { emission: requireEnv(ENV.EmissionStateMachineArn), cancellation: requireEnv(ENV.CancellationStateMachineArn) };
  // Routed by path, so the same handler serves the local routes and API Gateway's proxy resources.
  const route = `${event.httpMethod} ${event.path.replace(/\/+$/, '')}`;
  let match: RegExpExecArray | null;
  if (route === 'GET /executions') {
    requireRole(caller, ['ops', 'viewer'], 'read executions');
    const query = parseQuery(event, ListExecutionsQuerySchema);
    const page = await listExecutions(sfn, arns[query.workflow], query);
    return jsonResponse(event, 200, { ...page, items: await readableExecutions(caller, ddb, invoicesTable, page.items) });
  }
  if ((match = /^GET \/executions\/([^/]+)$/.exec(route)) !== null) {
    requireRole(caller, ['ops', 'viewer'], 'read executions');
    const executionArn = decodeURIComponent(match[1] ?? '');
    await assertMayReadExecution(caller, ddb, invoicesTable, executionArn);
    return jsonResponse(event, 200, await describeExecution(sfn, executionArn, arns));
  }
  requireRole(caller, ['ops'], 'use the ops API');
  const reprocessDeps = { ddb, sfn, invoicesTable, emissionStateMachineArn: arns.emission };
  const failuresDeps = { ...reprocessDeps, sqs, failuresQueueUrl: requireEnv(ENV.FailuresQueueUrl) };
  if ((match = /^POST \/ops\/executions\/([^/]+)\/redrive$/.exec(route)) !== null) return jsonResponse(event, 202, await redriveExecution(sfn, decodeURIComponent(match[1] ?? '')));
  if ((match = /^POST \/ops\/executions\/([^/]+)\/stop$/.exec(route)) !== null) return jsonResponse(event, 202, await stopExecution(sfn, decodeURIComponent(match[1] ?? ''), caller.principal));
  if ((match = /^POST \/ops\/invoices\/([^/]+)\/reprocess$/.exec(route)) !== null) return jsonResponse(event, 202, await reprocessInvoice(reprocessDeps, decodeURIComponent(match[1] ?? '')));
  if (route === 'GET /ops/failures') return jsonResponse(event, 200, { items: await peekFailures(failuresDeps) });
  if (route === 'POST /ops/failures/reprocess') return jsonResponse(event, 200, await reprocessFailures(failuresDeps, parseJsonBody(event, ReprocessFailuresRequestSchema)));
  throw new NotFoundError(`No route for ${event.httpMethod} ${event.path}`);
});
