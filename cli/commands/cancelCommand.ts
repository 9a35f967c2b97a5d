import { Command, InvalidArgumentError } from 'commander';
import type { CancelInvoiceResponse } from '../../contracts/apiResponses';
import { ApiClient } from '../ApiClient';
import { followExecution, printFollowed, withFollowOptions, type FollowOptions } from '../invoices/followInvoice';
import { printResult } from '../printResult';

/** `nfse cancel ID --reason-code N [--reason TEXT]`. */
export function cancelCommand(): Command {
  const command = new Command('cancel')
    .description('cancel an ISSUED invoice (ABRASF 2.04 codes: 1 erro na emissão, 2 serviço não prestado, 3 erro de assinatura, 4 duplicidade da nota, 5 erro de processamento)')
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
      const answer = await client.request<CancelInvoiceResponse>(
        'POST',
        `/invoices/${encodeURIComponent(invoiceId)}/cancel`,
        { reasonCode: options.reasonCode, ...(options.reason !== undefined ? { reason: options.reason } : {}) },
        options.idempotencyKey !== undefined ? { 'Idempotency-Key': options.idempotencyKey } : {},
      );
      if (options.wait === true) {
        printFollowed(await followExecution(client, answer.invoiceId, answer.executionArn, options.timeout), options, 'CANCELLED');
        return;
      }
      printResult(options.json === true, answer, () => `invoice ${answer.invoiceId} ${answer.status}: ${answer.executionArn}`);
    });
}
