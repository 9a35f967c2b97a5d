import { CompanySchema, type Company } from '../../../contracts/company';
import { MunicipalityConfigSchema, type MunicipalityConfig, type MunicipalityInput } from '../../../contracts/municipality';
import { compNfseXml } from '../../../local/provider-mock/mockResponses';
import { buildRpsXml, type RpsInvoice } from '../../../tasks/emit/rps/buildRpsXml';

export const PRESTADOR_CNPJ = '11222333000181';
export const NFSE_NUMBER = 4321;
export const VERIFICATION_CODE = 'AB12CD34';
/** 12:30:05 UTC: 09:30:05 in Brasília. */
export const ISSUED_AT = '2026-11-23T12:30:05.000Z';

/** São Paulo as the built-in registry has it, with its verification page. */
export function saoPaulo(overrides: Partial<MunicipalityInput> = {}): MunicipalityConfig {
  return MunicipalityConfigSchema.parse({
    code: '3550308',
    name: 'São Paulo',
    uf: 'SP',
    provider: 'abrasf-2.04',
    mode: 'sync',
    environment: 'homologacao',
    endpoint: 'http://127.0.0.1:4580/nfse/3550308',
    verificationUrl: 'https://nfe.prefeitura.sp.gov.br/contribuinte/notaprint.aspx?ccm={inscricaoMunicipal}&nf={nfseNumber}&cod={verificationCode}',
    concurrency: 2,
    ...overrides,
  });
}

export function company(overrides: Partial<Company> = {}): Company {
  return CompanySchema.parse({
    cnpj: PRESTADOR_CNPJ,
    razaoSocial: 'Ação & Serviços Ltda',
    nomeFantasia: 'Ação',
    inscricaoMunicipal: '12345678',
    municipalityCode: '3550308',
    address: { street: 'Avenida Paulista', number: '1000', complement: 'Sala 5', district: 'Bela Vista', municipalityCode: '3550308', state: 'SP', postalCode: '01310100' },
    taxRegime: { simplesNacional: 'naoOptante', regimeEspecial: 'nenhum' },
    contactEmail: 'fiscal@acao.example',
    version: 1,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    updatedBy: 'tester',
    ...overrides,
  });
}

export function rpsInvoice(overrides: Partial<RpsInvoice> = {}): RpsInvoice {
  return {
    invoiceId: '01JD3Q5V6Z8X9Y0A1B2C3D4E5F',
    companyCnpj: PRESTADOR_CNPJ,
    municipalityCode: '3550308',
    total: '1234.56',
    service: { code: '01.07', description: 'Suporte técnico em informática, mês de novembro', issRate: '5', issWithheld: false, municipalTaxCode: '010701' },
    tomador: {
      document: '52998224725',
      name: 'João da Silva',
      email: 'joao@example.com',
      address: { street: 'Rua das Flores', number: '12', district: 'Centro', municipalityCode: '3304557', state: 'RJ', postalCode: '20010000' },
    },
    competence: '2026-11-20',
    rps: { serie: 'A1', numero: 77 },
    createdAt: '2026-11-23T12:00:00.000Z',
    ...overrides,
  } as RpsInvoice;
}

/** The CompNfse the mock city answers for this invoice's RPS (the RPS built by the emit task's own builder). */
export function cityNfseXml(invoice: RpsInvoice = rpsInvoice(), values: { readonly valorIss?: string; readonly aliquota?: string } = { valorIss: '61.73', aliquota: '5.00' }): string {
  const rps = buildRpsXml(invoice, { inscricaoMunicipal: '12345678' });
  const declaracaoXml = /<InfDeclaracaoPrestacaoServico[\s\S]*<\/InfDeclaracaoPrestacaoServico>/.exec(rps)?.[0] ?? '';
  return compNfseXml({
    numero: NFSE_NUMBER,
    codigoVerificacao: VERIFICATION_CODE,
    dataEmissao: '2026-11-23T09:30:05',
    municipalityCode: invoice.municipalityCode,
    cnpj: invoice.companyCnpj,
    valorServicos: invoice.total,
    ...values,
    declaracaoXml,
  });
}
