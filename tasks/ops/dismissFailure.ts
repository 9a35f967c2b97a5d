import type { DismissFailureResponse } from '../../contracts/ops';
import { NotFoundError } from '../shared/errors';
import { scanFailures, type FailuresQueueDeps } from './failuresQueue';
import { recordOpsAction } from './opsActions';

/**
 * Takes an invoice's failures off the queue with nothing more to do, and keeps the reason (and
 * who gave it) in the invoice's timeline, naming the latest execution that failed.
 */
export async function dismissFailure(deps: FailuresQueueDeps & { readonly now: () => Date }, invoiceId: string, reason: string, operator: string): Promise<DismissFailureResponse> {
  const dismissed: Array<{ failedAt: string; executionName: string }> = [];
  await scanFailures(deps, async (failure) => {
    if (failure.invoiceId !== invoiceId) return 'keep';
    dismissed.push({ failedAt: failure.failedAt, executionName: failure.executionArn.split(':').at(-1) ?? failure.executionArn });
    return 'delete';
  });
  const latest = dismissed.sort((a, b) => a.failedAt.localeCompare(b.failedAt)).at(-1);
  if (latest === undefined) throw new NotFoundError(`Invoice ${invoiceId} is not on the failures queue`);
  await recordOpsAction(deps.ddb, deps.invoicesTable, invoiceId, { action: 'dismissed', at: deps.now().toISOString(), by: operator, reason, executionName: latest.executionName });
  return { invoiceId, dismissed: dismissed.length };
}
