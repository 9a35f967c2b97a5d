import { Command } from 'commander';
import { ApiClient } from '../ApiClient';
import { describeInvoice } from '../invoices/describeInvoice';
import { followInvoice, withFollowOptions, type FollowOptions } from '../invoices/followInvoice';
import { printResult } from '../printResult';

/** `nfse get`: GET /invoices/{id}. */
export function getCommand(): Command {
  return withFollowOptions(new Command('get').description('show an invoice').argument('<invoiceId>'), 'no workflow is moving it (ISSUED, FAILED or CANCELLED)')
    .option('--xml-url', 'include presigned links to the RPS and NFS-e XML')
    .option('--json', 'print JSON')
    .action(async (invoiceId: string, options: FollowOptions & { xmlUrl?: boolean }) => {
      const client = new ApiClient();
      if (options.wait === true) await followInvoice(client, invoiceId, options.timeout);
      const invoice = await client.call(client.api.GET('/invoices/{id}', { params: { path: { id: invoiceId }, query: { include: options.xmlUrl === true ? 'xmlUrl' : undefined } } }));
      printResult(options.json === true, invoice, () => describeInvoice(invoice));
    });
}
