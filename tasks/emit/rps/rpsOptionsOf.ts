import type { Company } from '../../../contracts/company';
import type { RpsXmlOptions } from './buildRpsXml';

/** ABRASF's RegimeEspecialTributacao for the regimes it has (the others leave it out). */
const ABRASF_REGIME = { microempresaMunicipal: 1, estimativa: 2, sociedadeProfissionais: 3, atoCooperado: 4 } as const;

/**
 * What the RPS declares about its prestador, from the company record: inscrição municipal,
 * Simples Nacional, special regime (ABRASF codes MEI and ME/EPP as regimes 5 and 6) and fiscal
 * incentive.
 */
export function rpsOptionsOf(company: Pick<Company, 'inscricaoMunicipal' | 'taxRegime'>): RpsXmlOptions {
  const regime = company.taxRegime;
  const special = regime.regimeEspecial in ABRASF_REGIME ? ABRASF_REGIME[regime.regimeEspecial as keyof typeof ABRASF_REGIME] : regime.simplesNacional === 'mei' ? 5 : regime.simplesNacional === 'meEpp' ? 6 : undefined;
  return {
    ...(company.inscricaoMunicipal === undefined ? {} : { inscricaoMunicipal: company.inscricaoMunicipal }),
    optanteSimplesNacional: regime.simplesNacional !== 'naoOptante',
    incentivoFiscal: regime.incentivoFiscal,
    ...(special === undefined ? {} : { regimeEspecialTributacao: special }),
  };
}
