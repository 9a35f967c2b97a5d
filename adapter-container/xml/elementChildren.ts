import type { XmlElement, XmlNode } from 'libxml2-wasm';
import { loadedLibxml2 } from './loadLibxml2';

/** The element children of `node`, in document order (none when it is no element). */
export function* elementChildren(node: XmlNode): Generator<XmlElement> {
  const { XmlElement } = loadedLibxml2();
  if (!(node instanceof XmlElement)) return;
  for (let child = node.firstChild; child !== null; child = child.next) if (child instanceof XmlElement) yield child;
}

/** Depth-first, document order: every element below `node` named `name` (walking is far cheaper than XPath in the WASM build). */
export function* descendants(node: XmlNode, name: string): Generator<XmlElement> {
  for (const child of elementChildren(node)) {
    if (child.name === name) yield child;
    yield* descendants(child, name);
  }
}
