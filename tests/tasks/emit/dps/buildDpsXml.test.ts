import path from 'node:path';
import type { Company } from '../../../../contracts/company';
import { schemasDir } from '../../../../adapter-container/xml/schemasDir';
import { SchemaValidator } from '../../../../adapter-container/xml/SchemaValidator';
import { brasiliaDateTime, buildDpsXml, nationalTaxCode, type DpsInvoice, type DpsPrestador } from '../../../../tasks/emit/dps/buildDpsXml';
import { dpsId } from '../../../../tasks/emit/dps/dpsId';
import { signElements } from '../../../../adapter-container/xml/signElements';
import { verifyXmlSignature } from '../../../../adapter-container/xml/verifyXmlSignature';
import { XmlDsigSigner } from '../../../../adapter-container/xml/XmlDsigSigner';
import { createTestCa, issueA1Certificate, newRsaKeyPem } from '../../../../local/certificates/testPki';

const CNPJ = '11222333000181';
const SAO_PAULO = '3550308';

const invoice = (overrides: Partial<DpsInvoice> = {}): DpsInvoice => ({
  invoiceId: '01JDZ8Y7Q5R3T2V1W0X9Y8Z7A6',
  companyCnpj: CNPJ,
  municipalityCode: SAO_PAULO,
  total: '1500.5',
  competence: '2026-11-20',
  createdAt: '2026-11-23T02:30:00.000Z',
  rps: { serie: '1', numero: 42 },
  service: { code: '01.07', description: 'Suporte técnico & manutenção <mensal>', issRate: '2.5', issWithheld: false },
  tomador: {
    document: '52998224725',
    name: 'Maria da Silva',
    email: 'maria@example.com',
    address: { street: 'Rua das Flores', number: '100', complement: 'apto 12', district: 'Centro', municipalityCode: SAO_PAULO, state: 'SP', postalCode: '01001000' },
  },
  ...overrides,
});

const prestador = (overrides: Partial<DpsPrestador> = {}): DpsPrestador => ({
  cnpj: CNPJ,
  inscricaoMunicipal: '12345678',
  municipalityCode: SAO_PAULO,
  taxRegime: { simplesNacional: 'naoOptante', regimeEspecial: 'nenhum', incentivoFiscal: false } satisfies Company['taxRegime'],
  ...overrides,
});

describe('dpsId', () => {
  it('is the 45 characters the layout prescribes', () => {
    const id = dpsId({ municipalityCode: SAO_PAULO, document: CNPJ, serie: '1', numero: 42 });

    expect(id).toBe('DPS355030821122233300018100001000000000000042');
    expect(id).toHaveLength(45);
  });

  it('pads a CPF to 14 and marks it as type 1, and takes an alphanumeric CNPJ', () => {
    expect(dpsId({ municipalityCode: SAO_PAULO, document: '52998224725', serie: '12', numero: 1 })).toBe('DPS355030810005299822472500012000000000000001');
    expect(dpsId({ municipalityCode: SAO_PAULO, document: '12ABC34501DE35', serie: '1', numero: 1 })).toBe('DPS3550308212ABC34501DE3500001000000000000001');
  });

  it('refuses a series the national layout cannot carry', () => {
    expect(() => dpsId({ municipalityCode: SAO_PAULO, document: CNPJ, serie: 'A1', numero: 1 })).toThrow('the national layout takes a numeric series of up to 5 digits, got "A1"');
  });
});

describe('buildDpsXml', () => {
  let validator: SchemaValidator;

  beforeAll(async () => {
    validator = await SchemaValidator.load(path.join(schemasDir({}), 'nacional-1.01', 'DPS_v1.01.xsd'));
  });

  it('builds the DPS exactly, valid against DPS_v1.01.xsd', () => {
    const xml = buildDpsXml(invoice(), prestador(), { environment: 'homologacao' });

    expect(xml).toBe(
      '<DPS xmlns="http://www.sped.fazenda.gov.br/nfse" versao="1.01"><infDPS Id="DPS355030821122233300018100001000000000000042">' +
        '<tpAmb>2</tpAmb><dhEmi>2026-11-22T23:30:00-03:00</dhEmi><verAplic>nfse-flow</verAplic><serie>1</serie><nDPS>42</nDPS>' +
        '<dCompet>2026-11-20</dCompet><tpEmit>1</tpEmit><cLocEmi>3550308</cLocEmi>' +
        '<prest><CNPJ>11222333000181</CNPJ><IM>12345678</IM><regTrib><opSimpNac>1</opSimpNac><regEspTrib>0</regEspTrib></regTrib></prest>' +
        '<toma><CPF>52998224725</CPF><xNome>Maria da Silva</xNome><end><endNac><cMun>3550308</cMun><CEP>01001000</CEP></endNac>' +
        '<xLgr>Rua das Flores</xLgr><nro>100</nro><xCpl>apto 12</xCpl><xBairro>Centro</xBairro></end><email>maria@example.com</email></toma>' +
        '<serv><locPrest><cLocPrestacao>3550308</cLocPrestacao></locPrest><cServ><cTribNac>010701</cTribNac>' +
        '<xDescServ>Suporte técnico &amp; manutenção &lt;mensal&gt;</xDescServ></cServ></serv>' +
        '<valores><vServPrest><vServ>1500.50</vServ></vServPrest><trib><tribMun><tribISSQN>1</tribISSQN><tpRetISSQN>1</tpRetISSQN></tribMun>' +
        '<totTrib><indTotTrib>0</indTotTrib></totTrib></trib></valores></infDPS></DPS>',
    );
    expect(validator.validate(xml)).toEqual({ valid: true, errors: [] });
  });

  it.each([
    ['an ME/EPP of the Simples Nacional in production, a company tomador, withheld ISS', invoice({ tomador: { document: '11444777000161', name: 'Cliente SA' }, service: { code: '17.01', description: 'Consultoria', issRate: '5', issWithheld: true, municipalTaxCode: '170101' } }), prestador({ inscricaoMunicipal: undefined, taxRegime: { simplesNacional: 'meEpp', simplesNacionalApuracao: 'federaisPeloSnIssForaDoSn', regimeEspecial: 'sociedadeProfissionais', incentivoFiscal: false } }), 'producao' as const],
    ['a MEI with an alphanumeric CNPJ', invoice({ companyCnpj: '12ABC34501DE35' }), prestador({ cnpj: '12ABC34501DE35', taxRegime: { simplesNacional: 'mei', regimeEspecial: 'nenhum', incentivoFiscal: false } }), 'homologacao' as const],
  ])('stays valid for %s', (_what, dpsInvoice, dpsPrestador, environment) => {
    const xml = buildDpsXml(dpsInvoice, dpsPrestador, { environment });

    expect(validator.validate(xml)).toEqual({ valid: true, errors: [] });
  });

  it('carries the replaced NFS-e as its subst group, between cLocEmi and prest, valid against DPS_v1.01.xsd', () => {
    const chaveAcesso = '35503082211222333000181000000000000042611123456789';

    const xml = buildDpsXml(invoice(), prestador(), { environment: 'homologacao', substitutes: { chaveAcesso, reasonCode: 99, reason: 'Valor do serviço corrigido' } });

    expect(xml).toContain(`<cLocEmi>3550308</cLocEmi><subst><chSubstda>${chaveAcesso}</chSubstda><cMotivo>99</cMotivo><xMotivo>Valor do serviço corrigido</xMotivo></subst><prest>`);
    expect(validator.validate(xml)).toEqual({ valid: true, errors: [] });
  });

  it('signs a DPS with subst so that its signature verifies and it stays valid against DPS_v1.01.xsd', () => {
    const ca = createTestCa();
    const signer = new XmlDsigSigner(issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA TESTE LTDA', privateKeyPem: newRsaKeyPem() }));
    const unsigned = buildDpsXml(invoice(), prestador(), { environment: 'homologacao', substitutes: { chaveAcesso: '35503082211222333000181000000000000042611123456789', reasonCode: 2 } });

    const signed = signElements(unsigned, ['infDPS'], signer);

    const verdict = verifyXmlSignature(signed, { signedElementId: 'DPS355030821122233300018100001000000000000042', trustedCaPems: [ca.certificatePem] });
    expect(verdict.valid ? 'valid' : verdict.problem).toBe('valid');
    expect(validator.validate(signed)).toEqual({ valid: true, errors: [] });
  });

  it('pads cMotivo to two digits and leaves out xMotivo when no reason is given', () => {
    const xml = buildDpsXml(invoice(), prestador(), { environment: 'homologacao', substitutes: { chaveAcesso: '35503082211222333000181000000000000042611123456789', reasonCode: 1 } });

    expect(xml).toContain('<cMotivo>01</cMotivo></subst>');
    expect(validator.validate(xml)).toEqual({ valid: true, errors: [] });
  });

  it('is refused by DPS_v1.01.xsd with a reason shorter than xMotivo’s 15 characters', () => {
    const xml = buildDpsXml(invoice(), prestador(), { environment: 'homologacao', substitutes: { chaveAcesso: '35503082211222333000181000000000000042611123456789', reasonCode: 99, reason: 'curto' } });

    expect(validator.validate(xml).valid).toBe(false);
  });

  it('declares the regime codes the national layout uses', () => {
    const xml = buildDpsXml(invoice(), prestador({ taxRegime: { simplesNacional: 'meEpp', regimeEspecial: 'atoCooperado', incentivoFiscal: true } }), { environment: 'producao' });

    expect(xml).toContain('<tpAmb>1</tpAmb>');
    expect(xml).toContain('<regTrib><opSimpNac>3</opSimpNac><regApTribSN>1</regApTribSN><regEspTrib>1</regEspTrib></regTrib>');
  });

  it('dates the emission in Brasília time with its offset', () => {
    expect(brasiliaDateTime('2026-01-01T02:59:59.999Z')).toBe('2025-12-31T23:59:59-03:00');
  });

  it('takes the company’s national code for its default service, else derives it from the LC 116 item', () => {
    const configured = prestador({ defaultService: { code: '01.07', nationalTaxCode: '010702', issRate: '2' } });

    expect([nationalTaxCode('01.07', configured), nationalTaxCode('01.08', configured), nationalTaxCode('14.01', prestador())]).toEqual(['010702', '010801', '140101']);
  });
});
