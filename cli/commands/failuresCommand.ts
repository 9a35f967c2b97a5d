import { Command } from 'commander';
import type { DismissFailureResponse, FailedExecutionsResponse, FailuresResponse, ReprocessFailuresResponse } from '../../contracts/ops';
import { ApiClient } from '../ApiClient';
import { printResult } from '../printResult';

/** `nfse failures list`, for people: the queue's entries, then the executions to redrive. */
function describeFailures(queue: FailuresResponse['items'], executions: FailedExecutionsResponse['items']): string {
  const lines = [queue.length === 0 ? 'The failures queue is empty.' : 'Failures queue:'];
  for (const entry of queue) {
    lines.push(`  ${entry.failedAt}  ${entry.invoiceId}  ${entry.workflow}  ${entry.state}  ${entry.invoiceStatus ?? '-'}  ${entry.error.code}: ${entry.error.message}`);
    lines.push(entry.actions.length > 0 ? `    next: ${entry.actions.join(', ')}` : `    ${entry.note ?? entry.state}${entry.state === 'resolved' ? ' (it leaves the queue)' : ''}`);
  }
  lines.push(executions.length === 0 ? 'No failed executions to redrive.' : 'Failed executions (remedy: redrive):');
  for (const execution of executions) {
    lines.push(`  ${execution.stopDate ?? execution.startDate}  ${execution.name}  ${execution.workflow}  ${execution.status}${execution.failedState !== undefined ? ` at ${execution.failedState}` : ''}: ${execution.error ?? '-'}`);
    lines.push(`    redrive: npm run nfse -- executions redrive ${execution.name}`);
  }
  return lines.join('\n');
}

/**
 * `nfse failures list|reprocess|dismiss` (`dlq` too): what failed and waits for ops, on the
 * failures queue (the invoices) and beside it (executions failed at an infrastructure state).
 */
export function failuresCommand(): Command {
  const command = new Command('failures').alias('dlq').description('what failed and waits for ops: the failures queue and the executions to redrive (ops role)');
  command
    .command('list')
    .description("the failures queue, each entry with its invoice's status and what may be done (resolved entries leave the queue), and the executions that failed at an infrastructure state")
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const client = new ApiClient();
      const [{ items }, failed] = await Promise.all([client.request<FailuresResponse>('GET', '/ops/failures'), client.request<FailedExecutionsResponse>('GET', '/ops/failed-executions')]);
      printResult(options.json === true, { items, failedExecutions: failed.items }, () => describeFailures(items, failed.items));
    });
  command
    .command('reprocess')
    .description('reprocess the failures given, or --all: an emission gets a new emission (same RPS), a refused cancellation a new cancel request (same reason)')
    .argument('[invoiceIds...]')
    .option('--all', 'every invoice on the queue')
    .option('--json', 'print JSON')
    .action(async (invoiceIds: string[], options: { all?: boolean; json?: boolean }) => {
      if (options.all !== true && invoiceIds.length === 0) throw new Error('name the invoices to reprocess, or pass --all');
      const client = new ApiClient();
      const batches = options.all === true ? [undefined] : chunk(invoiceIds, 50);
      const total: { started: ReprocessFailuresResponse['started']; skipped: Array<ReprocessFailuresResponse['skipped'][number]> } = { started: [], skipped: [] };
      for (const [index, batch] of batches.entries()) {
        const result = await client.request<ReprocessFailuresResponse>('POST', '/ops/failures/reprocess', batch === undefined ? { all: true } : { invoiceIds: batch });
        total.started.push(...result.started);
        total.skipped.push(...result.skipped);
        if (options.json !== true && batches.length > 1) process.stderr.write(`batch ${index + 1}/${batches.length}: ${total.started.length} started, ${total.skipped.length} skipped\n`);
      }
      printResult(options.json === true, total, () =>
        [
          `${total.started.length} reprocessing, ${total.skipped.length} skipped`,
          ...total.started.map((s) => `  started ${s.invoiceId ?? ''}  execution ${s.executionArn.split(':').at(-1) ?? s.executionArn}`),
          ...total.skipped.map((s) => `  skipped ${s.invoiceId}: ${s.reason}`),
        ].join('\n'),
      );
    });
  command
    .command('dismiss')
    .description("take an invoice's failures off the queue with nothing more to do; the reason is kept in its history")
    .argument('<invoiceId>')
    .requiredOption('--reason <text>', 'why (kept in the invoice history, with who dismissed it)')
    .option('--json', 'print JSON')
    .action(async (invoiceId: string, options: { reason: string; json?: boolean }) => {
      const answer = await new ApiClient().request<DismissFailureResponse>('POST', `/ops/failures/${encodeURIComponent(invoiceId)}/dismiss`, { reason: options.reason });
      printResult(options.json === true, answer, () => `dismissed ${answer.dismissed} failure${answer.dismissed === 1 ? '' : 's'} of invoice ${answer.invoiceId}`);
    });
  return command;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
