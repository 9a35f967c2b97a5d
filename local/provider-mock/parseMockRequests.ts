import { readXml, type XmlView } from '../../adapter-container/xml/XmlReader';

/** Which RPS: the prestador's document, the series and the number. */
export interface RpsId {
  readonly cnpj: string;
  readonly serie: string;
  readonly numero: string;
}

/** One RPS as the mock reads it from GerarNfseEnvio or a LoteRps. */
export interface ReceivedRps extends RpsId {
  readonly numero: string;
  readonly serie: string;
  readonly cnpj: string;
  readonly municipalityCode: string;
  readonly valorServicos: string;
  readonly aliquota?: string;
  readonly valorIss?: string;
  /** InfDeclaracaoPrestacaoServico (+ Signature) as received, to embed in the CompNfse. */
  readonly declaracaoXml: string;
}

function documentOf(identificacao: XmlView | undefined): string | undefined {
  return identificacao?.text('CpfCnpj', 'Cnpj') ?? identificacao?.text('CpfCnpj', 'Cpf');
}

function receivedRps(rps: XmlView): ReceivedRps | undefined {
  const inf = rps.child('InfDeclaracaoPrestacaoServico');
  if (inf === undefined) return undefined;
  const numero = inf.text('Rps', 'IdentificacaoRps', 'Numero');
  const serie = inf.text('Rps', 'IdentificacaoRps', 'Serie');
  const cnpj = documentOf(inf.child('Prestador'));
  const municipalityCode = inf.text('Servico', 'CodigoMunicipio');
  const valorServicos = inf.text('Servico', 'Valores', 'ValorServicos');
  if (numero === undefined || serie === undefined || cnpj === undefined || municipalityCode === undefined || valorServicos === undefined) return undefined;
  const signature = rps.child('Signature');
  const aliquota = inf.text('Servico', 'Valores', 'Aliquota');
  const valorIss = inf.text('Servico', 'Valores', 'ValorIss');
  return {
    numero,
    serie,
    cnpj,
    municipalityCode,
    valorServicos,
    ...(aliquota === undefined ? {} : { aliquota }),
    ...(valorIss === undefined ? {} : { valorIss }),
    declaracaoXml: inf.toXml() + (signature === undefined ? '' : signature.toXml()),
  };
}

/** The requests of the six operations, as the mock needs them. */
export type MockRequest =
  | { readonly operation: 'GerarNfse'; readonly rps: ReceivedRps }
  | { readonly operation: 'RecepcionarLoteRps'; readonly numeroLote: string; readonly cnpj: string; readonly rps: readonly ReceivedRps[] }
  | { readonly operation: 'ConsultarLoteRps'; readonly cnpj: string; readonly protocolo: string }
  | { readonly operation: 'ConsultarNfsePorRps'; readonly rps: RpsId }
  | { readonly operation: 'CancelarNfse'; readonly numero: string; readonly cnpj: string; readonly municipalityCode: string; readonly reasonCode: string }
  | { readonly operation: 'SubstituirNfse'; readonly rps: ReceivedRps; readonly replaced: CancellationRequest };

/** What a cancellation `Pedido` names: the NFS-e (number, prestador, municipality) and the reason code. */
export interface CancellationRequest {
  readonly numero: string;
  readonly cnpj: string;
  readonly municipalityCode: string;
  readonly reasonCode: string;
}

function cancellationOf(pedido: XmlView | undefined): CancellationRequest | undefined {
  const inf = pedido?.child('InfPedidoCancelamento');
  const numero = inf?.text('IdentificacaoNfse', 'Numero');
  const cnpj = documentOf(inf?.child('IdentificacaoNfse'));
  const municipalityCode = inf?.text('IdentificacaoNfse', 'CodigoMunicipio');
  const reasonCode = inf?.text('CodigoCancelamento');
  if (numero === undefined || cnpj === undefined || municipalityCode === undefined || reasonCode === undefined) return undefined;
  return { numero, cnpj, municipalityCode, reasonCode };
}

const ROOTS: Record<MockRequest['operation'], string> = {
  GerarNfse: 'GerarNfseEnvio',
  RecepcionarLoteRps: 'EnviarLoteRpsEnvio',
  ConsultarLoteRps: 'ConsultarLoteRpsEnvio',
  ConsultarNfsePorRps: 'ConsultarNfseRpsEnvio',
  CancelarNfse: 'CancelarNfseEnvio',
  SubstituirNfse: 'SubstituirNfseEnvio',
};

function read(operation: MockRequest['operation'], root: XmlView): MockRequest | undefined {
  switch (operation) {
    case 'GerarNfse': {
      const rps = root.child('Rps');
      const parsed = rps === undefined ? undefined : receivedRps(rps);
      return parsed === undefined ? undefined : { operation, rps: parsed };
    }
    case 'RecepcionarLoteRps': {
      const lote = root.child('LoteRps');
      const numeroLote = lote?.text('NumeroLote');
      const cnpj = documentOf(lote?.child('Prestador'));
      const rps = (lote?.child('ListaRps')?.findAll('Rps') ?? []).filter((node) => node.child('InfDeclaracaoPrestacaoServico') !== undefined).map(receivedRps);
      if (numeroLote === undefined || cnpj === undefined || rps.length === 0 || rps.some((entry) => entry === undefined)) return undefined;
      return { operation, numeroLote, cnpj, rps: rps.filter((entry): entry is ReceivedRps => entry !== undefined) };
    }
    case 'ConsultarLoteRps': {
      const cnpj = documentOf(root.child('Prestador'));
      const protocolo = root.text('Protocolo');
      return cnpj === undefined || protocolo === undefined ? undefined : { operation, cnpj, protocolo };
    }
    case 'ConsultarNfsePorRps': {
      const numero = root.text('IdentificacaoRps', 'Numero');
      const serie = root.text('IdentificacaoRps', 'Serie');
      const cnpj = documentOf(root.child('Prestador'));
      return numero === undefined || serie === undefined || cnpj === undefined ? undefined : { operation, rps: { cnpj, serie, numero } };
    }
    case 'CancelarNfse': {
      const pedido = cancellationOf(root.child('Pedido'));
      return pedido === undefined ? undefined : { operation, ...pedido };
    }
    case 'SubstituirNfse': {
      const substituicao = root.child('SubstituicaoNfse');
      const replaced = cancellationOf(substituicao?.child('Pedido'));
      const rpsNode = substituicao?.child('Rps');
      const rps = rpsNode === undefined ? undefined : receivedRps(rpsNode);
      return replaced === undefined || rps === undefined ? undefined : { operation, rps, replaced };
    }
  }
}

/** Reads an nfseDadosMsg; undefined when it is not the operation's document or lacks a field. Throws XmlReadError when not XML. */
export function parseMockRequest(operation: MockRequest['operation'], dadosXml: string): MockRequest | undefined {
  return readXml(dadosXml, (root) => (root.name === ROOTS[operation] ? read(operation, root) : undefined));
}

/** The RPS a request is about (for per-RPS stats), if any. */
export function rpsOf(request: MockRequest | undefined): RpsId | undefined {
  switch (request?.operation) {
    case 'GerarNfse':
    case 'ConsultarNfsePorRps':
    case 'SubstituirNfse':
      return request.rps;
    case 'RecepcionarLoteRps':
      return request.rps[0];
    default:
      return undefined;
  }
}
