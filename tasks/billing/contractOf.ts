import type { CompanyUsage } from '../../contracts/billingUsage';
import type { IncluirContratoParam } from '../../contracts/omie';
import { centavosToReais } from './money';

/** Our key of a company's contract of a month in the ERP (`cCodIntCtr`, at most 20 characters). */
export function contractKeyOf(competencia: string, empresaId: string): string {
  return `${competencia}-${empresaId}`;
}

/** `dd/mm/yyyy`, as Omie writes dates. */
function omieDate(year: number, month: number, day: number): string {
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

const PRODUCTS = [
  { key: 'cobranca', service: 'COBRANCA', describe: (quantity: number) => `Cobrança bancária: ${quantity} títulos` },
  { key: 'pixpay', service: 'PIXPAY', describe: (quantity: number) => `PIX Pay: ${quantity} motoristas` },
] as const;

/**
 * The month's contract: one line per product used, valid for the month. Values leave centavos
 * only here, as the JSON numbers Omie takes; a unit value is the line's total over its quantity
 * (Omie recomputes lines from it, so the total sent is the one that counts).
 */
export function contractOf(competencia: string, company: CompanyUsage, codigoClienteOmie: number): IncluirContratoParam {
  const year = Number(competencia.slice(0, 4));
  const month = Number(competencia.slice(5, 7));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const key = contractKeyOf(competencia, company.empresaId);
  const lines = PRODUCTS.filter(({ key: product }) => company[product].centavos > 0);
  const total = company.cobranca.centavos + company.pixpay.centavos;
  return {
    cabecalho: { cCodIntCtr: key, cNumCtr: key, nCodCli: codigoClienteOmie, dVigInicial: omieDate(year, month, 1), dVigFinal: omieDate(year, month, lastDay), nDiaFat: lastDay, nValTotMes: centavosToReais(total), cCodSit: '10' },
    itensContrato: lines.map(({ key: product, service, describe }, index) => {
      const { quantity, centavos } = company[product];
      return {
        itemCabecalho: { seq: index + 1, codServico: service, quant: quantity, valorUnit: quantity > 0 ? Math.round((centavos / quantity) * 100) / 10_000 : 0, valorTotal: centavosToReais(centavos) },
        itemDescrServ: { descrCompleta: describe(quantity) },
      };
    }),
  };
}
