import type { EmitInvoiceRequest } from '../../contracts/emitInvoiceRequest';
import type { CompanyInput } from '../../contracts/company';

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

/** The dev company's record (the prestador of DEMO_INVOICE), as `PUT /companies/{cnpj}` takes it. */
export const DEMO_COMPANY: CompanyInput = {
  razaoSocial: 'Empresa Demonstração de Software Ltda',
  nomeFantasia: 'nfse-flow demo',
  inscricaoMunicipal: '12345678',
  municipalityCode: '3550308',
  address: { street: 'Avenida Paulista', number: '1000', complement: 'conj. 101', district: 'Bela Vista', municipalityCode: '3550308', state: 'SP', postalCode: '01310100' },
  taxRegime: { simplesNacional: 'naoOptante', regimeEspecial: 'nenhum', incentivoFiscal: false },
  defaultService: { code: '01.07', municipalTaxCode: '010701', issRate: '2.00', description: 'Suporte técnico em informática' },
  contactEmail: 'fiscal@demo.example',
};

/** The second dev company: established in Porto Alegre, whose NFS-e the national system (Sefin Nacional) issues. */
export const NACIONAL_DEMO_CNPJ = '11444777000161';

/** The national dev company's record, as `PUT /companies/{cnpj}` takes it. */
export const NACIONAL_DEMO_COMPANY: CompanyInput = {
  razaoSocial: 'Empresa Demonstração Nacional Ltda',
  nomeFantasia: 'nfse-flow nacional',
  inscricaoMunicipal: '7654321',
  municipalityCode: '4314902',
  address: { street: 'Avenida Borges de Medeiros', number: '500', district: 'Centro Histórico', municipalityCode: '4314902', state: 'RS', postalCode: '90020020' },
  taxRegime: { simplesNacional: 'naoOptante', regimeEspecial: 'nenhum', incentivoFiscal: false },
  defaultService: { code: '01.07', nationalTaxCode: '010701', issRate: '2.00', description: 'Suporte técnico em informática' },
  contactEmail: 'fiscal@nacional.demo.example',
};

/** A ready-to-send invoice of the national dev company (Porto Alegre, on the national system). */
export const NACIONAL_DEMO_INVOICE: EmitInvoiceRequest = {
  companyCnpj: NACIONAL_DEMO_CNPJ,
  municipalityCode: '4314902',
  total: '250.00',
  service: { code: '01.07', description: 'Suporte técnico em informática', issRate: '2.00', issWithheld: false },
  tomador: { document: '52998224725', name: 'Maria da Silva', email: 'maria@example.com' },
  rpsSeries: '1',
};
