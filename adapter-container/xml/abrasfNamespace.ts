/** The namespace of every ABRASF 2.04 data element (nfse_v204.xsd's targetNamespace). */
export const ABRASF_NS = 'http://www.abrasf.org.br/nfse.xsd';

/** The layout version sent in `cabecalho` and in `versao` attributes. */
export const ABRASF_VERSION = '2.04';

/** Escapes text for an XML element or attribute value. */
export function escapeXml(text: string): string {
  if (!/[&<>"']/.test(text)) return text;
  return text.replace(/[&<>"']/g, (char) => {
    switch (char) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&apos;';
    }
  });
}

/** Drops a leading `<?xml ...?>` declaration so a fragment can be embedded in another document. */
export function stripXmlDeclaration(xml: string): string {
  return xml.replace(/^\uFEFF?\s*<\?xml[^?]*\?>\s*/, '');
}
