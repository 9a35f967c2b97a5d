import { Command } from 'commander';
import type { ReprocessFailuresResponse } from '../../clients/typescript/src';
import { ApiClient } from '../ApiClient';
import { printResult } from '../printResult';

/** `nfse dlq list|reprocess` over the failures queue. */
export function dlqCommand(): Command {
  const command = new Command('dlq').description('failed invoices waiting for ops on the failures queue (ops role)');
  command
    .command('list')
    .description('what waits on the failures queue')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const client = new ApiClient();
      const { items } = await client.call(client.api.GET('/ops/failures'));
      printResult(options.json === true, { items }, () =>
        items.length === 0 ? 'the failures queue is empty' : items.map((f) => `${f.failedAt}  ${f.invoiceId}  ${f.workflow}  ${f.error.code}: ${f.error.message}`).join('\n'),
      );
    });
  command
    .command('reprocess')
    .description('reprocess the failed invoices given, or --all')
    .argument('[invoiceIds...]')
    .option('--all', 'every invoice on the queue')
    .option('--json', 'print JSON')
    .action(async (invoiceIds: string[], options: { all?: boolean; json?: boolean }) => {
      if (options.all !== true && invoiceIds.length === 0) throw new Error('name the invoices to reprocess, or pass --all');
      const client = new ApiClient();
      const batches = options.all === true ? [undefined] : chunk(invoiceIds, 50);
      const total: { started: ReprocessFailuresResponse['started']; skipped: Array<ReprocessFailuresResponse['skipped'][number]> } = { started: [], skipped: [] };
      for (const [index, batch] of batches.entries()) {
        const result = await client.call(client.api.POST('/ops/failures/reprocess', { body: batch === undefined ? { all: true } : { invoiceIds: batch } }));
        total.started.push(...result.started);
        total.skipped.push(...result.skipped);
        if (options.json !== true && batches.length > 1) process.stderr.write(`batch ${index + 1}/${batches.length}: ${total.started.length} started, ${total.skipped.length} skipped\n`);
      }
      printResult(options.json === true, total, () =>
        [
          `${total.started.length} reprocessing, ${total.skipped.length} skipped`,
          ...total.started.map((s) => `  started ${s.invoiceId ?? ''}  ${s.executionArn}`),
          ...total.skipped.map((s) => `  skipped ${s.invoiceId}: ${s.reason}`),
        ].join('\n'),
      );
    });
  return command;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
