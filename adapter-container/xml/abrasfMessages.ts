import { ABRASF_NS, ABRASF_VERSION, escapeXml, stripXmlDeclaration } from './abrasfNamespace';

/**
 * The `nfseDadosMsg` documents of the ABRASF 2.04 operations, as text. The RPS is embedded as
 * given (possibly signed), so it is never re-serialised.
 */

/** The `nfseCabecMsg` of every call. */
export function cabecalhoXml(): string {
  return `<cabecalho xmlns="${ABRASF_NS}" versao="${ABRASF_VERSION}"><versaoDados>${ABRASF_VERSION}</versaoDados></cabecalho>`;
}

/** The RPS element as given (its own xmlns keeps it in the ABRASF namespace when embedded). */
function rpsElement(rpsXml: string): string {
  return stripXmlDeclaration(rpsXml).trim();
}

function cpfCnpjXml(document: string): string {
  return `<CpfCnpj>${document.length === 11 ? `<Cpf>${escapeXml(document)}</Cpf>` : `<Cnpj>${escapeXml(document)}</Cnpj>`}</CpfCnpj>`;
}

/** The prestador as `tcIdentificacaoPessoaEmpresa`. */
export function prestadorXml(cnpj: string, inscricaoMunicipal?: string): string {
  const inscricao = inscricaoMunicipal === undefined ? '' : `<InscricaoMunicipal>${escapeXml(inscricaoMunicipal)}</InscricaoMunicipal>`;
  return `${cpfCnpjXml(cnpj)}${inscricao}`;
}

/** `GerarNfseEnvio`: issue one RPS synchronously. */
export function gerarNfseEnvioXml(rpsXml: string): string {
  return `<GerarNfseEnvio xmlns="${ABRASF_NS}">${rpsElement(rpsXml)}</GerarNfseEnvio>`;
}

/** What identifies a batch of one RPS. */
export interface LoteRpsFields {
  readonly numeroLote: number | bigint;
  readonly cnpj: string;
  readonly inscricaoMunicipal?: string;
}

/** `EnviarLoteRpsEnvio` with one RPS (RecepcionarLoteRps: asynchronous cities). */
export function enviarLoteRpsEnvioXml(rpsXml: string, lote: LoteRpsFields): string {
  return (
    `<EnviarLoteRpsEnvio xmlns="${ABRASF_NS}"><LoteRps Id="Lote${lote.numeroLote}" versao="${ABRASF_VERSION}">` +
    `<NumeroLote>${lote.numeroLote}</NumeroLote><Prestador>${prestadorXml(lote.cnpj, lote.inscricaoMunicipal)}</Prestador>` +
    `<QuantidadeRps>1</QuantidadeRps><ListaRps>${rpsElement(rpsXml)}</ListaRps></LoteRps></EnviarLoteRpsEnvio>`
  );
}

/** `ConsultarLoteRpsEnvio`: how did the batch with this protocol go. */
export function consultarLoteRpsEnvioXml(cnpj: string, protocolo: string, inscricaoMunicipal?: string): string {
  return `<ConsultarLoteRpsEnvio xmlns="${ABRASF_NS}"><Prestador>${prestadorXml(cnpj, inscricaoMunicipal)}</Prestador><Protocolo>${escapeXml(protocolo)}</Protocolo></ConsultarLoteRpsEnvio>`;
}

/** An RPS identity: number, series and type (1 = RPS). */
export interface RpsIdentity {
  readonly numero: number;
  readonly serie: string;
}

/** `ConsultarNfseRpsEnvio`: the NFS-e issued for this RPS, if any. */
export function consultarNfseRpsEnvioXml(rps: RpsIdentity, cnpj: string, inscricaoMunicipal?: string): string {
  return (
    `<ConsultarNfseRpsEnvio xmlns="${ABRASF_NS}"><IdentificacaoRps><Numero>${rps.numero}</Numero><Serie>${escapeXml(rps.serie)}</Serie><Tipo>1</Tipo></IdentificacaoRps>` +
    `<Prestador>${prestadorXml(cnpj, inscricaoMunicipal)}</Prestador></ConsultarNfseRpsEnvio>`
  );
}

/** What a cancellation names. */
export interface CancelamentoFields {
  readonly nfseNumber: string;
  readonly cnpj: string;
  readonly municipalityCode: string;
  /** ABRASF code: 1 erro na emissão, 2 serviço não prestado, 3 erro de assinatura, 4 duplicidade, 5 erro de processamento. */
  readonly reasonCode: number;
  readonly inscricaoMunicipal?: string;
}

/** The `Pedido` (tcPedidoCancelamento) of a cancellation: what `CancelarNfseEnvio` and `SubstituirNfseEnvio` carry. */
function pedidoXml(fields: CancelamentoFields): string {
  const inscricao = fields.inscricaoMunicipal === undefined ? '' : `<InscricaoMunicipal>${escapeXml(fields.inscricaoMunicipal)}</InscricaoMunicipal>`;
  return (
    `<Pedido><InfPedidoCancelamento Id="Cancel${escapeXml(fields.nfseNumber)}">` +
    `<IdentificacaoNfse><Numero>${escapeXml(fields.nfseNumber)}</Numero>${cpfCnpjXml(fields.cnpj)}${inscricao}` +
    `<CodigoMunicipio>${escapeXml(fields.municipalityCode)}</CodigoMunicipio></IdentificacaoNfse>` +
    `<CodigoCancelamento>${fields.reasonCode}</CodigoCancelamento></InfPedidoCancelamento></Pedido>`
  );
}

/** `CancelarNfseEnvio` (unsigned: a signer adds Signature after InfPedidoCancelamento). */
export function cancelarNfseEnvioXml(fields: CancelamentoFields): string {
  return `<CancelarNfseEnvio xmlns="${ABRASF_NS}">${pedidoXml(fields)}</CancelarNfseEnvio>`;
}

/** The `Id` of a substitution request's `SubstituicaoNfse`: the replaced NFS-e names it, as `Cancel{n}` names its Pedido. */
export function substituicaoNfseId(nfseNumber: string): string {
  return `Subst${nfseNumber}`;
}

/**
 * `SubstituirNfseEnvio`: the cancellation `Pedido` of the replaced NFS-e and the replacement RPS
 * (embedded as given, signed or not), in one `SubstituicaoNfse`. Unsigned here: a signer adds
 * Signature after InfPedidoCancelamento and after SubstituicaoNfse (the last child of the root).
 */
export function substituirNfseEnvioXml(rpsXml: string, replaced: CancelamentoFields): string {
  return (
    `<SubstituirNfseEnvio xmlns="${ABRASF_NS}"><SubstituicaoNfse Id="${escapeXml(substituicaoNfseId(replaced.nfseNumber))}">` +
    `${pedidoXml(replaced)}${rpsElement(rpsXml)}</SubstituicaoNfse></SubstituirNfseEnvio>`
  );
}
