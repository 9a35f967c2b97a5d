import type { XmlElement } from 'libxml2-wasm';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** An attribute value as C14N writes it (https://www.w3.org/TR/xml-c14n#ProcessingModel). */
function canonicalAttributeValue(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;');
}

/**
 * What a SignedInfo inside a Signature appended to `parent` inherits in its C14N 1.0 form, as the
 * text that follows its own `xmlns` declaration: the prefixed namespaces in scope at `parent`
 * (sorted by prefix; the Signature's default namespace hides any other), then the `xml:*`
 * attributes of `parent` and its ancestors, the nearest of each name (sorted by name), which C14N
 * 1.0 renders on the apex of a document subset. Empty for every NFS-e document we sign.
 */
export function signedInfoContext(parent: XmlElement): string {
  const namespaces = Object.entries(parent.namespaces)
    .filter(([prefix]) => prefix !== '' && prefix !== 'xml')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([prefix, uri]) => ` xmlns:${prefix}="${canonicalAttributeValue(uri)}"`);
  const inherited = new Map<string, string>();
  for (let element: XmlElement | null = parent; element !== null; element = element.parent) {
    for (const attribute of element.attrs) {
      if (attribute.namespaceUri === XML_NS && !inherited.has(attribute.name)) inherited.set(attribute.name, attribute.value);
    }
  }
  const attributes = [...inherited.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ` xml:${name}="${canonicalAttributeValue(value)}"`);
  return namespaces.join('') + attributes.join('');
}
