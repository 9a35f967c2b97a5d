import { parseSoapCall, soapFault, soapResponse } from '../../../local/provider-mock/soapEnvelope';

describe('parseSoapCall', () => {
  it('reads an escaped, namespaced call', () => {
    // Arrange
    const envelope =
      '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header/><soap:Body>' +
      '<ns1:GerarNfseRequest xmlns:ns1="http://www.abrasf.org.br/nfse.xsd"><ns1:nfseCabecMsg>&lt;c a=&quot;1&quot;/&gt;</ns1:nfseCabecMsg>' +
      '<ns1:nfseDadosMsg>&lt;d&gt;R&amp;D &#233;&#x21;&lt;/d&gt;</ns1:nfseDadosMsg></ns1:GerarNfseRequest></soap:Body></soap:Envelope>';

    // Act
    const call = parseSoapCall(envelope);

    // Assert
    expect(call).toEqual({ operation: 'GerarNfse', namespace: 'http://www.abrasf.org.br/nfse.xsd', cabecalhoXml: '<c a="1"/>', dadosXml: '<d>R&D é!</d>' });
  });

  it('reads CDATA parts with unqualified children, as ABRASF clients often send', () => {
    // Arrange
    const envelope =
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:nfse="http://nfse.abrasf.org.br"><soapenv:Body>' +
      '<nfse:CancelarNfseRequest><nfseCabecMsg><![CDATA[<cabecalho/>]]></nfseCabecMsg><nfseDadosMsg><![CDATA[<CancelarNfseEnvio/>]]></nfseDadosMsg></nfse:CancelarNfseRequest>' +
      '</soapenv:Body></soapenv:Envelope>';

    // Act
    const call = parseSoapCall(envelope);

    // Assert
    expect(call).toEqual({ operation: 'CancelarNfse', namespace: 'http://nfse.abrasf.org.br', cabecalhoXml: '<cabecalho/>', dadosXml: '<CancelarNfseEnvio/>' });
  });

  it('returns undefined for a body that is not an {Op}Request', () => {
    // Act
    const call = parseSoapCall('<soap:Envelope xmlns:soap="x"><soap:Body><Ping/></soap:Body></soap:Envelope>');

    // Assert
    expect(call).toBeUndefined();
  });
});

describe('soapResponse', () => {
  it('wraps outputXML in {Op}Response in the request namespace', () => {
    // Act
    const xml = soapResponse('GerarNfse', 'urn:x', '<a>&</a>');

    // Assert
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
        '<tns:GerarNfseResponse xmlns:tns="urn:x"><tns:outputXML>&lt;a&gt;&amp;&lt;/a&gt;</tns:outputXML></tns:GerarNfseResponse></soap:Body></soap:Envelope>',
    );
  });
});

describe('soapFault', () => {
  it('writes a SOAP 1.1 fault', () => {
    // Act
    const xml = soapFault('Server', 'busy');

    // Assert
    expect(xml).toContain('<soap:Fault><faultcode>soap:Server</faultcode><faultstring>busy</faultstring></soap:Fault>');
  });
});
