import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, type ExecutionListItem, type SFNClient } from '@aws-sdk/client-sfn';
import { invoiceIdOfExecution } from '../../contracts/executionNames';
import type { ExecutionSummary, FailedExecution, RedriveExecutionsRequest, RedriveExecutionsResponse, StartedExecution, WorkflowKey } from '../../contracts/ops';
import { ApiError } from '../shared/errors';
import { onExecution, type WorkflowArns } from './executionRef';
import { redriveExecution, remedyOf } from './executions';

/** The newest failed executions looked at: past these, ops read the executions list. */
const LISTED = 100;
/** Executions described at once. */
const CONCURRENT_READS = 4;

/** What listing and redriving failed executions talk to. */
export interface FailedExecutionsDeps {
  readonly sfn: SFNClient;
  readonly arns: WorkflowArns;
  /** Told of each execution redriven, to put it in its invoice's timeline. */
  readonly onRedriven?: (started: StartedExecution) => Promise<void>;
}

/** The state an execution failed at: the last one it entered. */
async function failedStateOf(sfn: SFNClient, executionArn: string): Promise<string | undefined> {
  const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 25, includeExecutionData: false }));
  return page.events?.find((event) => event.type?.endsWith('StateEntered') === true)?.stateEnteredEventDetails?.name;
}

async function describe(sfn: SFNClient, workflow: WorkflowKey, item: ExecutionListItem): Promise<FailedExecution> {
  const executionArn = item.executionArn ?? '';
  const [execution, failedState] = await Promise.all([sfn.send(new DescribeExecutionCommand({ executionArn })), failedStateOf(sfn, executionArn)]);
  const status = (execution.status ?? item.status ?? 'FAILED') as ExecutionSummary['status'];
  const name = item.name ?? '';
  const invoiceId = invoiceIdOfExecution(name);
  return {
    executionArn,
    name,
    status,
    startDate: (item.startDate ?? new Date(0)).toISOString(),
    ...(item.stopDate !== undefined ? { stopDate: item.stopDate.toISOString() } : {}),
    ...(execution.redriveCount !== undefined ? { redriveCount: execution.redriveCount } : {}),
    workflow,
    ...(failedState !== undefined ? { failedState } : {}),
    ...(execution.error !== undefined ? { error: execution.error } : {}),
    ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
    remedy: remedyOf(status, execution.error),
    ...(invoiceId !== undefined ? { invoiceId } : {}),
  };
}

/**
 * The executions that failed inside their workflow, newest first: FAILED or TIMED_OUT at an
 * infrastructure state (DynamoDB, the Data API, EventBridge past their retries), whose remedy is
 * a redrive. Those that ended in `Invoice.Failed` are not here: their invoices wait on the
 * failures queue, to be reprocessed.
 */
export async function listFailedExecutions(deps: Pick<FailedExecutionsDeps, 'sfn' | 'arns'>): Promise<FailedExecution[]> {
  const listed: Array<{ workflow: WorkflowKey; item: ExecutionListItem }> = [];
  for (const workflow of Object.keys(deps.arns) as WorkflowKey[]) {
    for (const statusFilter of ['FAILED', 'TIMED_OUT'] as const) {
      const page = await deps.sfn.send(new ListExecutionsCommand({ stateMachineArn: deps.arns[workflow], statusFilter, maxResults: LISTED }));
      for (const item of page.executions ?? []) listed.push({ workflow, item });
    }
  }
  listed.sort((a, b) => (b.item.startDate?.getTime() ?? 0) - (a.item.startDate?.getTime() ?? 0));
  const described: FailedExecution[] = [];
  const newest = listed.slice(0, LISTED);
  for (let i = 0; i < newest.length; i += CONCURRENT_READS) {
    described.push(...(await Promise.all(newest.slice(i, i + CONCURRENT_READS).map(({ workflow, item }) => describe(deps.sfn, workflow, item)))));
  }
  return described.filter((execution) => execution.remedy === 'redrive');
}

/**
 * Redrives the executions named (ARNs or names), or every one {@link listFailedExecutions}
 * lists, one at a time; each that cannot be redriven is reported with the reason.
 */
export async function redriveExecutions(deps: FailedExecutionsDeps, request: RedriveExecutionsRequest): Promise<RedriveExecutionsResponse> {
  const refs = 'all' in request ? (await listFailedExecutions(deps)).map((execution) => execution.executionArn) : request.executions;
  const result: { redriven: StartedExecution[]; skipped: Array<{ execution: string; reason: string }> } = { redriven: [], skipped: [] };
  for (const ref of refs) {
    try {
      const started = await onExecution(ref, () => deps.arns, (executionArn) => redriveExecution(deps.sfn, executionArn));
      const invoiceId = invoiceIdOfExecution(started.executionArn.split(':').at(-1) ?? '');
      const redriven = { ...started, ...(invoiceId !== undefined ? { invoiceId } : {}) };
      result.redriven.push(redriven);
      await deps.onRedriven?.(redriven);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      result.skipped.push({ execution: ref, reason: error.message });
    }
  }
  return result;
}
