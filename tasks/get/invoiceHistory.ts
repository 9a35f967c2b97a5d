import { DescribeExecutionCommand, DescribeStateMachineForExecutionCommand, ExecutionDoesNotExist, type SFNClient } from '@aws-sdk/client-sfn';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { executionNames } from '../../contracts/executionNames';
import type { InvoiceExecution, InvoiceHistory, InvoiceHistoryQuery, StatusChange } from '../../contracts/invoiceHistory';
import { INVOICE_STATUS, isTransition, TRANSITION_TARGETS, type Transition } from '../../contracts/invoiceStatus';
import type { ExecutionSummary, WorkflowKey } from '../../contracts/ops';
import type { Caller } from '../shared/caller';
import { executionArnOf } from '../shared/executionArnOf';
import { executionHistory } from '../shared/executionHistory';
import type { PageTokens } from '../shared/PageTokens';
import { readInvoiceFor } from '../shared/readInvoice';
import { executionActivity } from '../shared/executionActivity';

/** Executions read at once: a page is read a few at a time, never all of them at once. */
const CONCURRENT_READS = 4;

/** What reading an invoice's history talks to. */
export interface InvoiceHistoryDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly sfn: SFNClient;
  readonly invoicesTable: string;
  readonly stateMachineArns: Readonly<Record<WorkflowKey, string>>;
  readonly pageTokens: PageTokens;
}

/** The transitions a substitution writes on the invoice it replaces; its other ones are the new invoice's. */
const REPLACED_TRANSITIONS: ReadonlySet<Transition> = new Set<Transition>(['MarkSubstituting', 'MarkSubstituted', 'KeepIssued']);

/** Which invoice of an execution a timeline is read for: a substitution writes on two. */
type Side = 'self' | 'replaced';

/** Whether a transition state of `workflow` wrote on the invoice this timeline is for. */
function writesOn(workflow: WorkflowKey, state: Transition, side: Side): boolean {
  if (workflow !== 'substitution') return true;
  return REPLACED_TRANSITIONS.has(state) === (side === 'replaced');
}

/** One execution of the invoice with the statuses its transition states wrote; undefined if it never started. */
async function readExecution(sfn: SFNClient, workflow: WorkflowKey, executionArn: string, side: Side = 'self'): Promise<{ execution: InvoiceExecution; statuses: StatusChange[] } | undefined> {
  let described;
  try {
    described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return undefined;
    throw error;
  }
  const name = described.name ?? '';
  const statuses: StatusChange[] = [];
  const events = await executionHistory(sfn, executionArn, false);
  for (const event of events) {
    // A transition state that exited wrote its status: its conditional update succeeded.
    const state = event.stateExitedEventDetails?.name;
    if (event.type !== 'TaskStateExited' || state === undefined || !isTransition(state) || !writesOn(workflow, state, side)) continue;
    statuses.push({ status: TRANSITION_TARGETS[state], at: (event.timestamp ?? new Date(0)).toISOString(), executionName: name, state });
  }
  const status = (described.status ?? 'RUNNING') as ExecutionSummary['status'];
  // What it is doing now, with the retry limits of the definition it runs: only while it runs.
  const activity = status === 'RUNNING' ? executionActivity(events, (await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }))).definition) : undefined;
  const execution: InvoiceExecution = {
    executionArn,
    name,
    workflow,
    status,
    startDate: (described.startDate ?? new Date(0)).toISOString(),
    ...(described.stopDate !== undefined ? { stopDate: described.stopDate.toISOString() } : {}),
    ...(described.redriveCount !== undefined ? { redriveCount: described.redriveCount } : {}),
    ...(activity !== undefined ? { activity } : {}),
  };
  return { execution, statuses };
}

/** `items` mapped `CONCURRENT_READS` at a time, in order. */
async function mapBounded<T, R>(items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += CONCURRENT_READS) results.push(...(await Promise.all(items.slice(i, i + CONCURRENT_READS).map(read))));
  return results;
}

/**
 * The invoice's status timeline and the executions behind it (its emission, ops' reprocessings,
 * its cancellations, in the order they were started), read from Step Functions: the history is
 * the record of what happened. A running execution says what it is doing (a city call, its
 * retries); what ops did (reprocess, redrive, dismiss, correct) comes from the record. A page holds `limit` executions, read a few at a time, so an
 * invoice reprocessed or cancelled many times never fans out to all its executions at once.
 */
export async function invoiceHistory(deps: InvoiceHistoryDeps, caller: Caller, invoiceId: string, query: InvoiceHistoryQuery): Promise<InvoiceHistory> {
  const record = await readInvoiceFor(deps.ddb, deps.invoicesTable, caller, invoiceId);
  // The first execution is the one that emitted it: a substitution's for an invoice that replaces another.
  const wanted: Array<[WorkflowKey, string, Side]> = [record.substitutes !== undefined ? ['substitution', executionNames.substitution(invoiceId), 'self'] : ['emission', executionNames.emission(invoiceId), 'self']];
  for (let n = 1; n <= (record.reprocessCount ?? 0); n += 1) wanted.push(['emission', executionNames.reprocess(invoiceId, n), 'self']);
  for (let n = 1; n <= (record.cancelAttempts ?? 0); n += 1) wanted.push(['cancellation', executionNames.cancellation(invoiceId, n), 'self']);
  if (record.substitutedBy !== undefined) wanted.push(['substitution', executionNames.substitution(record.substitutedBy), 'replaced']);
  const listing = `history:${invoiceId}`;
  const start = query.nextToken === undefined ? 0 : positionOf(deps.pageTokens.open(listing, query.nextToken), wanted.length);
  const page = wanted.slice(start, start + query.limit);
  const read = await mapBounded(page, ([workflow, name, side]) => readExecution(deps.sfn, workflow, executionArnOf(deps.stateMachineArns[workflow], name), side));
  const found = read.filter((entry): entry is NonNullable<typeof entry> => entry !== undefined);
  const statuses: StatusChange[] = [...(start === 0 ? [{ status: INVOICE_STATUS.EMITTED, at: record.createdAt }] : []), ...found.flatMap((entry) => entry.statuses)];
  statuses.sort((a, b) => a.at.localeCompare(b.at));
  const next = start + query.limit;
  return {
    invoiceId,
    statuses,
    executions: found.map((entry) => entry.execution),
    actions: start === 0 ? [...(record.opsActions ?? [])] : [],
    ...(next < wanted.length ? { nextToken: deps.pageTokens.seal(listing, next) } : {}),
  };
}

/** The index a sealed token carries, within the invoice's executions. */
function positionOf(position: unknown, count: number): number {
  return typeof position === 'number' && Number.isInteger(position) && position > 0 && position < count ? position : count;
}
