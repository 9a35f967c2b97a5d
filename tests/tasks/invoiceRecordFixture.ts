import type { InvoiceRecord } from '../../contracts/invoiceRecord';
import { CNPJ } from './fixtures';

export const INVOICE_ID = '01JDQ7Z8X9Y0ABCDEFGHJKMNPQ';

/** An invoice record as the table holds it. */
export function invoiceRecord(overrides: Partial<InvoiceRecord> = {}): InvoiceRecord {
  return {
    invoiceId: INVOICE_ID,
    companyCnpj: CNPJ,
    municipalityCode: '3550308',
    total: '100.00',
    status: 'ISSUED',
    service: { code: '01.07', description: 'Suporte', issRate: '2.00', issWithheld: false },
    tomador: { document: '52998224725', name: 'Maria Silva' },
    competence: '2026-11-23',
    rps: { serie: '1', numero: 7 },
    createdAt: '2026-11-23T12:00:00.000Z',
    updatedAt: '2026-11-23T12:00:05.000Z',
    processedAt: '2026-11-23T12:00:05.000Z',
    xmlKey: `xml/${INVOICE_ID}.xml`,
    nfseXmlKey: `nfse/${INVOICE_ID}.xml`,
    nfseNumber: '2026000000123',
    verificationCode: 'ABC123',
    createdBy: 'user-1',
    companyCreatedAt: `2026-11-23T12:00:00.000Z#${INVOICE_ID}`,
    ...overrides,
  };
}
