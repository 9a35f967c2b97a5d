import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { Tomador } from '../../../contracts/emitInvoiceRequest';
import type { InvoiceRecord } from '../../../contracts/invoiceRecord';
import { formatCents, formatMoney, formatRate, issCents } from './money';

/**
 * ABRASF 2.04 values the RPS is built with (nfse_v204.xsd). The emit task builds the RPS once;
 * the adapter only wraps and sends it, with its own copy of the namespace for its envelopes.
 */
const ABRASF_NS = 'http://www.abrasf.org.br/nfse.xsd';

/** ABRASF yes/no (`tsSimNao`): 1 = sim, 2 = não. */
const SIM_NAO = { sim: '1', nao: '2' } as const;

/** The invoice fields an RPS is built from. */
export type RpsInvoice = Pick<InvoiceRecord, 'invoiceId' | 'companyCnpj' | 'municipalityCode' | 'total' | 'service' | 'tomador' | 'competence' | 'rps' | 'createdAt'>;

/** What the invoice record does not hold but some cities require. */
export interface RpsXmlOptions {
  /** The prestador's inscrição municipal. @default omitted */
  readonly inscricaoMunicipal?: string;
  /** Whether the prestador opted into Simples Nacional. @default false */
  readonly optanteSimplesNacional?: boolean;
  /** Whether the prestador has a fiscal incentive. @default false */
  readonly incentivoFiscal?: boolean;
  /** ExigibilidadeISS (1 exigível ... 7). @default 1 */
  readonly exigibilidadeIss?: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  /** RegimeEspecialTributacao (1 microempresa municipal ... 6 ME/EPP). @default omitted */
  readonly regimeEspecialTributacao?: 1 | 2 | 3 | 4 | 5 | 6;
}

/** Brazil's civil time (UTC−3 since 2019, no DST): an RPS is dated by the city's calendar day. */
const BRASILIA_OFFSET_MS = -3 * 60 * 60 * 1000;

function brasiliaDate(isoTimestamp: string): string {
  return new Date(Date.parse(isoTimestamp) + BRASILIA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The `Id` of an RPS's InfDeclaracaoPrestacaoServico: what an XML-DSig Reference URI points at. */
export function rpsElementId(invoiceId: string): string {
  return `Rps${invoiceId}`;
}

function addCpfCnpj(parent: XMLBuilder, document: string): void {
  parent
    .ele('CpfCnpj')
    .ele(document.length === 11 ? 'Cpf' : 'Cnpj')
    .txt(document);
}

function addTomador(parent: XMLBuilder, tomador: Tomador): void {
  const node = parent.ele('TomadorServico');
  addCpfCnpj(node.ele('IdentificacaoTomador'), tomador.document);
  node.ele('RazaoSocial').txt(tomador.name);
  const address = tomador.address;
  if (address !== undefined) {
    const endereco = node.ele('Endereco');
    endereco.ele('Endereco').txt(address.street);
    endereco.ele('Numero').txt(address.number);
    if (address.complement !== undefined && address.complement !== '') endereco.ele('Complemento').txt(address.complement);
    endereco.ele('Bairro').txt(address.district);
    endereco.ele('CodigoMunicipio').txt(address.municipalityCode);
    endereco.ele('Uf').txt(address.state);
    endereco.ele('Cep').txt(address.postalCode);
  }
  if (tomador.email !== undefined) node.ele('Contato').ele('Email').txt(tomador.email);
}

/**
 * Builds the ABRASF 2.04 `Rps` (tcDeclaracaoPrestacaoServico) of an invoice: the element that
 * `GerarNfseEnvio` and `EnviarLoteRpsEnvio/LoteRps/ListaRps` wrap. Unsigned: a signer (A1
 * certificate) adds `Signature` after InfDeclaracaoPrestacaoServico, whose `Id` it references.
 */
export function buildRpsXml(invoice: RpsInvoice, options: RpsXmlOptions = {}): string {
  const root = create().ele(ABRASF_NS, 'Rps');
  const inf = root.ele('InfDeclaracaoPrestacaoServico', { Id: rpsElementId(invoice.invoiceId) });

  const rps = inf.ele('Rps');
  const identificacao = rps.ele('IdentificacaoRps');
  identificacao.ele('Numero').txt(String(invoice.rps.numero));
  identificacao.ele('Serie').txt(invoice.rps.serie);
  identificacao.ele('Tipo').txt('1');
  rps.ele('DataEmissao').txt(brasiliaDate(invoice.createdAt));
  rps.ele('Status').txt('1');

  inf.ele('Competencia').txt(invoice.competence);

  const { service } = invoice;
  const servico = inf.ele('Servico');
  const valores = servico.ele('Valores');
  valores.ele('ValorServicos').txt(formatMoney(invoice.total));
  valores.ele('ValorIss').txt(formatCents(issCents(invoice.total, service.issRate)));
  valores.ele('Aliquota').txt(formatRate(service.issRate));
  servico.ele('IssRetido').txt(service.issWithheld ? SIM_NAO.sim : SIM_NAO.nao);
  if (service.issWithheld) servico.ele('ResponsavelRetencao').txt('1'); // the tomador withholds
  servico.ele('ItemListaServico').txt(service.code);
  if (service.municipalTaxCode !== undefined) servico.ele('CodigoTributacaoMunicipio').txt(service.municipalTaxCode);
  servico.ele('Discriminacao').txt(service.description);
  servico.ele('CodigoMunicipio').txt(invoice.municipalityCode);
  servico.ele('ExigibilidadeISS').txt(String(options.exigibilidadeIss ?? 1));
  servico.ele('MunicipioIncidencia').txt(invoice.municipalityCode);

  const prestador = inf.ele('Prestador');
  addCpfCnpj(prestador, invoice.companyCnpj);
  if (options.inscricaoMunicipal !== undefined) prestador.ele('InscricaoMunicipal').txt(options.inscricaoMunicipal);

  addTomador(inf, invoice.tomador);

  if (options.regimeEspecialTributacao !== undefined) inf.ele('RegimeEspecialTributacao').txt(String(options.regimeEspecialTributacao));
  inf.ele('OptanteSimplesNacional').txt(options.optanteSimplesNacional === true ? SIM_NAO.sim : SIM_NAO.nao);
  inf.ele('IncentivoFiscal').txt(options.incentivoFiscal === true ? SIM_NAO.sim : SIM_NAO.nao);

  return root.end({ headless: true });
}
