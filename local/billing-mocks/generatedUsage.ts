import { cnpjWithCheckDigits } from '../../contracts/cnpj';
import type { CobrancaVolume, PixpayVolume, UsageCompany } from '../../contracts/usagePlatform';

/** `count` client companies numbered from 1, each with a valid CNPJ of its own. */
export function generatedClients(count: number): UsageCompany[] {
  return Array.from({ length: count }, (_, index) => {
    const id = index + 1;
    return { idEmpresa: id, cnpj: cnpjWithCheckDigits(`${String(10_000_000 + id)}0001`), razaoSocial: `Cliente ${id} Ltda`, email: `financeiro@cliente${id}.example` };
  });
}

/** A month's usage of one client. */
export interface ClientUsage {
  readonly cobranca: CobrancaVolume;
  readonly pixpay: PixpayVolume;
}

/**
 * Made-up but stable usage: the same client and month always give the same volumes, so a re-run
 * of a month sees what the first run saw. Every tenth client used nothing that month.
 */
export function generatedUsage(client: UsageCompany, competencia: string): ClientUsage {
  const month = Number(competencia.slice(5, 7));
  const id = client.idEmpresa;
  if (id % 10 === 0) return { cobranca: { idEmpresa: id, qtdeTitulos: 0, valorTotal: 0 }, pixpay: { idEmpresa: id, qtdeMotoristas: 0, valorTotal: 0 } };
  const titulos = 10 + ((id * 13 + month) % 190);
  const motoristas = (id * 5 + month) % 40;
  // Centavos first, then reais: the platform answers numbers with at most 2 decimals.
  return {
    cobranca: { idEmpresa: id, qtdeTitulos: titulos, valorTotal: (titulos * 250) / 100 },
    pixpay: { idEmpresa: id, qtdeMotoristas: motoristas, valorTotal: (motoristas * 990) / 100 },
  };
}
