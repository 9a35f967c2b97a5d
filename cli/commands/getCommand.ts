import { Command } from 'commander';
import type { InvoiceView } from '../../contracts/apiResponses';
import { ApiClient } from '../ApiClient';
import { printResult } from '../printResult';

/** `nfse get`: GET /invoices/{id}. */
export function getCommand(): Command {
  return new Command('get')
    .description('show an invoice')
    .argument('<invoiceId>')
    .option('--xml-url', 'include presigned links to the RPS and NFS-e XML')
    .option('--json', 'print JSON')
    .action(async (invoiceId: string, options: { xmlUrl?: boolean; json?: boolean }) => {
      const invoice = await new ApiClient().request<InvoiceView>('GET', `/invoices/${encodeURIComponent(invoiceId)}${options.xmlUrl === true ? '?include=xmlUrl' : ''}`);
      printResult(options.json === true, invoice, () =>
        [
          `${invoice.invoiceId}  ${invoice.status}`,
          `  company ${invoice.companyCnpj}  city ${invoice.municipalityCode}  total ${invoice.total}  RPS ${invoice.rps.serie}/${invoice.rps.numero}`,
          `  created ${invoice.createdAt}${invoice.processedAt !== undefined ? `  processed ${invoice.processedAt}` : ''}`,
          ...(invoice.nfseNumber !== undefined ? [`  NFS-e ${invoice.nfseNumber}  verification ${invoice.verificationCode ?? '-'}`] : []),
          ...(invoice.error !== undefined ? [`  error ${invoice.error.code}: ${invoice.error.message}`] : []),
          ...(invoice.xmlUrl !== undefined ? [`  RPS XML   ${invoice.xmlUrl}`] : []),
          ...(invoice.nfseXmlUrl !== undefined ? [`  NFS-e XML ${invoice.nfseXmlUrl}`] : []),
        ].join('\n'),
      );
    });
}
