import { XmlDsigSigner } from '../../../adapter-container/xml/XmlDsigSigner';

const NS = 'http://www.sped.fazenda.gov.br/nfse';

/** IBGE state codes (the first two digits of a municipality's code) and their UF. */
const UF_BY_CODE: Readonly<Record<string, string>> = {
  '11': 'RO', '12': 'AC', '13': 'AM', '14': 'RR', '15': 'PA', '16': 'AP', '17': 'TO', '21': 'MA', '22': 'PI', '23': 'CE', '24': 'RN', '25': 'PB', '26': 'PE', '27': 'AL', '28': 'SE', '29': 'BA',
  '31': 'MG', '32': 'ES', '33': 'RJ', '35': 'SP', '41': 'PR', '42': 'SC', '43': 'RS', '50': 'MS', '51': 'MT', '52': 'GO', '53': 'DF',
};

/** The UF of an IBGE municipality code. */
export function ufOf(municipalityCode: string): string {
  return UF_BY_CODE[municipalityCode.slice(0, 2)] ?? 'DF';
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A document's root element without its XML declaration, to embed it in another. */
export function withoutDeclaration(xml: string): string {
  return xml.replace(/^\s*<\?xml[^>]*\?>\s*/, '');
}

/** Brasília civil time (UTC−3) as `TSDateTimeUTC`. */
export function brasiliaTimestamp(instant: Date): string {
  return `${new Date(instant.getTime() - 3 * 3_600_000).toISOString().slice(0, 19)}-03:00`;
}

/** What the national system adds to a DPS to make the NFS-e. */
export interface NfseFacts {
  readonly chaveAcesso: string;
  readonly nfseNumber: number;
  readonly documentNumber: number;
  readonly processedAt: Date;
  /** The emitter's municipality (cLocEmi) and where the service was provided. */
  readonly municipalityCode: string;
  readonly servicePlace: string;
  readonly municipalityName: (code: string) => string;
  /** The prestador as the national registry (CNC) knows it: its CNPJ/CPF, IM, name. */
  readonly prestador: { readonly document: string; readonly im?: string; readonly name: string };
  readonly value: string;
  /** The DPS as received, signed. */
  readonly dpsXml: string;
}

/**
 * The NFS-e (layout 1.01, `NFSe_v1.01.xsd`) the mock generates from an accepted DPS, signed with
 * the mock's own key as the national system signs its notes. The prestador's address comes from
 * the national registry (CNC), which the mock does not have: it states a fixed one.
 */
export function nfseXml(facts: NfseFacts, signer: XmlDsigSigner): string {
  const id = `NFS${facts.chaveAcesso}`;
  const document = facts.prestador.document.length === 11 ? 'CPF' : 'CNPJ';
  const xml = [
    `<NFSe xmlns="${NS}" versao="1.01">`,
    `<infNFSe Id="${id}">`,
    `<xLocEmi>${escape(facts.municipalityName(facts.municipalityCode))}</xLocEmi>`,
    `<xLocPrestacao>${escape(facts.municipalityName(facts.servicePlace))}</xLocPrestacao>`,
    `<nNFSe>${facts.nfseNumber}</nNFSe>`,
    `<cLocIncid>${facts.servicePlace}</cLocIncid>`,
    `<xLocIncid>${escape(facts.municipalityName(facts.servicePlace))}</xLocIncid>`,
    '<xTribNac>Serviço tributável (mock)</xTribNac>',
    '<verAplic>SefinNacional-mock</verAplic>',
    '<ambGer>2</ambGer>',
    '<tpEmis>1</tpEmis>',
    '<procEmi>1</procEmi>',
    '<cStat>100</cStat>',
    `<dhProc>${brasiliaTimestamp(facts.processedAt)}</dhProc>`,
    `<nDFSe>${facts.documentNumber}</nDFSe>`,
    '<emit>',
    `<${document}>${facts.prestador.document}</${document}>`,
    ...(facts.prestador.im === undefined ? [] : [`<IM>${escape(facts.prestador.im)}</IM>`]),
    `<xNome>${escape(facts.prestador.name)}</xNome>`,
    `<enderNac><xLgr>Endereco do cadastro nacional</xLgr><nro>1</nro><xBairro>Centro</xBairro><cMun>${facts.municipalityCode}</cMun><UF>${ufOf(facts.municipalityCode)}</UF><CEP>01000000</CEP></enderNac>`,
    '</emit>',
    `<valores><vLiq>${facts.value}</vLiq></valores>`,
    withoutDeclaration(facts.dpsXml),
    '</infNFSe>',
    '</NFSe>',
  ].join('');
  return signer.signNow(xml, id);
}

/** What the national system records for a registered event. */
export interface EventFacts {
  readonly chaveAcesso: string;
  readonly type: string;
  readonly nSeq: number;
  readonly documentNumber: number;
  readonly processedAt: Date;
  /** The pedRegEvento as received, signed. */
  readonly requestXml: string;
}

/** The event (`evento_v1.01.xsd`) the mock records for an accepted pedRegEvento, signed with its key. */
export function eventoXml(facts: EventFacts, signer: XmlDsigSigner): string {
  const id = `EVT${facts.chaveAcesso}${facts.type}${String(facts.nSeq).padStart(3, '0')}`;
  const xml = [
    `<evento xmlns="${NS}" versao="1.01">`,
    `<infEvento Id="${id}">`,
    '<verAplic>SefinNacional-mock</verAplic>',
    '<ambGer>2</ambGer>',
    `<nSeqEvento>${String(facts.nSeq).padStart(3, '0')}</nSeqEvento>`,
    `<dhProc>${brasiliaTimestamp(facts.processedAt)}</dhProc>`,
    `<nDFSe>${facts.documentNumber}</nDFSe>`,
    withoutDeclaration(facts.requestXml),
    '</infEvento>',
    '</evento>',
  ].join('');
  return signer.signNow(xml, id);
}
