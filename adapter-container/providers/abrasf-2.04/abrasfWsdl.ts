import { ABRASF_NS, escapeXml } from '../../xml/abrasfNamespace';

/** The ABRASF 2.04 web-service operations this provider speaks. */
export const ABRASF_OPERATIONS = ['GerarNfse', 'RecepcionarLoteRps', 'ConsultarLoteRps', 'ConsultarNfsePorRps', 'CancelarNfse', 'SubstituirNfse'] as const;
export type AbrasfOperation = (typeof ABRASF_OPERATIONS)[number];

/** True when `name` is one of the operations above. */
export function isAbrasfOperation(name: string): name is AbrasfOperation {
  return (ABRASF_OPERATIONS as readonly string[]).includes(name);
}

/**
 * The namespace of the SOAP wrapper elements (`GerarNfseRequest`...). ABRASF's published nfse.wsdl
 * uses `http://nfse.abrasf.org.br`; ours uses the data namespace unless a city's WSDL says otherwise.
 */
export const DEFAULT_SOAP_NAMESPACE = ABRASF_NS;

/** Options of the WSDL we serve and load. */
export interface AbrasfWsdlOptions {
  /** The SOAP endpoint written in `soap:address`. */
  readonly location: string;
  /** targetNamespace of the wrapper elements. @default DEFAULT_SOAP_NAMESPACE */
  readonly namespace?: string;
}

/**
 * A WSDL 1.1 (document/literal, SOAP 1.1) shaped like ABRASF 2.04's nfse.wsdl: every operation
 * takes `{Op}Request {nfseCabecMsg, nfseDadosMsg}` (two XML documents as strings) and answers
 * `{Op}Response {outputXML}`.
 */
export function abrasfWsdl(options: AbrasfWsdlOptions): string {
  const ns = escapeXml(options.namespace ?? DEFAULT_SOAP_NAMESPACE);
  const elements = ABRASF_OPERATIONS.map((op) => `<xsd:element name="${op}Request" type="tns:input"/><xsd:element name="${op}Response" type="tns:output"/>`).join('');
  const messages = ABRASF_OPERATIONS.map(
    (op) =>
      `<wsdl:message name="${op}RequestMessage"><wsdl:part name="parameters" element="tns:${op}Request"/></wsdl:message>` +
      `<wsdl:message name="${op}ResponseMessage"><wsdl:part name="parameters" element="tns:${op}Response"/></wsdl:message>`,
  ).join('');
  const portOperations = ABRASF_OPERATIONS.map(
    (op) => `<wsdl:operation name="${op}"><wsdl:input message="tns:${op}RequestMessage"/><wsdl:output message="tns:${op}ResponseMessage"/></wsdl:operation>`,
  ).join('');
  const bindingOperations = ABRASF_OPERATIONS.map(
    (op) =>
      `<wsdl:operation name="${op}"><soap:operation soapAction="${ns}/${op}" style="document"/>` +
      `<wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`,
  ).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" ` +
    `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="${ns}" targetNamespace="${ns}" name="NfseWSService">` +
    `<wsdl:types><xsd:schema targetNamespace="${ns}" elementFormDefault="qualified">` +
    `<xsd:complexType name="input"><xsd:sequence><xsd:element name="nfseCabecMsg" type="xsd:string"/><xsd:element name="nfseDadosMsg" type="xsd:string"/></xsd:sequence></xsd:complexType>` +
    `<xsd:complexType name="output"><xsd:sequence><xsd:element name="outputXML" type="xsd:string"/></xsd:sequence></xsd:complexType>` +
    `${elements}</xsd:schema></wsdl:types>` +
    `${messages}<wsdl:portType name="nfse">${portOperations}</wsdl:portType>` +
    `<wsdl:binding name="nfseSoapBinding" type="tns:nfse"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>${bindingOperations}</wsdl:binding>` +
    `<wsdl:service name="NfseWSService"><wsdl:port name="nfseSOAP" binding="tns:nfseSoapBinding"><soap:address location="${escapeXml(options.location)}"/></wsdl:port></wsdl:service>` +
    `</wsdl:definitions>`
  );
}
