import { Command } from 'commander';
import type { CorrectedInvoice, StartedExecution } from '../../contracts/ops';
import { ApiClient } from '../ApiClient';
import { followInvoice, printFollowed, withFollowOptions, type FollowOptions } from '../invoices/followInvoice';
import { printResult } from '../printResult';
import { readJsonFile } from '../readJsonFile';

/** The execution's name out of its ARN: what `executions show` takes. */
function nameOf(executionArn: string): string {
  return executionArn.split(':').at(-1) ?? executionArn;
}

/** `nfse invoices reprocess|correct ID`: ops' new emissions of a FAILED invoice. */
export function invoicesCommand(): Command {
  const command = new Command('invoices').description('invoice operations (ops role)');
  withFollowOptions(
    command
      .command('reprocess')
      .description('start a new emission ({id}-r{n}) for a FAILED invoice, same RPS: the city recognises a resend, so it is never issued twice')
      .argument('<invoiceId>'),
    'the invoice is ISSUED or FAILED again (exit 1 then)',
  )
    .option('--json', 'print JSON')
    .action(async (invoiceId: string, options: FollowOptions) => {
      const client = new ApiClient();
      const started = await client.request<StartedExecution>('POST', `/ops/invoices/${encodeURIComponent(invoiceId)}/reprocess`);
      if (options.wait === true) {
        process.stderr.write(`invoice ${invoiceId}: execution ${nameOf(started.executionArn)}\n`);
        printFollowed(await followInvoice(client, invoiceId, options.timeout), options, 'ISSUED');
        return;
      }
      printResult(options.json === true, started, () => [`invoice    ${invoiceId}`, `execution  ${nameOf(started.executionArn)}`, `follow it: npm run nfse -- get ${invoiceId} --wait`].join('\n'));
    });
  withFollowOptions(
    command
      .command('correct')
      .description(
        'change the fields of an invoice FAILED with a permanent error (the city rejected its content, or does not serve its city) and re-emit it under a new RPS number; the old RPS is kept as replaced and never sent again with other content. Not for an invoice the city may have issued (a timeout): reprocess or dismiss that one',
      )
      .argument('<invoiceId>')
      .argument('<file>', 'JSON with the fields to change, as POST /invoices takes them: municipalityCode, total, service, tomador, competence, rpsSeries (- for stdin)'),
    'the invoice is ISSUED or FAILED again (exit 1 then)',
  )
    .requiredOption('--reason <text>', 'why (kept in the invoice history, with who corrected it)')
    .option('--json', 'print JSON')
    .action(async (invoiceId: string, file: string, options: FollowOptions & { reason: string }) => {
      const changes = await readJsonFile(file);
      const client = new ApiClient();
      const corrected = await client.request<CorrectedInvoice>('POST', `/ops/invoices/${encodeURIComponent(invoiceId)}/correct`, { reason: options.reason, changes });
      const summary = `invoice ${invoiceId}: RPS ${corrected.rps.serie}/${corrected.rps.numero} replaces ${corrected.replacedRps.serie}/${corrected.replacedRps.numero} (kept as replaced), execution ${nameOf(corrected.executionArn)}`;
      if (options.wait === true) {
        process.stderr.write(`${summary}\n`);
        printFollowed(await followInvoice(client, invoiceId, options.timeout), options, 'ISSUED');
        return;
      }
      printResult(options.json === true, corrected, () => `${summary}\nfollow it: npm run nfse -- get ${invoiceId} --wait`);
    });
  return command;
}
