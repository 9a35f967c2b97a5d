import { Command } from 'commander';
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
      const client = new ApiClient();
      const started = await client.call(client.api.POST('/ops/invoices/{id}/reprocess', { params: { path: { id: invoiceId } } }));
      printResult(options.json === true, started, () => `reprocessing ${invoiceId}: ${started.executionArn}`);
    });
  return command;
}
