import type { RpsInvoice } from '../../../tasks/emit/rps/buildRpsXml';

/** A valid numeric CNPJ and the Receita Federal's alphanumeric example. */
export const CNPJ = '11222333000181';
export const ALPHANUMERIC_CNPJ = '12ABC34501DE35';
export const SAO_PAULO = '3550308';

/** An invoice with every optional field the RPS builder writes. */
export function rpsInvoice(overrides: Partial<RpsInvoice> = {}): RpsInvoice {
  return {
    invoiceId: '01JDZ8Y7Q5R3T2V1W0X9Y8Z7A6',
    companyCnpj: CNPJ,
    municipalityCode: SAO_PAULO,
    total: '1500.5',
    competence: '2026-11-20',
    createdAt: '2026-11-23T02:30:00.000Z',
    rps: { serie: 'A1', numero: 42 },
    service: { code: '01.07', description: 'Suporte técnico & manutenção <mensal>', issRate: '2.5', issWithheld: false, municipalTaxCode: '010701' },
    tomador: {
      document: '12345678909',
      name: 'Maria da Silva',
      email: 'maria@example.com',
      address: { street: 'Rua das Flores', number: '100', complement: 'apto 12', district: 'Centro', municipalityCode: SAO_PAULO, state: 'SP', postalCode: '01001000' },
    },
    ...overrides,
  };
}
