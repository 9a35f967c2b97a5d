import { executionNames } from '../../contracts/executionNames';
import type { InvoiceRecord } from '../../contracts/invoiceRecord';
import type { ReprocessFailuresRequest, ReprocessFailuresResponse, StartedExecution } from '../../contracts/ops';
import { startCancellation } from '../cancel/cancelInvoice';
import { ApiError, ConflictError, NotFoundError } from '../shared/errors';
import { scanFailures, type FailuresQueueDeps } from './failuresQueue';
import { judgeFailure } from './judgeFailure';
import { appendOpsAction } from './opsActions';
import { readRecord, reprocessInvoice, type ReprocessDeps } from './reprocessInvoice';

/** What the failures queue tools talk to. */
export interface FailuresDeps extends ReprocessDeps, FailuresQueueDeps {
  readonly cancellationStateMachineArn: string;
}

/**
 * A refused cancellation, reprocessed: a new cancel request `{id}-cancel-{n}` with the reason
 * code and text of the one refused, put in the invoice's timeline as it is claimed.
 */
export async function retryCancellation(deps: FailuresDeps, record: InvoiceRecord, operator: string): Promise<StartedExecution> {
  const { cancellation, invoiceId } = record;
  if (cancellation === undefined) throw new ConflictError('NoCancellation', `Invoice ${invoiceId} has no cancellation to send again`);
  const executionName = executionNames.cancellation(invoiceId, (record.cancelAttempts ?? 0) + 1);
  const action = appendOpsAction({ action: 'reprocessed', at: deps.now().toISOString(), by: operator, workflow: 'cancellation', executionName });
  const started = await startCancellation(deps, record, { reasonCode: cancellation.reasonCode, ...(cancellation.reason !== undefined ? { reason: cancellation.reason } : {}) }, action);
  return { executionArn: started.executionArn, invoiceId };
}

async function recordOrUndefined(deps: FailuresDeps, invoiceId: string): Promise<InvoiceRecord | undefined> {
  try {
    return await readRecord(deps, invoiceId);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * Reprocesses the failures the request names (or all): an emission gets a new emission (same
 * RPS), a refused cancellation a new cancel request (same reason). Each message is judged against
 * its invoice first: an open one is reprocessed and deleted once its execution started; one whose
 * invoice moved on is deleted and reported skipped; one a later execution is working on stays.
 */
export async function reprocessFailures(deps: FailuresDeps, request: ReprocessFailuresRequest, operator: string): Promise<ReprocessFailuresResponse> {
  const wanted = 'invoiceIds' in request ? new Set(request.invoiceIds) : undefined;
  const started: StartedExecution[] = [];
  const skipped = new Map<string, string>();
  const seen = new Set<string>();
  await scanFailures(deps, async (failure) => {
    const { invoiceId } = failure;
    if (wanted !== undefined && !wanted.has(invoiceId)) return 'keep';
    seen.add(invoiceId);
    const record = await recordOrUndefined(deps, invoiceId);
    const entry = judgeFailure(failure, record);
    if (entry.state !== 'open' || record === undefined) {
      if (!started.some((s) => s.invoiceId === invoiceId)) skipped.set(invoiceId, entry.note ?? entry.state);
      return entry.state === 'resolved' ? 'delete' : 'keep';
    }
    try {
      started.push(failure.workflow === 'cancellation' ? await retryCancellation(deps, record, operator) : await reprocessInvoice(deps, invoiceId, operator));
      skipped.delete(invoiceId);
      return 'delete';
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      skipped.set(invoiceId, error.message);
      return 'keep';
    }
  });
  for (const invoiceId of wanted ?? []) if (!seen.has(invoiceId)) skipped.set(invoiceId, 'not on the failures queue');
  return { started, skipped: [...skipped].map(([invoiceId, reason]) => ({ invoiceId, reason })) };
}
