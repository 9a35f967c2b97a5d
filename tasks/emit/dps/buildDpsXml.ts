import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { Company } from '../../../contracts/company';
import type { Tomador } from '../../../contracts/emitInvoiceRequest';
import type { InvoiceRecord } from '../../../contracts/invoiceRecord';
import { formatMoney } from '../rps/money';
import { dpsId } from './dpsId';

/** The national layout's namespace and version (DPS_v1.01.xsd). */
export const NFSE_NACIONAL_NS = 'http://www.sped.fazenda.gov.br/nfse';
export const DPS_VERSION = '1.01';

/** The invoice fields a DPS is built from. */
export type DpsInvoice = Pick<InvoiceRecord, 'invoiceId' | 'companyCnpj' | 'municipalityCode' | 'total' | 'service' | 'tomador' | 'competence' | 'rps' | 'createdAt'>;

/** The prestador's fields a DPS declares (from the company record). */
export type DpsPrestador = Pick<Company, 'cnpj' | 'inscricaoMunicipal' | 'municipalityCode' | 'taxRegime' | 'defaultService'>;

/** Where the DPS goes and who wrote it. */
export interface DpsOptions {
  /** `tpAmb`: 1 produção, 2 produção restrita (homologação). */
  readonly environment: 'producao' | 'homologacao';
  /** `verAplic`, 1-20 characters. @default 'nfse-flow' */
  readonly appVersion?: string;
  /** The NFS-e this DPS replaces: its `subst` group. @default none (a plain emission) */
  readonly substitutes?: DpsSubstitution;
}

/** The `subst` group (`TCSubstituicao`): the replaced NFS-e's key, `cMotivo` (1–5, 99) and the optional `xMotivo`. */
export interface DpsSubstitution {
  readonly chaveAcesso: string;
  readonly reasonCode: number;
  readonly reason?: string;
}

/** Brazil's civil time, UTC−3 (no daylight saving since 2019). */
const BRASILIA_OFFSET_MS = -3 * 60 * 60 * 1000;

/** `dhEmi`: the emission time in Brasília with its offset, to the second (TSDateTimeUTC). */
export function brasiliaDateTime(isoTimestamp: string): string {
  return `${new Date(Date.parse(isoTimestamp) + BRASILIA_OFFSET_MS).toISOString().slice(0, 19)}-03:00`;
}

const OP_SIMP_NAC = { naoOptante: '1', mei: '2', meEpp: '3' } as const;
const REG_AP_TRIB_SN = { federaisEMunicipalPeloSn: '1', federaisPeloSnIssForaDoSn: '2', federaisEMunicipalForaDoSn: '3' } as const;
const REG_ESP_TRIB = { nenhum: '0', atoCooperado: '1', estimativa: '2', microempresaMunicipal: '3', notarioRegistrador: '4', profissionalAutonomo: '5', sociedadeProfissionais: '6', outros: '9' } as const;

/**
 * `cTribNac`: the company's national code when it has one, else the LC 116 item and subitem with
 * the national breakdown `01` ("01.07" → "010701").
 */
export function nationalTaxCode(serviceCode: string, prestador: DpsPrestador): string {
  const configured = prestador.defaultService?.code === serviceCode ? prestador.defaultService.nationalTaxCode : undefined;
  return configured ?? `${serviceCode.replace('.', '')}01`;
}

function addTomador(parent: XMLBuilder, tomador: Tomador): void {
  const toma = parent.ele('toma');
  toma.ele(tomador.document.length === 11 ? 'CPF' : 'CNPJ').txt(tomador.document);
  toma.ele('xNome').txt(tomador.name);
  const address = tomador.address;
  if (address !== undefined) {
    const end = toma.ele('end');
    const nacional = end.ele('endNac');
    nacional.ele('cMun').txt(address.municipalityCode);
    nacional.ele('CEP').txt(address.postalCode);
    end.ele('xLgr').txt(address.street);
    end.ele('nro').txt(address.number);
    if (address.complement !== undefined && address.complement !== '') end.ele('xCpl').txt(address.complement);
    end.ele('xBairro').txt(address.district);
  }
  if (tomador.email !== undefined) toma.ele('email').txt(tomador.email);
}

/**
 * Builds the NFS-e Nacional DPS (layout 1.01) of an invoice, unsigned: the adapter signs `infDPS`
 * (whose deterministic `Id` it also uses to ask whether the DPS already has an NFS-e), gzips and
 * sends it. The prestador's identity and tax regime come from the company record; its name and
 * address are left to the national registry (CNC), as the prestador is the emitter.
 */
export function buildDpsXml(invoice: DpsInvoice, prestador: DpsPrestador, options: DpsOptions): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NFSE_NACIONAL_NS, 'DPS', { versao: DPS_VERSION });
  const inf = root.ele('infDPS', { Id: dpsId({ municipalityCode: prestador.municipalityCode, document: invoice.companyCnpj, serie: invoice.rps.serie, numero: invoice.rps.numero }) });
  inf.ele('tpAmb').txt(options.environment === 'producao' ? '1' : '2');
  inf.ele('dhEmi').txt(brasiliaDateTime(invoice.createdAt));
  inf.ele('verAplic').txt(options.appVersion ?? 'nfse-flow');
  inf.ele('serie').txt(invoice.rps.serie);
  inf.ele('nDPS').txt(String(invoice.rps.numero));
  inf.ele('dCompet').txt(invoice.competence);
  inf.ele('tpEmit').txt('1');
  inf.ele('cLocEmi').txt(prestador.municipalityCode);
  if (options.substitutes !== undefined) {
    const subst = inf.ele('subst');
    subst.ele('chSubstda').txt(options.substitutes.chaveAcesso);
    // TSCodJustSubst is two digits: 01 … 05, 99.
    subst.ele('cMotivo').txt(String(options.substitutes.reasonCode).padStart(2, '0'));
    if (options.substitutes.reason !== undefined) subst.ele('xMotivo').txt(options.substitutes.reason);
  }

  const prest = inf.ele('prest');
  prest.ele('CNPJ').txt(invoice.companyCnpj);
  if (prestador.inscricaoMunicipal !== undefined) prest.ele('IM').txt(prestador.inscricaoMunicipal);
  const regTrib = prest.ele('regTrib');
  const regime = prestador.taxRegime;
  regTrib.ele('opSimpNac').txt(OP_SIMP_NAC[regime.simplesNacional]);
  if (regime.simplesNacional === 'meEpp') regTrib.ele('regApTribSN').txt(REG_AP_TRIB_SN[regime.simplesNacionalApuracao ?? 'federaisEMunicipalPeloSn']);
  regTrib.ele('regEspTrib').txt(REG_ESP_TRIB[regime.regimeEspecial]);

  addTomador(inf, invoice.tomador);

  const serv = inf.ele('serv');
  serv.ele('locPrest').ele('cLocPrestacao').txt(invoice.municipalityCode);
  const cServ = serv.ele('cServ');
  cServ.ele('cTribNac').txt(nationalTaxCode(invoice.service.code, prestador));
  if (invoice.service.municipalTaxCode !== undefined) cServ.ele('cTribMun').txt(invoice.service.municipalTaxCode);
  cServ.ele('xDescServ').txt(invoice.service.description);

  const valores = inf.ele('valores');
  valores.ele('vServPrest').ele('vServ').txt(formatMoney(invoice.total));
  const trib = valores.ele('trib');
  const tribMun = trib.ele('tribMun');
  tribMun.ele('tribISSQN').txt('1'); // operação tributável
  tribMun.ele('tpRetISSQN').txt(invoice.service.issWithheld ? '2' : '1');
  // The national system reads the rate from the municipality's parameters; we declare none.
  trib.ele('totTrib').ele('indTotTrib').txt('0');

  return root.end({ headless: true });
}
