import type { XmlDocument, XmlElement, XmlNode } from 'libxml2-wasm';
import { escapeXml } from './abrasfNamespace';
import { descendants, elementChildren } from './elementChildren';
import { loadLibxml2, type Libxml2Module } from './loadLibxml2';

/** Thrown when a document is not well-formed XML. */
export class XmlReadError extends Error {
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = 'XmlReadError';
  }
}

/**
 * A read-only view of one element, addressed by local names (`child('Nfse', 'InfNfse')`):
 * namespaces and prefixes are ignored, since cities differ in how they qualify elements.
 */
export class XmlView {
  constructor(private readonly node: XmlNode) {}

  /** The first descendant with this local name, anywhere below. */
  find(name: string): XmlView | undefined {
    const found = descendants(this.node, name).next();
    return found.done === true ? undefined : new XmlView(found.value);
  }

  /** Every descendant with this local name. */
  findAll(name: string): XmlView[] {
    return [...descendants(this.node, name)].map((node) => new XmlView(node));
  }

  /** The element at this path of child local names. */
  child(...path: string[]): XmlView | undefined {
    const found = this.at(path);
    return found === undefined ? undefined : new XmlView(found);
  }

  /** The first child element, whatever its name. */
  firstChild(): XmlView | undefined {
    const found = elementChildren(this.node).next();
    return found.done === true ? undefined : new XmlView(found.value);
  }

  /** Trimmed text of the element at this path, or undefined when absent or empty. */
  text(...path: string[]): string | undefined {
    const content = this.at(path)?.content.trim();
    return content === undefined || content === '' ? undefined : content;
  }

  /** Local name of this element. */
  get name(): string {
    return (this.node as XmlElement).name;
  }

  /** Namespace URI of this element ('' when none). */
  get namespaceUri(): string {
    return (this.node as XmlElement).namespaceUri;
  }

  /** An attribute's value. */
  attr(name: string): string | undefined {
    return (this.node as XmlElement).attr(name)?.value;
  }

  private at(path: readonly string[]): XmlNode | undefined {
    let current: XmlNode | undefined = this.node;
    for (const name of path) {
      if (current === undefined) return undefined;
      let match: XmlNode | undefined;
      for (const child of elementChildren(current)) {
        if (child.name === name) {
          match = child;
          break;
        }
      }
      current = match;
    }
    return current;
  }

  /**
   * This element as a standalone document: the namespaces it inherits from its ancestors are
   * declared on it, so it stays valid once cut out (e.g. CompNfse out of GerarNfseResposta).
   */
  toXml(): string {
    const element = this.node as XmlElement;
    const own = element.localNamespaces;
    let xml = element.toString({ format: false, noDeclaration: true });
    const declarations = Object.entries(element.namespaces)
      .filter(([prefix]) => !(prefix in own) && prefix !== 'xml')
      .map(([prefix, uri]) => (prefix === '' ? ` xmlns="${escapeXml(uri)}"` : ` xmlns:${prefix}="${escapeXml(uri)}"`))
      .join('');
    if (declarations !== '') {
      const tag = element.prefix === '' ? element.name : `${element.prefix}:${element.name}`;
      xml = xml.replace(`<${tag}`, `<${tag}${declarations}`);
    }
    return xml;
  }
}

let libxml2: Libxml2Module | undefined;

/** Loads the XML engine; call once before `readXml` (it is synchronous afterwards). */
export async function initXmlReader(): Promise<void> {
  libxml2 ??= await loadLibxml2();
}

/** Parses `xml`, hands its root to `read`, and frees the document whatever happens. */
export function readXml<T>(xml: string, read: (root: XmlView) => T): T {
  if (libxml2 === undefined) throw new XmlReadError('initXmlReader() was not awaited');
  let doc: XmlDocument;
  try {
    doc = libxml2.XmlDocument.fromString(xml);
  } catch (error) {
    throw new XmlReadError(`not well-formed XML: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    return read(new XmlView(doc.root));
  } finally {
    doc.dispose();
  }
}
