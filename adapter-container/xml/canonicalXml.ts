import vm from 'node:vm';
import type { XmlDocument, XmlElement, XmlOutputBufferHandler } from 'libxml2-wasm';
import type { Canonicalization } from './dsigAlgorithms';
import { loadedLibxml2 } from './loadLibxml2';

/** Where canonical bytes go as libxml2 writes them: a `Hash`, or {@link ByteChunks}. */
export interface ByteSink {
  update(bytes: Uint8Array): unknown;
}

/** Collects bytes (copied: libxml2 hands over views of its own memory). */
export class ByteChunks implements ByteSink {
  private readonly chunks: Buffer[] = [];

  update(bytes: Uint8Array): this {
    this.chunks.push(Buffer.from(bytes));
    return this;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/**
 * The `Set` of the realm libxml2-wasm runs in, which it tests `nodeSet` against with `instanceof`:
 * the process's own, except under jest, whose sandbox has its own globals while libxml2 is
 * imported in the main context (see loadLibxml2). A sandbox `Set` would be ignored there, and the
 * whole document canonicalized.
 */
const LibraryRealmSet = vm.runInThisContext('Set') as SetConstructor;

/**
 * Writes to `sink` the canonical form of `element`'s subtree as a document subset in `doc`
 * (https://www.w3.org/TR/xml-c14n#DocSubsets): inclusive C14N renders on the apex the namespaces
 * it inherits (and C14N 1.0 its ancestors' `xml:*` attributes), as XML-DSig requires of a
 * same-document reference. libxml2 does the work; `nodeSet` selects the subtree without creating
 * a JS node per visited node.
 */
export function canonicalizeElement(doc: XmlDocument, element: XmlElement, c14n: Canonicalization, sink: ByteSink, inclusivePrefixes?: readonly string[]): void {
  const { XmlC14NMode } = loadedLibxml2();
  const handler: XmlOutputBufferHandler = {
    write(bytes: Uint8Array): number {
      sink.update(bytes);
      return bytes.byteLength;
    },
    close: () => true,
  };
  doc.canonicalize(handler, {
    mode: c14n.exclusive ? XmlC14NMode.XML_C14N_EXCLUSIVE_1_0 : XmlC14NMode.XML_C14N_1_0,
    withComments: c14n.withComments,
    nodeSet: new LibraryRealmSet([element]),
    ...(c14n.exclusive && inclusivePrefixes !== undefined ? { inclusiveNamespacePrefixes: [...inclusivePrefixes] } : {}),
  });
}
