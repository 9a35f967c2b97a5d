import type { EmitInvoiceRequest } from '../../contracts/emitInvoiceRequest';

/** The CNPJ the printed dev token is granted (a valid numeric one). */
export const DEMO_CNPJ = '11222333000181';

/** A ready-to-send invoice for the printed curl (São Paulo, a synchronous city of the mock). */
export const DEMO_INVOICE: EmitInvoiceRequest = {
  companyCnpj: DEMO_CNPJ,
  municipalityCode: '3550308',
  total: '150.00',
  service: { code: '01.07', description: 'Suporte técnico em informática', issRate: '2.00', issWithheld: false },
  tomador: { document: '52998224725', name: 'Maria da Silva', email: 'maria@example.com' },
  rpsSeries: '1',
};
