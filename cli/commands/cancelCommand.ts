import { Command, InvalidArgumentError } from 'commander';
import { ApiClient } from '../ApiClient';
import { followExecution, printFollowed, withFollowOptions, type FollowOptions } from '../invoices/followInvoice';
import { printResult } from '../printResult';

/** `nfse cancel ID --reason-code N [--reason TEXT]`. */
export function cancelCommand(): Command {
  const command = new Command('cancel')
    .description('cancel an ISSUED invoice (ABRASF codes: 1 erro na emissão, 2 serviço não prestado, 3 duplicidade, 4 outros)')
    .argument('<invoiceId>');
  return withFollowOptions(command, 'the invoice is CANCELLED, or ISSUED again when the city refused (exit 1 then)')
    .requiredOption('--reason-code <n>', 'ABRASF cancellation code 1-5', (value: string) => {
      const code = Number(value);
      if (!Number.isInteger(code) || code < 1 || code > 5) throw new InvalidArgumentError('must be 1-5');
      return code;
    })
    .option('--reason <text>', 'free text for the city')
    .option('--idempotency-key <key>', 'replaying with the same key never cancels twice')
    .option('--json', 'print JSON')
    .action(async (invoiceId: string, options: FollowOptions & { reasonCode: number; reason?: string; idempotencyKey?: string }) => {
      const client = new ApiClient();
      const body = { reasonCode: options.reasonCode, ...(options.reason !== undefined ? { reason: options.reason } : {}) };
      const answer = await client.call(client.api.POST('/invoices/{id}/cancel', { params: { path: { id: invoiceId }, header: { 'Idempotency-Key': options.idempotencyKey } }, body }));
      if (options.wait === true) {
        printFollowed(await followExecution(client, answer.invoiceId, answer.executionArn, options.timeout), options, 'CANCELLED');
        return;
      }
      printResult(options.json === true, answer, () => `invoice ${answer.invoiceId} ${answer.status}: ${answer.executionArn}`);
    });
}
