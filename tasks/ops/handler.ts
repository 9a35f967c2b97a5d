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
import { describeExecution, listExecutions, redriveExecution } from './executions';
import { peekFailures, reprocessFailures } from './failuresQueue';
import { reprocessInvoice } from './reprocessInvoice';

let sqs: SQSClient | undefined;

/** `/ops/...`: executions, redrive, reprocess and the failures queue — the ops role only. */
export const handler = apiHandler(async (event) => {
  const { ddb, sfn } = awsClients();
  sqs ??= new SQSClient({});
  const caller = await loadCaller(event, ddb, requireEnv(ENV.TenantsTable));
  requireRole(caller, ['ops'], 'use the ops API');
  const reprocessDeps = { ddb, sfn, invoicesTable: requireEnv(ENV.InvoicesTable), emissionStateMachineArn: requireEnv(ENV.EmissionStateMachineArn) };
  const failuresDeps = { ...reprocessDeps, sqs, failuresQueueUrl: requireEnv(ENV.FailuresQueueUrl) };
  // Routed by path, so the same handler serves the local routes and API Gateway's `/ops/{proxy+}`.
  const route = `${event.httpMethod} ${event.path.replace(/\/+$/, '')}`;
  let match: RegExpExecArray | null;
  if (route === 'GET /ops/executions') {
    const query = parseQuery(event, ListExecutionsQuerySchema);
    const stateMachineArn = requireEnv(query.workflow === 'emission' ? ENV.EmissionStateMachineArn : ENV.CancellationStateMachineArn);
    return jsonResponse(event, 200, await listExecutions(sfn, stateMachineArn, query));
  }
  if ((match = /^GET \/ops\/executions\/([^/]+)$/.exec(route)) !== null) return jsonResponse(event, 200, await describeExecution(sfn, decodeURIComponent(match[1] ?? '')));
  if ((match = /^POST \/ops\/executions\/([^/]+)\/redrive$/.exec(route)) !== null) return jsonResponse(event, 202, await redriveExecution(sfn, decodeURIComponent(match[1] ?? '')));
  if ((match = /^POST \/ops\/invoices\/([^/]+)\/reprocess$/.exec(route)) !== null) return jsonResponse(event, 202, await reprocessInvoice(reprocessDeps, decodeURIComponent(match[1] ?? '')));
  if (route === 'GET /ops/failures') return jsonResponse(event, 200, { items: await peekFailures(failuresDeps) });
  if (route === 'POST /ops/failures/reprocess') return jsonResponse(event, 200, await reprocessFailures(failuresDeps, parseJsonBody(event, ReprocessFailuresRequestSchema)));
  throw new NotFoundError(`No ops route for ${event.httpMethod} ${event.path}`);
});
