import { Command, InvalidArgumentError } from 'commander';
import { ApiClient } from '../ApiClient';
import { checkCancellation } from '../invoices/checkCancellation';
import { followExecution, printFollowed, withFollowOptions, type FollowOptions } from '../invoices/followInvoice';
import { printResult } from '../printResult';

/** `nfse cancel ID --reason-code N [--reason TEXT]`. */
export function cancelCommand(): Command {
  const command = new Command('cancel')
    .description(
      "cancel an ISSUED invoice with a reason code its city takes (`nfse municipalities get CODE` lists them): ABRASF 1 erro na emissão, 2 serviço não prestado, 3 erro de assinatura, 4 duplicidade da nota, 5 erro de processamento; national 1 erro na emissão, 2 serviço não prestado, 9 outros, with a --reason of 15-255 characters",
    )
    .argument('<invoiceId>');
  return withFollowOptions(command, 'the invoice is CANCELLED, or ISSUED again when the city refused (exit 1 then)')
    .requiredOption('--reason-code <n>', "the city's cancellation code (checked against the invoice's city before sending, as the API checks it: its 400 names the codes)", (value: string) => {
      const code = Number(value);
      if (value.trim() === '' || !Number.isInteger(code) || code < 1) throw new InvalidArgumentError('must be a positive whole number');
      return code;
    })
    .option('--reason <text>', 'free text for the city (required where the city requires one, e.g. 15-255 characters for the national system)')
    .option('--idempotency-key <key>', 'replaying with the same key never cancels twice')
    .option('--json', 'print JSON')
    .action(async (invoiceId: string, options: FollowOptions & { reasonCode: number; reason?: string; idempotencyKey?: string }) => {
      const client = new ApiClient();
      const body = { reasonCode: options.reasonCode, ...(options.reason !== undefined ? { reason: options.reason } : {}) };
      await checkCancellation(client, invoiceId, body);
      const answer = await client.call(client.api.POST('/invoices/{id}/cancel', { params: { path: { id: invoiceId }, header: { 'Idempotency-Key': options.idempotencyKey } }, body }));
      if (options.wait === true) {
        printFollowed(await followExecution(client, answer.invoiceId, answer.executionArn, options.timeout), options, 'CANCELLED');
        return;
      }
      printResult(options.json === true, answer, () => `invoice ${answer.invoiceId} ${answer.status}: ${answer.executionArn}`);
    });
}
