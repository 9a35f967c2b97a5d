import { parseExecutionName } from '../../contracts/executionNames';
import type { FailureMessage } from '../../contracts/failureMessage';
import type { InvoiceRecord } from '../../contracts/invoiceRecord';
import type { FailureAction, FailureEntry } from '../../contracts/ops';
import { PERMANENT_ERRORS } from '../../contracts/providerErrors';

/** What of the record judging a failure reads. */
export type JudgedRecord = Pick<InvoiceRecord, 'status' | 'reprocessCount' | 'cancelAttempts'>;

/**
 * What a failure asks of ops now, from its invoice's record: the attempt that failed (from the
 * execution's name) against the attempts started since and the invoice's status. An emission
 * failure is open while the invoice is FAILED by that attempt; a refused cancellation while the
 * invoice is ISSUED and no cancellation was started since. A later attempt running makes it
 * `inProgress`; an issued or cancelled invoice, or a later attempt that failed too (it has an
 * entry of its own), makes it `resolved`.
 */
export function judgeFailure(failure: FailureMessage, record: JudgedRecord | undefined): FailureEntry {
  const entry = (state: FailureEntry['state'], actions: FailureAction[], note?: string): FailureEntry => ({
    ...failure,
    state,
    ...(record !== undefined ? { invoiceStatus: record.status } : {}),
    ...(note !== undefined ? { note } : {}),
    actions,
  });
  if (record === undefined) return entry('resolved', [], 'the invoice no longer exists');
  const attempt = parseExecutionName(failure.executionArn.split(':').at(-1) ?? '')?.attempt ?? 0;
  if (failure.workflow === 'cancellation') {
    if (record.status === 'CANCELLED') return entry('resolved', [], 'cancelled since');
    const latest = record.cancelAttempts ?? 0;
    if (record.status === 'CANCELLING') return entry('inProgress', [], `cancellation ${latest} is running`);
    if (latest > attempt) return entry('resolved', [], `a later cancellation (${latest}) was refused too: see its own entry`);
    return record.status === 'ISSUED' ? entry('open', ['reprocess', 'dismiss']) : entry('resolved', [], `the invoice is ${record.status}`);
  }
  if (record.status === 'EMITTED' || record.status === 'PROCESSING') return entry('inProgress', [], `re-emission ${record.reprocessCount ?? 0} is running`);
  if (record.status !== 'FAILED') return entry('resolved', [], 'issued since');
  if ((record.reprocessCount ?? 0) > attempt) return entry('resolved', [], `a later emission (${record.reprocessCount ?? 0}) failed too: see its own entry`);
  const permanent = failure.error.kind !== undefined && PERMANENT_ERRORS.has(failure.error.kind);
  return entry('open', permanent ? ['reprocess', 'correct', 'dismiss'] : ['reprocess', 'dismiss']);
}
