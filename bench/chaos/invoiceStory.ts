import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';
import type { ProviderMockStatsSnapshot } from '../../local/provider-mock/MockStats';
import { executionArnOf } from '../../tasks/shared/executionArnOf';
import type { InvoiceState } from './invoiceStates';

/**
 * One line telling what happened to an invoice, for the offenders of a broken promise: the
 * errors of its city calls in order, its last state, and what the mock saw for its RPS.
 */
export async function invoiceStory(sfn: SFNClient, stateMachineArn: string, invoice: InvoiceState, mock: ProviderMockStatsSnapshot): Promise<string> {
  const events: HistoryEvent[] = [];
  try {
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn: executionArnOf(stateMachineArn, invoice.invoiceId), nextToken, maxResults: 1000 }));
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
  } catch (error) {
    return `${invoice.invoiceId}: no history (${error instanceof Error ? error.name : String(error)})`;
  }
  const failures = events
    .filter((e) => e.type === 'TaskFailed' || e.type === 'TaskTimedOut')
    .map((e) => `${e.taskFailedEventDetails?.error ?? e.taskTimedOutEventDetails?.error ?? '?'}${causeCode(e.taskFailedEventDetails?.cause)}`);
  const states = events.map((e) => e.stateEnteredEventDetails?.name).filter((name): name is string => name !== undefined);
  const rps = mock.byRps[invoice.rpsKey];
  const calls = rps === undefined ? 'no call' : Object.entries(rps.calls).map(([op, n]) => `${op} ${n}`).join(', ');
  return `${invoice.invoiceId} ${invoice.status}: city call errors [${failures.join(', ')}]; last state ${states.at(-1) ?? '?'} (${events.at(-1)?.type ?? '?'}); mock for RPS ${invoice.rpsKey}: ${calls}, NFS-e ${rps?.nfseIssued ?? 0}`;
}

function causeCode(cause: string | undefined): string {
  if (cause === undefined) return '';
  try {
    const parsed = JSON.parse(cause) as { code?: unknown };
    return typeof parsed.code === 'string' ? ` (${parsed.code})` : '';
  } catch {
    return '';
  }
}
