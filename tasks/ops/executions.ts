import {
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  StopExecutionCommand,
  type DescribeExecutionCommandOutput,
  type ExecutionListItem,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { ExecutionDetail, ExecutionSummary, ListExecutionsQuery, ListExecutionsResponse, StartedExecution, WorkflowKey } from '../../contracts/ops';
import { WORKFLOW_ERRORS } from '../../contracts/providerErrors';
import { ConflictError, ValidationError } from '../shared/errors';
import { executionHistory } from '../shared/executionHistory';
import { executionActivity } from '../shared/executionActivity';
import type { PageTokens } from '../shared/PageTokens';
import type { WorkflowArns } from './executionRef';
import { describeOrNotFound, executionNotFound, executionOrNotFound } from '../shared/executionOrNotFound';
import { toTimelineEntry } from './timelineEntry';

export type { WorkflowArns } from './executionRef';

/** The workflow an execution belongs to, when it is one of ours. */
export function workflowOf(arns: WorkflowArns, stateMachineArn: string): WorkflowKey | undefined {
  return (Object.keys(arns) as WorkflowKey[]).find((key) => arns[key] === stateMachineArn);
}

/** Step Functions pages a filtered listing reads at most per answer before it hands back a token to go on. */
const MAX_SCANNED_PAGES = 10;

/**
 * Lists a workflow's executions, newest first, optionally by status (Step Functions' own filter)
 * and by name prefix and start day (ours: ListExecutions has neither, so pages are read until
 * `limit` match, an execution older than `from` shows up, or {@link MAX_SCANNED_PAGES} were read;
 * a page can then hold fewer than `limit`, with a `nextToken` to go on). Step Functions' own page
 * token travels sealed.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html
 */
export async function listExecutions(sfn: SFNClient, pageTokens: PageTokens, stateMachineArn: string, query: Pick<ListExecutionsQuery, 'status' | 'limit' | 'nextToken' | 'name' | 'from' | 'to'>): Promise<ListExecutionsResponse> {
  const listing = `executions ${JSON.stringify([stateMachineArn, query.status ?? null, query.name ?? null, query.from ?? null, query.to ?? null])}`;
  const opened = query.nextToken !== undefined ? pageTokens.open(listing, query.nextToken) : undefined;
  if (opened !== undefined && typeof opened !== 'string') {
    throw new ValidationError('nextToken is not a token this API gave out for this listing', [{ field: 'nextToken', message: 'is not a token this API gave out for this listing' }]);
  }
  const fromMs = query.from !== undefined ? Date.parse(`${query.from}T00:00:00.000Z`) : undefined;
  const toMs = query.to !== undefined ? Date.parse(`${query.to}T00:00:00.000Z`) + 86_400_000 : undefined;
  const matches = (e: ExecutionListItem): boolean => (query.name === undefined || (e.name ?? '').startsWith(query.name)) && (toMs === undefined || (e.startDate?.getTime() ?? 0) < toMs);
  const items: ExecutionSummary[] = [];
  let nextToken = opened;
  for (let scanned = 0; scanned < MAX_SCANNED_PAGES && items.length < query.limit; scanned++) {
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: query.status, maxResults: query.limit - items.length, nextToken }));
    const executions = page.executions ?? [];
    nextToken = page.nextToken;
    // Newest first: once one started before `from`, every one after it did too.
    const older = fromMs === undefined ? -1 : executions.findIndex((e) => (e.startDate?.getTime() ?? 0) < fromMs);
    items.push(...(older === -1 ? executions : executions.slice(0, older)).filter(matches).map(summaryOf));
    if (older !== -1) nextToken = undefined;
    if (nextToken === undefined) break;
  }
  return { items, ...(nextToken !== undefined ? { nextToken: pageTokens.seal(listing, nextToken) } : {}) };
}

function summaryOf(e: ExecutionListItem): ExecutionSummary {
  return {
    executionArn: e.executionArn ?? '',
    name: e.name ?? '',
    status: (e.status ?? 'RUNNING') as ExecutionSummary['status'],
    startDate: (e.startDate ?? new Date(0)).toISOString(),
    ...(e.stopDate !== undefined ? { stopDate: e.stopDate.toISOString() } : {}),
    ...(e.redriveCount !== undefined ? { redriveCount: e.redriveCount } : {}),
  };
}

/**
 * Adds why each execution that did not succeed ended (ListExecutions does not say; one
 * DescribeExecution per such item, four at a time), so a listing shows the error beside it.
 */
export async function withErrors(sfn: SFNClient, items: readonly ExecutionSummary[]): Promise<ExecutionSummary[]> {
  const out = [...items];
  const ended = out.map((item, i) => ({ item, i })).filter(({ item }) => item.status === 'FAILED' || item.status === 'TIMED_OUT' || item.status === 'ABORTED');
  for (let at = 0; at < ended.length; at += 4) {
    await Promise.all(
      ended.slice(at, at + 4).map(async ({ item, i }) => {
        const described = await sfn.send(new DescribeExecutionCommand({ executionArn: item.executionArn }));
        out[i] = { ...item, ...(described.error !== undefined ? { error: described.error } : {}), ...(described.cause !== undefined ? { cause: described.cause } : {}) };
      }),
    );
  }
  return out;
}

/**
 * The execution, the definition it ran, its history as a timeline, and what ops can do about it
 * (`described`: its DescribeExecution, when the caller already has it).
 */
export async function describeExecution(sfn: SFNClient, executionArn: string, arns?: WorkflowArns, described?: DescribeExecutionCommandOutput): Promise<ExecutionDetail> {
  const [execution, machine] = await executionOrNotFound(
    Promise.all([described ?? sfn.send(new DescribeExecutionCommand({ executionArn })), sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }))]),
    executionNotFound(executionArn),
  );
  const events = await executionHistory(sfn, executionArn, true);
  const status = (execution.status ?? 'RUNNING') as ExecutionDetail['status'];
  const stateMachineArn = execution.stateMachineArn ?? machine.stateMachineArn ?? '';
  const workflow = arns !== undefined ? workflowOf(arns, stateMachineArn) : undefined;
  const activity = status === 'RUNNING' ? executionActivity(events, machine.definition) : undefined;
  return {
    executionArn,
    name: execution.name ?? '',
    status,
    startDate: (execution.startDate ?? new Date(0)).toISOString(),
    ...(execution.stopDate !== undefined ? { stopDate: execution.stopDate.toISOString() } : {}),
    ...(execution.redriveCount !== undefined ? { redriveCount: execution.redriveCount } : {}),
    stateMachineArn,
    ...(workflow !== undefined ? { workflow } : {}),
    definition: machine.definition ?? '{}',
    ...(execution.input !== undefined ? { input: execution.input } : {}),
    ...(execution.output !== undefined ? { output: execution.output } : {}),
    ...(execution.error !== undefined ? { error: execution.error } : {}),
    ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
    remedy: remedyOf(status, execution.error),
    ...(activity !== undefined ? { activity } : {}),
    timeline: events.map(toTimelineEntry),
  };
}

/**
 * An execution that ended in `Invoice.Failed` went through its failure path on purpose: redrive
 * would only re-enter its Fail state, so the invoice is reprocessed. One that failed at an
 * infrastructure state is redriven. A refused cancellation takes a new cancel request.
 */
export function remedyOf(status: string, error: string | undefined): ExecutionDetail['remedy'] {
  if (status === 'FAILED' && error === WORKFLOW_ERRORS.InvoiceFailed) return 'reprocess';
  if (status === 'FAILED' && error === WORKFLOW_ERRORS.CancellationRejected) return 'none';
  if (status === 'FAILED' || status === 'TIMED_OUT' || status === 'ABORTED') return 'redrive';
  return 'none';
}

/**
 * Redrives a failed execution from the state where it failed (AWS RedriveExecution), after
 * checking its remedy is a redrive: one that ended in `Invoice.Failed` is reprocessed instead.
 * https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html
 */
export async function redriveExecution(sfn: SFNClient, executionArn: string): Promise<StartedExecution> {
  const execution = await describeOrNotFound(sfn, executionArn);
  const status = execution.status ?? 'RUNNING';
  const name = execution.name ?? executionArn;
  const remedy = remedyOf(status, execution.error);
  if (remedy === 'reprocess') {
    throw new ConflictError('ReprocessInstead', `Execution ${name} ended in ${WORKFLOW_ERRORS.InvoiceFailed}: a redrive would only re-enter its Fail state; reprocess the invoice instead`);
  }
  if (remedy !== 'redrive') throw new ConflictError('NotRedrivable', `Execution ${name} is ${status}${execution.error !== undefined ? ` (${execution.error})` : ''}: nothing to redrive`);
  await sfn.send(new RedriveExecutionCommand({ executionArn }));
  return { executionArn };
}

/** Stops a running execution (AWS StopExecution); the invoice is left for reprocess or redrive. */
export async function stopExecution(sfn: SFNClient, executionArn: string, operator: string): Promise<StartedExecution> {
  const execution = await describeOrNotFound(sfn, executionArn);
  if (execution.status !== 'RUNNING') throw new ConflictError('NotRunning', `Execution ${execution.name ?? executionArn} is ${execution.status ?? 'unknown'}: only a running execution can be stopped`);
  await sfn.send(new StopExecutionCommand({ executionArn, error: 'Ops.Stopped', cause: `Stopped by ${operator} from the ops API` }));
  return { executionArn };
}
