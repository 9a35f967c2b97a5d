import { Command } from 'commander';
import type { StartedExecution } from '../../contracts/ops';
import { ApiClient } from '../ApiClient';
import { printResult } from '../printResult';

/** `nfse invoices reprocess ID`. */
export function invoicesCommand(): Command {
  const command = new Command('invoices').description('invoice operations (ops role)');
  command
    .command('reprocess')
    .description('start a new emission ({id}-r{n}) for a FAILED invoice, same RPS')
    .argument('<invoiceId>')
    .option('--json', 'print JSON')
    .action(async (invoiceId: string, options: { json?: boolean }) => {
      const started = await new ApiClient().request<StartedExecution>('POST', `/ops/invoices/${encodeURIComponent(invoiceId)}/reprocess`);
      printResult(options.json === true, started, () => `reprocessing ${invoiceId}: ${started.executionArn}`);
    });
  return command;
}
