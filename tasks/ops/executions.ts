import { DescribeExecutionCommand, ExecutionDoesNotExist, GetExecutionHistoryCommand, ListExecutionsCommand, RedriveExecutionCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';
import type { ExecutionDetail, ExecutionSummary, ListExecutionsQuery, ListExecutionsResponse, StartedExecution } from '../../contracts/ops';
import { WORKFLOW_ERRORS } from '../../contracts/providerErrors';
import { ConflictError, NotFoundError } from '../shared/errors';

/** Lists a workflow's executions, newest first, optionally by status. */
export async function listExecutions(sfn: SFNClient, stateMachineArn: string, query: ListExecutionsQuery): Promise<ListExecutionsResponse> {
  const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: query.status, maxResults: query.limit, nextToken: query.nextToken }));
  return {
    items: (page.executions ?? []).map(
      (e): ExecutionSummary => ({
        executionArn: e.executionArn ?? '',
        name: e.name ?? '',
        status: (e.status ?? 'RUNNING') as ExecutionSummary['status'],
        startDate: (e.startDate ?? new Date(0)).toISOString(),
        ...(e.stopDate !== undefined ? { stopDate: e.stopDate.toISOString() } : {}),
        ...(e.redriveCount !== undefined ? { redriveCount: e.redriveCount } : {}),
      }),
    ),
    ...(page.nextToken !== undefined ? { nextToken: page.nextToken } : {}),
  };
}

/** The execution, its history as a readable timeline, and what ops can do about it. */
export async function describeExecution(sfn: SFNClient, executionArn: string): Promise<ExecutionDetail> {
  let execution;
  try {
    execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) throw new NotFoundError(`Execution ${executionArn} not found`);
    throw error;
  }
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000, includeExecutionData: false }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  const status = (execution.status ?? 'RUNNING') as ExecutionDetail['status'];
  return {
    executionArn,
    name: execution.name ?? '',
    status,
    startDate: (execution.startDate ?? new Date(0)).toISOString(),
    ...(execution.stopDate !== undefined ? { stopDate: execution.stopDate.toISOString() } : {}),
    ...(execution.redriveCount !== undefined ? { redriveCount: execution.redriveCount } : {}),
    ...(execution.error !== undefined ? { error: execution.error } : {}),
    ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
    remedy: remedyOf(status, execution.error),
    timeline: events.map((event) => {
      const failure = event.taskFailedEventDetails ?? event.executionFailedEventDetails ?? event.taskTimedOutEventDetails;
      return {
        id: event.id ?? 0,
        timestamp: (event.timestamp ?? new Date(0)).toISOString(),
        type: event.type ?? 'Unknown',
        ...(event.stateEnteredEventDetails?.name !== undefined ? { state: event.stateEnteredEventDetails.name } : {}),
        ...(event.stateExitedEventDetails?.name !== undefined ? { state: event.stateExitedEventDetails.name } : {}),
        ...(failure?.error !== undefined ? { error: failure.error } : {}),
        ...(failure?.cause !== undefined ? { cause: failure.cause } : {}),
      };
    }),
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

/** Redrives a failed execution from the state where it failed (AWS RedriveExecution). */
export async function redriveExecution(sfn: SFNClient, executionArn: string): Promise<StartedExecution> {
  const detail = await describeExecution(sfn, executionArn);
  if (detail.remedy === 'reprocess') {
    throw new ConflictError('ReprocessInstead', `Execution ${detail.name} ended in ${WORKFLOW_ERRORS.InvoiceFailed}: a redrive would only re-enter its Fail state; reprocess the invoice instead`);
  }
  if (detail.remedy !== 'redrive') throw new ConflictError('NotRedrivable', `Execution ${detail.name} is ${detail.status}${detail.error !== undefined ? ` (${detail.error})` : ''}: nothing to redrive`);
  await sfn.send(new RedriveExecutionCommand({ executionArn }));
  return { executionArn };
}
