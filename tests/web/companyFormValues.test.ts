import type { Company } from '../../contracts/company';
import { DEMO_COMPANY } from '../../local/app/demoInvoice';
import { companyInputOf, formValuesOf } from '../../web/src/companies/companyFormValues';

const COMPANY: Company = {
  ...DEMO_COMPANY,
  cnpj: '11222333000181',
  providerOverrides: { serie: 'A1', assinaturaLote: true },
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  updatedBy: 'admin-1',
};

describe('the company form’s values', () => {
  it('give back the company’s fields unchanged when nothing is edited, with what the form does not show (providerOverrides)', () => {
    const { cnpj: _cnpj, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, updatedBy: _updatedBy, ...fields } = COMPANY;

    expect(companyInputOf(formValuesOf(COMPANY), COMPANY)).toEqual(fields);
  });

  it('leave out an optional field emptied, and the default service when all of it is empty', () => {
    const values = {
      ...formValuesOf(COMPANY),
      nomeFantasia: ' ',
      'address.complement': '',
      'defaultService.code': '',
      'defaultService.municipalTaxCode': '',
      'defaultService.issRate': '',
      'defaultService.description': '',
      'taxRegime.simplesNacional': 'meEpp',
      'taxRegime.simplesNacionalApuracao': 'federaisPeloSnIssForaDoSn',
      'taxRegime.incentivoFiscal': 'true',
    };

    const input = companyInputOf(values, { ...COMPANY, providerOverrides: undefined });

    expect(input).toEqual({
      razaoSocial: DEMO_COMPANY.razaoSocial,
      inscricaoMunicipal: DEMO_COMPANY.inscricaoMunicipal,
      municipalityCode: '3550308',
      address: { street: 'Avenida Paulista', number: '1000', district: 'Bela Vista', municipalityCode: '3550308', state: 'SP', postalCode: '01310100' },
      taxRegime: { simplesNacional: 'meEpp', simplesNacionalApuracao: 'federaisPeloSnIssForaDoSn', regimeEspecial: 'nenhum', incentivoFiscal: true },
      contactEmail: DEMO_COMPANY.contactEmail,
    });
  });
});
