import type { InvoiceView } from '../../contracts/apiResponses';

/** An invoice as `nfse get` prints it for people. */
export function describeInvoice(invoice: InvoiceView): string {
  return [
    `${invoice.invoiceId}  ${invoice.status}`,
    `  company ${invoice.companyCnpj}  city ${invoice.municipalityCode}  total ${invoice.total}  RPS ${invoice.rps.serie}/${invoice.rps.numero}`,
    `  created ${invoice.createdAt}${invoice.processedAt !== undefined ? `  processed ${invoice.processedAt}` : ''}`,
    ...(invoice.provider !== undefined ? [`  system ${invoice.provider === 'nacional' ? 'NFS-e Nacional' : invoice.provider}`] : []),
    ...(invoice.nfseNumber !== undefined ? [`  NFS-e ${invoice.nfseNumber}  verification ${invoice.verificationCode ?? '-'}`] : []),
    ...(invoice.chaveAcesso !== undefined ? [`  key ${invoice.chaveAcesso}`] : []),
    ...(invoice.error !== undefined ? [`  error ${invoice.error.code}: ${invoice.error.message}`] : []),
    ...(invoice.xmlUrl !== undefined ? [`  RPS XML   ${invoice.xmlUrl}`] : []),
    ...(invoice.nfseXmlUrl !== undefined ? [`  NFS-e XML ${invoice.nfseXmlUrl}`] : []),
  ].join('\n');
}
