import { readXml, type XmlView } from '../../xml/XmlReader';
import type { CityMessage } from '../errors';
import { rpsIdentityOf, type RpsIdentity } from './rpsIdentity';

/** An NFS-e as the city returned it: the fields we keep and the whole CompNfse document. */
export interface CityNfse {
  readonly nfseNumber: string;
  readonly verificationCode: string;
  /** `InfNfse/DataEmissao` as the city wrote it (often without a zone). */
  readonly issuedAt: string;
  /** The CompNfse element as a standalone XML document: the legal document to store. */
  readonly compNfseXml: string;
  /** True when the CompNfse carries a NfseCancelamento. */
  readonly cancelled: boolean;
  /** The declaration the NFS-e answers (`DeclaracaoPrestacaoServico`), when the city included it. */
  readonly declaration: RpsIdentity | undefined;
  /** `OrgaoGerador/CodigoMunicipio`: the municipality that issued it. */
  readonly issuedBy: string | undefined;
  /** `InfNfse/NfseSubstituida`: the number of the NFS-e this one replaced, when it replaced one. */
  readonly replaces: string | undefined;
  /** `NfseSubstituicao/SubstituicaoNfse/NfseSubstituidora`: the number of the NFS-e that replaced this one, when one did. */
  readonly replacedBy: string | undefined;
}

/** The city's messages, or an empty list. */
function messagesOf(root: XmlView): CityMessage[] {
  const list = root.name === 'ListaMensagemRetorno' ? root : root.find('ListaMensagemRetorno');
  const lote = root.find('ListaMensagemRetornoLote');
  const entries = [...(list?.findAll('MensagemRetorno') ?? []), ...(lote?.findAll('MensagemRetorno') ?? [])];
  return entries.map((entry) => {
    const correction = entry.text('Correcao');
    return { code: entry.text('Codigo') ?? 'UNKNOWN', message: entry.text('Mensagem') ?? '', ...(correction === undefined ? {} : { correction }) };
  });
}

function nfseOf(compNfse: XmlView): CityNfse | undefined {
  const inf = compNfse.child('Nfse', 'InfNfse');
  const nfseNumber = inf?.text('Numero');
  const verificationCode = inf?.text('CodigoVerificacao');
  const issuedAt = inf?.text('DataEmissao');
  if (nfseNumber === undefined || verificationCode === undefined || issuedAt === undefined) return undefined;
  const declaration = inf?.child('DeclaracaoPrestacaoServico', 'InfDeclaracaoPrestacaoServico');
  return {
    nfseNumber,
    verificationCode,
    issuedAt,
    compNfseXml: compNfse.toXml(),
    cancelled: compNfse.child('NfseCancelamento') !== undefined,
    declaration: declaration === undefined ? undefined : rpsIdentityOf(declaration),
    issuedBy: inf?.text('OrgaoGerador', 'CodigoMunicipio'),
    replaces: inf?.text('NfseSubstituida'),
    replacedBy: compNfse.text('NfseSubstituicao', 'SubstituicaoNfse', 'NfseSubstituidora'),
  };
}

/** Either an NFS-e or the city's messages (GerarNfse, ConsultarNfsePorRps). */
export type NfseAnswer = { readonly kind: 'nfse'; readonly nfse: CityNfse } | { readonly kind: 'messages'; readonly messages: CityMessage[] };

function nfseAnswer(root: XmlView): NfseAnswer {
  const compNfse = root.name === 'CompNfse' ? root : root.find('CompNfse');
  const nfse = compNfse === undefined ? undefined : nfseOf(compNfse);
  return nfse !== undefined ? { kind: 'nfse', nfse } : { kind: 'messages', messages: messagesOf(root) };
}

/** `GerarNfseResposta` → the NFS-e or the rejection messages. */
export function parseGerarNfseResposta(xml: string): NfseAnswer {
  return readXml(xml, nfseAnswer);
}

/** `ConsultarNfseRpsResposta` → the NFS-e or messages (e.g. "RPS não encontrado"). */
export function parseConsultarNfseRpsResposta(xml: string): NfseAnswer {
  return readXml(xml, nfseAnswer);
}

/** `EnviarLoteRpsResposta` → the protocol or the rejection messages. */
export type LoteAnswer =
  | { readonly kind: 'received'; readonly protocol: string; readonly receivedAt: string; readonly numeroLote?: string }
  | { readonly kind: 'messages'; readonly messages: CityMessage[] };

export function parseEnviarLoteRpsResposta(xml: string): LoteAnswer {
  return readXml(xml, (root): LoteAnswer => {
    const protocol = root.text('Protocolo');
    const receivedAt = root.text('DataRecebimento');
    if (protocol !== undefined && receivedAt !== undefined) {
      const numeroLote = root.text('NumeroLote');
      return { kind: 'received', protocol, receivedAt, ...(numeroLote === undefined ? {} : { numeroLote }) };
    }
    return { kind: 'messages', messages: messagesOf(root) };
  });
}

/** ABRASF `tsSituacaoLoteRps`: 1 não recebido, 2 não processado, 3 processado com erro, 4 processado com sucesso. */
export const SITUACAO_LOTE = { naoRecebido: '1', naoProcessado: '2', processadoComErro: '3', processadoComSucesso: '4' } as const;

/** `ConsultarLoteRpsResposta`: the batch's situation, its NFS-e and/or messages. */
export interface LoteStatus {
  readonly situacao: string | undefined;
  readonly nfse: CityNfse | undefined;
  readonly messages: CityMessage[];
}

export function parseConsultarLoteRpsResposta(xml: string): LoteStatus {
  return readXml(xml, (root): LoteStatus => {
    const compNfse = root.find('CompNfse');
    return { situacao: root.text('Situacao'), nfse: compNfse === undefined ? undefined : nfseOf(compNfse), messages: messagesOf(root) };
  });
}

/** `CancelarNfseResposta` → when it was cancelled, or the messages. */
export type CancelAnswer = { readonly kind: 'cancelled'; readonly cancelledAt: string } | { readonly kind: 'messages'; readonly messages: CityMessage[] };

export function parseCancelarNfseResposta(xml: string): CancelAnswer {
  return readXml(xml, (root): CancelAnswer => {
    const cancelledAt = root.find('Confirmacao')?.text('DataHora');
    return cancelledAt !== undefined ? { kind: 'cancelled', cancelledAt } : { kind: 'messages', messages: messagesOf(root) };
  });
}

/** `SubstituirNfseResposta` → the replaced NFS-e (now cancelled) and the one that replaces it, or the messages. */
export type SubstituicaoAnswer =
  | { readonly kind: 'substituted'; readonly replaced: CityNfse; readonly replacing: CityNfse }
  | { readonly kind: 'messages'; readonly messages: CityMessage[] };

export function parseSubstituirNfseResposta(xml: string): SubstituicaoAnswer {
  return readXml(xml, (root): SubstituicaoAnswer => {
    const ret = root.child('RetSubstituicao');
    const replacedNode = ret?.child('NfseSubstituida', 'CompNfse');
    const replacingNode = ret?.child('NfseSubstituidora', 'CompNfse');
    const replaced = replacedNode === undefined ? undefined : nfseOf(replacedNode);
    const replacing = replacingNode === undefined ? undefined : nfseOf(replacingNode);
    if (replaced !== undefined && replacing !== undefined) return { kind: 'substituted', replaced, replacing };
    return { kind: 'messages', messages: messagesOf(root) };
  });
}
