import type { XmlElement, XmlNode } from 'libxml2-wasm';
import { loadedLibxml2 } from './loadLibxml2';

/**
 * The first element, in document order from `root` (itself included), whose `Id` attribute is
 * `id`: the element a `Reference URI="#id"` names, as xml-crypto's `//@Id[.='id']/..` found it.
 */
export function elementWithId(root: XmlNode, id: string): XmlElement | undefined {
  const { XmlElement } = loadedLibxml2();
  if (!(root instanceof XmlElement)) return undefined;
  if (root.attr('Id')?.value === id) return root;
  for (let child = root.firstChild; child !== null; child = child.next) {
    const found = elementWithId(child, id);
    if (found !== undefined) return found;
  }
  return undefined;
}
