import type { InvoiceView } from '../../contracts/apiResponses';

/** ` (replaces 1/5, 1/1 of 9999999)`: the RPS numbers corrections replaced (each city numbers its own), never sent again. */
function replaced(invoice: InvoiceView): string {
  const numbers = (invoice.replacedRps ?? []).map((rps) => `${rps.serie}/${rps.numero}${rps.municipalityCode !== invoice.municipalityCode ? ` of ${rps.municipalityCode}` : ''}`);
  return numbers.length > 0 ? ` (replaces ${numbers.join(', ')})` : '';
}

/** An invoice as `nfse get` prints it for people. */
export function describeInvoice(invoice: InvoiceView): string {
  return [
    `${invoice.invoiceId}  ${invoice.status}`,
    `  company ${invoice.companyCnpj}  city ${invoice.municipalityCode}  total ${invoice.total}  RPS ${invoice.rps.serie}/${invoice.rps.numero}${replaced(invoice)}`,
    `  created ${invoice.createdAt}${invoice.processedAt !== undefined ? `  processed ${invoice.processedAt}` : ''}`,
    ...(invoice.provider !== undefined ? [`  system ${invoice.provider === 'nacional' ? 'NFS-e Nacional' : invoice.provider}`] : []),
    ...(invoice.nfseNumber !== undefined ? [`  NFS-e ${invoice.nfseNumber}  verification ${invoice.verificationCode ?? '-'}`] : []),
    ...(invoice.chaveAcesso !== undefined ? [`  key ${invoice.chaveAcesso}`] : []),
    ...(invoice.error !== undefined ? [`  error ${invoice.error.code}: ${invoice.error.message}`] : []),
    ...(invoice.xmlUrl !== undefined ? [`  RPS XML   ${invoice.xmlUrl}`] : []),
    ...(invoice.nfseXmlUrl !== undefined ? [`  NFS-e XML ${invoice.nfseXmlUrl}`] : []),
  ].join('\n');
}
