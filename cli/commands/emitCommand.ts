import { Command } from 'commander';
import type { EmitInvoiceRequest } from '../../clients/typescript/src';
import { ApiClient } from '../ApiClient';
import { followInvoice, printFollowed, withFollowOptions, type FollowOptions } from '../invoices/followInvoice';
import { printResult } from '../printResult';
import { readJsonFile } from '../readJsonFile';

/** `nfse emit`: POST /invoices with a JSON file (or stdin). */
export function emitCommand(): Command {
  const command = new Command('emit')
    .description('emit an invoice from a JSON file (the POST /invoices body); - reads stdin')
    .argument('<file>', 'JSON file with the invoice, or - for stdin');
  return withFollowOptions(command, 'the invoice is ISSUED or FAILED (exit 1 when FAILED)')
    .option('--idempotency-key <key>', 'replaying with the same key never emits twice')
    .option('--json', 'print JSON')
    .action(async (file: string, options: FollowOptions & { idempotencyKey?: string }) => {
      const body = await readJsonFile(file);
      const client = new ApiClient();
      // The API checks the body against its contract and names each bad field.
      const answer = await client.call(client.api.POST('/invoices', { body: body as EmitInvoiceRequest, params: { header: { 'Idempotency-Key': options.idempotencyKey } } }));
      if (options.wait === true) {
        printFollowed(await followInvoice(client, answer.invoiceId, options.timeout), options, 'ISSUED');
        return;
      }
      printResult(options.json === true, answer, () => `invoice ${answer.invoiceId} ${answer.status} (RPS XML at ${answer.xmlKey}); follow it with: nfse get ${answer.invoiceId}`);
    });
}
