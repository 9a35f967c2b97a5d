import { ABRASF_NS, ABRASF_VERSION, escapeXml } from '../../adapter-container/xml/abrasfNamespace';

/** One MensagemRetorno. `Mensagem`/`Correcao` are cut to the XSD's 200 characters. */
export interface MockMessage {
  readonly code: string;
  readonly message: string;
  readonly correction?: string;
}

/** The IBGE state prefix of a municipality code → UF. */
const UF_BY_PREFIX: Record<string, string> = {
  '11': 'RO', '12': 'AC', '13': 'AM', '14': 'RR', '15': 'PA', '16': 'AP', '17': 'TO', '21': 'MA', '22': 'PI', '23': 'CE', '24': 'RN',
  '25': 'PB', '26': 'PE', '27': 'AL', '28': 'SE', '29': 'BA', '31': 'MG', '32': 'ES', '33': 'RJ', '35': 'SP', '41': 'PR', '42': 'SC',
  '43': 'RS', '50': 'MS', '51': 'MT', '52': 'GO', '53': 'DF',
};

/** The state of an IBGE municipality code (SP when unknown). */
export function ufOf(municipalityCode: string): string {
  return UF_BY_PREFIX[municipalityCode.slice(0, 2)] ?? 'SP';
}

function cut(text: string): string {
  return escapeXml(text.length > 200 ? `${text.slice(0, 197)}...` : text);
}

/** `ListaMensagemRetorno` (unqualified: it sits inside a root that declares the namespace). */
export function listaMensagemRetornoXml(messages: readonly MockMessage[]): string {
  const entries = messages
    .map((m) => `<MensagemRetorno><Codigo>${escapeXml(m.code)}</Codigo><Mensagem>${cut(m.message)}</Mensagem>${m.correction === undefined ? '' : `<Correcao>${cut(m.correction)}</Correcao>`}</MensagemRetorno>`)
    .join('');
  return `<ListaMensagemRetorno>${entries}</ListaMensagemRetorno>`;
}

/** A document `<{root} xmlns=ABRASF>{inner}</{root}>`. */
export function respostaXml(root: string, inner: string): string {
  return `<${root} xmlns="${ABRASF_NS}">${inner}</${root}>`;
}

/** The fields of an NFS-e the mock issued. */
export interface MockNfseFields {
  readonly numero: number;
  readonly codigoVerificacao: string;
  /** Brasília local time without zone, as many city systems write it. */
  readonly dataEmissao: string;
  readonly municipalityCode: string;
  readonly cnpj: string;
  readonly valorServicos: string;
  readonly aliquota?: string;
  readonly valorIss?: string;
  /** The RPS's InfDeclaracaoPrestacaoServico (and Signature) as received. */
  readonly declaracaoXml: string;
  /** The number of the NFS-e this one replaced (SubstituirNfse). */
  readonly nfseSubstituida?: number;
}

/** How an NFS-e was cancelled: by CancelarNfse, or by SubstituirNfse (`substitutedBy`: the number of the NFS-e that replaced it). */
export interface MockCancelamento {
  readonly reasonCode: string;
  readonly dataHora: string;
  readonly substitutedBy?: number;
}

/** The InfPedidoCancelamento of a cancellation. */
export function infPedidoCancelamentoXml(nfse: Pick<MockNfseFields, 'numero' | 'cnpj' | 'municipalityCode'>, reasonCode: string): string {
  const doc = nfse.cnpj.length === 11 ? `<Cpf>${escapeXml(nfse.cnpj)}</Cpf>` : `<Cnpj>${escapeXml(nfse.cnpj)}</Cnpj>`;
  return (
    `<InfPedidoCancelamento Id="Cancel${nfse.numero}"><IdentificacaoNfse><Numero>${nfse.numero}</Numero><CpfCnpj>${doc}</CpfCnpj>` +
    `<CodigoMunicipio>${nfse.municipalityCode}</CodigoMunicipio></IdentificacaoNfse><CodigoCancelamento>${escapeXml(reasonCode)}</CodigoCancelamento></InfPedidoCancelamento>`
  );
}

/** `NfseCancelamento` (tcCancelamentoNfse). */
export function nfseCancelamentoXml(nfse: Pick<MockNfseFields, 'numero' | 'cnpj' | 'municipalityCode'>, reasonCode: string, dataHora: string): string {
  return `<NfseCancelamento versao="${ABRASF_VERSION}"><Confirmacao><Pedido>${infPedidoCancelamentoXml(nfse, reasonCode)}</Pedido><DataHora>${dataHora}</DataHora></Confirmacao></NfseCancelamento>`;
}

/** A CompNfse as a standalone document (optionally with its cancellation, and the NFS-e that replaced it). */
export function compNfseXml(nfse: MockNfseFields, cancelamento?: MockCancelamento): string {
  const uf = ufOf(nfse.municipalityCode);
  const valores =
    `<ValoresNfse><BaseCalculo>${nfse.valorServicos}</BaseCalculo>` +
    `${nfse.aliquota === undefined ? '' : `<Aliquota>${nfse.aliquota}</Aliquota>`}${nfse.valorIss === undefined ? '' : `<ValorIss>${nfse.valorIss}</ValorIss>`}` +
    `<ValorLiquidoNfse>${nfse.valorServicos}</ValorLiquidoNfse></ValoresNfse>`;
  const prestador =
    `<PrestadorServico><RazaoSocial>Prestador ${escapeXml(nfse.cnpj)}</RazaoSocial><Endereco><Endereco>Rua do Provedor Simulado</Endereco><Numero>1</Numero>` +
    `<Bairro>Centro</Bairro><CodigoMunicipio>${nfse.municipalityCode}</CodigoMunicipio><Uf>${uf}</Uf><Cep>01001000</Cep></Endereco></PrestadorServico>`;
  const inf =
    `<InfNfse Id="Nfse${nfse.numero}"><Numero>${nfse.numero}</Numero><CodigoVerificacao>${nfse.codigoVerificacao}</CodigoVerificacao>` +
    `<DataEmissao>${nfse.dataEmissao}</DataEmissao>${nfse.nfseSubstituida === undefined ? '' : `<NfseSubstituida>${nfse.nfseSubstituida}</NfseSubstituida>`}${valores}${prestador}` +
    `<OrgaoGerador><CodigoMunicipio>${nfse.municipalityCode}</CodigoMunicipio><Uf>${uf}</Uf></OrgaoGerador>` +
    `<DeclaracaoPrestacaoServico>${nfse.declaracaoXml}</DeclaracaoPrestacaoServico></InfNfse>`;
  const cancel = cancelamento === undefined ? '' : nfseCancelamentoXml(nfse, cancelamento.reasonCode, cancelamento.dataHora);
  const substituicao =
    cancelamento?.substitutedBy === undefined
      ? ''
      : `<NfseSubstituicao versao="${ABRASF_VERSION}"><SubstituicaoNfse Id="Subst${nfse.numero}"><NfseSubstituidora>${cancelamento.substitutedBy}</NfseSubstituidora></SubstituicaoNfse></NfseSubstituicao>`;
  return `<CompNfse xmlns="${ABRASF_NS}"><Nfse versao="${ABRASF_VERSION}">${inf}</Nfse>${cancel}${substituicao}</CompNfse>`;
}

/** Brasília local time (UTC−3) without zone: `2026-11-23T09:00:00` (`millis`: `2026-11-23T09:00:00.412`). */
export function brasiliaLocal(epochMs: number, options: { readonly millis?: boolean } = {}): string {
  return new Date(epochMs - 3 * 60 * 60 * 1000).toISOString().slice(0, options.millis === true ? 23 : 19);
}
