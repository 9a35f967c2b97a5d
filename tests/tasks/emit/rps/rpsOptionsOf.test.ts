import type { TaxRegime } from '../../../../contracts/company';
import { gerarNfseEnvioXml } from '../../../../adapter-container/xml/abrasfMessages';
import { loadAbrasfValidator } from '../../../../adapter-container/xml/abrasfValidator';
import { buildRpsXml } from '../../../../tasks/emit/rps/buildRpsXml';
import { rpsOptionsOf } from '../../../../tasks/emit/rps/rpsOptionsOf';
import { rpsInvoice } from '../../../adapter-container/xml/rpsFixtures';

const regime = (overrides: Partial<TaxRegime>): TaxRegime => ({ simplesNacional: 'naoOptante', regimeEspecial: 'nenhum', incentivoFiscal: false, ...overrides });

describe('rpsOptionsOf', () => {
  it('declares the company’s inscrição municipal, Simples Nacional and fiscal incentive', () => {
    expect(rpsOptionsOf({ inscricaoMunicipal: '12345678', taxRegime: regime({ simplesNacional: 'meEpp', incentivoFiscal: true }) })).toEqual({
      inscricaoMunicipal: '12345678',
      optanteSimplesNacional: true,
      incentivoFiscal: true,
      regimeEspecialTributacao: 6,
    });
    expect(rpsOptionsOf({ taxRegime: regime({}) })).toEqual({ optanteSimplesNacional: false, incentivoFiscal: false });
  });

  it('maps each regime to ABRASF’s code, a special regime before the Simples Nacional, none where ABRASF has none', () => {
    const codes = (['microempresaMunicipal', 'estimativa', 'sociedadeProfissionais', 'atoCooperado', 'notarioRegistrador', 'profissionalAutonomo', 'outros'] as const).map(
      (regimeEspecial) => rpsOptionsOf({ taxRegime: regime({ regimeEspecial, simplesNacional: 'mei' }) }).regimeEspecialTributacao,
    );

    expect(codes).toEqual([1, 2, 3, 4, 5, 5, 5]);
  });

  it('keeps the RPS valid against the ABRASF 2.04 XSD with every declaration in its place', async () => {
    const validator = await loadAbrasfValidator();
    const xml = buildRpsXml(rpsInvoice(), rpsOptionsOf({ inscricaoMunicipal: '12345678', taxRegime: regime({ regimeEspecial: 'sociedadeProfissionais', incentivoFiscal: true }) }));

    expect(xml).toContain('<Prestador><CpfCnpj><Cnpj>11222333000181</Cnpj></CpfCnpj><InscricaoMunicipal>12345678</InscricaoMunicipal></Prestador>');
    expect(xml).toContain('<RegimeEspecialTributacao>3</RegimeEspecialTributacao><OptanteSimplesNacional>2</OptanteSimplesNacional><IncentivoFiscal>1</IncentivoFiscal>');
    expect(validator?.validate(gerarNfseEnvioXml(xml))).toEqual({ valid: true, errors: [] });
  });
});
