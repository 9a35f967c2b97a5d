import { DescribeExecutionCommand, ExecutionDoesNotExist, type SFNClient } from '@aws-sdk/client-sfn';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { executionNames } from '../../contracts/executionNames';
import type { InvoiceExecution, InvoiceHistory, StatusChange } from '../../contracts/invoiceHistory';
import { INVOICE_STATUS, isTransition, TRANSITION_TARGETS } from '../../contracts/invoiceStatus';
import type { ExecutionSummary, WorkflowKey } from '../../contracts/ops';
import type { Caller } from '../shared/caller';
import { executionArnOf } from '../shared/executionArnOf';
import { executionHistory } from '../shared/executionHistory';
import { readInvoiceFor } from '../shared/readInvoice';

/** What reading an invoice's history talks to. */
export interface InvoiceHistoryDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly sfn: SFNClient;
  readonly invoicesTable: string;
  readonly stateMachineArns: Readonly<Record<WorkflowKey, string>>;
}

/** One execution of the invoice with the statuses its transition states wrote; undefined if it never started. */
async function readExecution(sfn: SFNClient, workflow: WorkflowKey, executionArn: string): Promise<{ execution: InvoiceExecution; statuses: StatusChange[] } | undefined> {
  let described;
  try {
    described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return undefined;
    throw error;
  }
  const name = described.name ?? '';
  const statuses: StatusChange[] = [];
  for (const event of await executionHistory(sfn, executionArn, false)) {
    // A transition state that exited wrote its status: its conditional update succeeded.
    const state = event.stateExitedEventDetails?.name;
    if (event.type !== 'TaskStateExited' || state === undefined || !isTransition(state)) continue;
    statuses.push({ status: TRANSITION_TARGETS[state], at: (event.timestamp ?? new Date(0)).toISOString(), executionName: name, state });
  }
  const execution: InvoiceExecution = {
    executionArn,
    name,
    workflow,
    status: (described.status ?? 'RUNNING') as ExecutionSummary['status'],
    startDate: (described.startDate ?? new Date(0)).toISOString(),
    ...(described.stopDate !== undefined ? { stopDate: described.stopDate.toISOString() } : {}),
    ...(described.redriveCount !== undefined ? { redriveCount: described.redriveCount } : {}),
  };
  return { execution, statuses };
}

/**
 * The invoice's status timeline and the executions behind it (its emission, ops' reprocessings,
 * its cancellations), read from Step Functions: the history is the record of what happened.
 */
export async function invoiceHistory(deps: InvoiceHistoryDeps, caller: Caller, invoiceId: string): Promise<InvoiceHistory> {
  const record = await readInvoiceFor(deps.ddb, deps.invoicesTable, caller, invoiceId);
  const wanted: Array<[WorkflowKey, string]> = [['emission', executionNames.emission(invoiceId)]];
  for (let n = 1; n <= (record.reprocessCount ?? 0); n += 1) wanted.push(['emission', executionNames.reprocess(invoiceId, n)]);
  for (let n = 1; n <= (record.cancelAttempts ?? 0); n += 1) wanted.push(['cancellation', executionNames.cancellation(invoiceId, n)]);
  const read = await Promise.all(wanted.map(([workflow, name]) => readExecution(deps.sfn, workflow, executionArnOf(deps.stateMachineArns[workflow], name))));
  const found = read.filter((entry): entry is NonNullable<typeof entry> => entry !== undefined);
  const statuses: StatusChange[] = [{ status: INVOICE_STATUS.EMITTED, at: record.createdAt }, ...found.flatMap((entry) => entry.statuses)];
  statuses.sort((a, b) => a.at.localeCompare(b.at));
  return { invoiceId, statuses, executions: found.map((entry) => entry.execution) };
}
