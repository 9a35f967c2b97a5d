import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import type { InvoiceView } from '../../contracts/apiResponses';
import { ApiClient } from '../ApiClient';
import { describeInvoice } from '../invoices/describeInvoice';
import { followInvoice, withFollowOptions, type FollowOptions } from '../invoices/followInvoice';
import { printResult } from '../printResult';

/** Why an invoice has no PDF: none before its NFS-e is issued; after, only one issued before PDFs were kept, or whose PDF could not be built. */
function noPdfReason(invoice: InvoiceView): string {
  if (invoice.status === 'ISSUED' || invoice.status === 'CANCELLING' || invoice.status === 'CANCELLED') {
    return `invoice ${invoice.invoiceId} has no PDF (${invoice.status}): its NFS-e was issued without one (before PDFs were kept, or the PDF could not be built: see the adapter's log)`;
  }
  return `invoice ${invoice.invoiceId} has no PDF (${invoice.status}): an invoice has one once its NFS-e is issued`;
}

/** Downloads the invoice's PDF (the presigned `pdfUrl`) to `file`. */
async function savePdf(invoice: InvoiceView, file: string): Promise<void> {
  if (invoice.pdfUrl === undefined) throw new Error(noPdfReason(invoice));
  const response = await fetch(invoice.pdfUrl);
  if (!response.ok) throw new Error(`the PDF of invoice ${invoice.invoiceId} could not be downloaded: HTTP ${response.status}`);
  await writeFile(file, Buffer.from(await response.arrayBuffer()));
}

/** `nfse get`: GET /invoices/{id}. */
export function getCommand(): Command {
  return withFollowOptions(new Command('get').description('show an invoice').argument('<invoiceId>'), 'no workflow is moving it (ISSUED, FAILED or CANCELLED)')
    .option('--xml-url', 'include presigned links to the RPS (or DPS) and NFS-e XML')
    .option('--pdf <file>', "save the NFS-e's PDF to this file (the national DANFSe, or for ABRASF cities the auxiliary DANFSe-like PDF nfse-flow builds)")
    .option('--json', 'print JSON')
    .action(async (invoiceId: string, options: FollowOptions & { xmlUrl?: boolean; pdf?: string }) => {
      const client = new ApiClient();
      if (options.wait === true) await followInvoice(client, invoiceId, options.timeout);
      const include = [...(options.xmlUrl === true ? ['xmlUrl'] : []), ...(options.pdf !== undefined ? ['pdfUrl'] : [])].join(',');
      const invoice = await client.call(client.api.GET('/invoices/{id}', { params: { path: { id: invoiceId }, query: { include: include === '' ? undefined : include } } }));
      if (options.pdf !== undefined) await savePdf(invoice, options.pdf);
      printResult(options.json === true, invoice, () => describeInvoice(invoice) + (options.pdf !== undefined ? `\n  PDF saved to ${options.pdf}` : ''));
    });
}
