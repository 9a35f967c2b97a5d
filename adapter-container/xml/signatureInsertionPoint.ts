/**
 * Markup a scan steps over as a whole: comments, CDATA sections, processing instructions and
 * declarations (`<!DOCTYPE`), end tags, and start tags (whose quoted attribute values may hold `>`).
 */
const MARKUP = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<\/[^>]*>|<(?:"[^"]*"|'[^']*'|[^'">])*>/g;

/**
 * A start tag's `Id` attribute and its value. One pattern for every id: a pattern built per id
 * would be compiled again for every document (each RPS has an Id of its own), which cost more
 * than the scan itself.
 */
const ID_ATTRIBUTE = /\sId\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/**
 * Where, in `xml`, the Signature over the element with `Id="id"` goes as the last child of that
 * element's parent: the offset of the parent's end tag. The first element carrying that `Id`
 * counts, as libxml2 and XPath find it. Scanning the text lets the signer insert the Signature and
 * leave every other byte of the document as it was. Undefined when no element has that `Id`;
 * throws when the element is the root (it has no parent to take a Signature).
 */
export function signatureInsertionPoint(xml: string, id: string): number | undefined {
  let depth: number | undefined;
  let openElements = 0;
  for (const match of xml.matchAll(MARKUP)) {
    const markup = match[0];
    const kind = markup[1];
    if (kind === '!' || kind === '?') continue;
    if (kind === '/') {
      openElements--;
      if (depth !== undefined && --depth < 0) return match.index;
      continue;
    }
    const selfClosing = markup.endsWith('/>');
    if (depth === undefined) {
      if (hasId(markup, id)) {
        if (openElements === 0) throw new Error(`cannot sign: the element with Id "${id}" is the root, and the Signature goes into its parent`);
        depth = 0;
      }
    }
    if (!selfClosing) {
      openElements++;
      if (depth !== undefined) depth++;
    }
  }
  return undefined;
}

function hasId(startTag: string, id: string): boolean {
  const attribute = ID_ATTRIBUTE.exec(startTag);
  return attribute !== null && (attribute[1] ?? attribute[2]) === id;
}
