import type { XmlElement } from 'libxml2-wasm';
import { XMLDSIG_NS } from './dsigAlgorithms';
import { loadedLibxml2 } from './loadLibxml2';

/**
 * The attributes counted as an Id. Only `Id` names a signed element (what NFS-e systems use), but
 * an element with `ID` or `id` of the same value still counts as a duplicate, as xml-crypto
 * counted it against signature wrapping.
 */
const ID_ATTRIBUTES: ReadonlySet<string> = new Set(['Id', 'ID', 'id']);

/** What a verifier needs to know of a document, from one walk over its elements. */
export interface SignedDocumentIndex {
  /** Every XML-DSig Signature element, in document order. */
  readonly signatures: readonly XmlElement[];
  /** The first element with each `Id` value. */
  readonly elementsById: ReadonlyMap<string, XmlElement>;
  /** How many `Id`, `ID` and `id` attributes carry each value. */
  readonly idCounts: ReadonlyMap<string, number>;
}

/** Indexes the document below `root` (itself included), in document order. */
export function indexSignedDocument(root: XmlElement): SignedDocumentIndex {
  const { XmlElement } = loadedLibxml2();
  const signatures: XmlElement[] = [];
  const elementsById = new Map<string, XmlElement>();
  const idCounts = new Map<string, number>();
  const visit = (element: XmlElement): void => {
    if (element.name === 'Signature' && element.namespaceUri === XMLDSIG_NS) signatures.push(element);
    for (const attribute of element.attrs) {
      if (!ID_ATTRIBUTES.has(attribute.name) || attribute.namespaceUri !== '') continue;
      const value = attribute.value;
      idCounts.set(value, (idCounts.get(value) ?? 0) + 1);
      if (attribute.name === 'Id' && !elementsById.has(value)) elementsById.set(value, element);
    }
    for (let child = element.firstChild; child !== null; child = child.next) if (child instanceof XmlElement) visit(child);
  };
  visit(root);
  return { signatures, elementsById, idCounts };
}
