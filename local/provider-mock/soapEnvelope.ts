import { escapeXml } from '../../adapter-container/xml/abrasfNamespace';

const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** A SOAP call as the mock reads it: `{Op}Request {nfseCabecMsg, nfseDadosMsg}`. */
export interface SoapCall {
  /** The operation: the request element's name without `Request`. */
  readonly operation: string;
  /** Namespace of the request element, echoed on the response element. */
  readonly namespace: string;
  readonly cabecalhoXml: string;
  readonly dadosXml: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The text of an element's content: CDATA sections kept verbatim, entities decoded. */
function decodeText(raw: string): string {
  return raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>|&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (match, cdata: string | undefined, entity: string | undefined) => {
    if (cdata !== undefined) return cdata;
    if (entity === undefined) return match;
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? match;
  });
}

const REQUEST_ELEMENT = /<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:([\w.-]+):)?(\w+)Request\b([^>]*)>/i;

function partOf(body: string, part: string): string | undefined {
  const match = new RegExp(`<(?:[\\w.-]+:)?${part}\\b[^>]*?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${part}>)`).exec(body);
  return match === null ? undefined : decodeText(match[1] ?? '');
}

/**
 * Reads a SOAP 1.1 request. The envelope is two strings in a fixed shape, so it is scanned rather
 * than parsed (the XML engine's cost per document is what bounds the mock's throughput); the
 * documents inside are parsed properly. Names are matched without prefixes, so both our WSDL's
 * and ABRASF's (`http://nfse.abrasf.org.br`, qualified or not) clients are understood.
 * Undefined when it is not such a call.
 */
export function parseSoapCall(envelopeXml: string): SoapCall | undefined {
  const request = REQUEST_ELEMENT.exec(envelopeXml);
  if (request === null) return undefined;
  const [, prefix, operation = '', attributes = ''] = request;
  const declaration = prefix === undefined ? /\sxmlns="([^"]*)"/ : new RegExp(`\\sxmlns:${prefix}="([^"]*)"`);
  const namespace = declaration.exec(attributes)?.[1] ?? declaration.exec(envelopeXml)?.[1] ?? '';
  const dadosXml = partOf(envelopeXml, 'nfseDadosMsg');
  if (dadosXml === undefined) return undefined;
  return { operation, namespace, cabecalhoXml: partOf(envelopeXml, 'nfseCabecMsg') ?? '', dadosXml };
}

/** The response envelope `{Op}Response {outputXML}` (document/literal, qualified). */
export function soapResponse(operation: string, namespace: string, outputXml: string): string {
  const prefix = namespace === '' ? '' : 'tns:';
  const declaration = namespace === '' ? '' : ` xmlns:tns="${escapeXml(namespace)}"`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Body>` +
    `<${prefix}${operation}Response${declaration}><${prefix}outputXML>${escapeXml(outputXml)}</${prefix}outputXML></${prefix}${operation}Response>` +
    `</soap:Body></soap:Envelope>`
  );
}

/** A SOAP 1.1 Fault (`soap:Server` or `soap:Client`). */
export function soapFault(code: 'Server' | 'Client', message: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Body><soap:Fault>` +
    `<faultcode>soap:${code}</faultcode><faultstring>${escapeXml(message)}</faultstring></soap:Fault></soap:Body></soap:Envelope>`
  );
}
