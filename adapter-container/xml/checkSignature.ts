import { createHash, verify, type KeyObject } from 'node:crypto';
import type { XmlDocument, XmlElement } from 'libxml2-wasm';
import { ByteChunks, canonicalizeElement } from './canonicalXml';
import { C14N, CANONICALIZATIONS, DIGESTS, ENVELOPED_SIGNATURE, RSA_SIGNATURES, type Canonicalization } from './dsigAlgorithms';
import type { SignedDocumentIndex } from './indexSignedDocument';
import { readSignature, type AlgorithmUse, type SignatureElements, type SignedReference } from './readSignature';
import { SignatureMismatchError, UnsupportedAlgorithmError } from './signatureErrors';

function canonicalizationOf(use: AlgorithmUse, role: string): Canonicalization {
  const c14n = CANONICALIZATIONS[use.uri];
  if (c14n === undefined) throw new UnsupportedAlgorithmError(role, use.uri);
  return c14n;
}

/**
 * A reference's transforms as NFS-e signatures chain them: enveloped-signature (optional), then at
 * most one C14N, last (inclusive C14N 1.0 when none, as XML-DSig converts a node-set to octets).
 */
function transformsOf(reference: SignedReference): { readonly enveloped: boolean; readonly c14n: AlgorithmUse } {
  let enveloped = false;
  let c14n: AlgorithmUse | undefined;
  for (const transform of reference.transforms) {
    if (transform.uri === ENVELOPED_SIGNATURE && c14n === undefined) enveloped = true;
    else if (CANONICALIZATIONS[transform.uri] !== undefined && c14n === undefined) c14n = transform;
    else throw new UnsupportedAlgorithmError(c14n === undefined ? 'transform' : 'transform after C14N', transform.uri);
  }
  return { enveloped, c14n: c14n ?? { uri: C14N } };
}

function isWithin(node: XmlElement, ancestor: XmlElement): boolean {
  for (let current: XmlElement | null = node; current !== null; current = current.parent) if (current.isSameNode(ancestor)) return true;
  return false;
}

/**
 * Checks XML-DSig core validation of `elements`' Signature in `doc` (https://www.w3.org/TR/xmldsig-core1/#sec-CoreValidation)
 * against `publicKey`: each Reference's digest over its element (by `Id`, present once) after its
 * transforms, then SignatureValue over the canonical SignedInfo. Throws an XmlSignatureError
 * saying why it does not verify. May remove the Signature from `doc` (the
 * enveloped-signature transform), so the caller disposes of `doc` after.
 */
export function checkSignature(doc: XmlDocument, elements: SignatureElements, index: SignedDocumentIndex, publicKey: KeyObject): void {
  const { signature } = elements;
  const content = readSignature(elements);
  const signedInfoC14n = canonicalizationOf(content.canonicalization, 'CanonicalizationMethod');
  const signatureHash = RSA_SIGNATURES[content.signatureMethod];
  if (signatureHash === undefined) throw new UnsupportedAlgorithmError('SignatureMethod', content.signatureMethod);
  const references = content.references.map((reference) => {
    const digest = DIGESTS[reference.digestMethod];
    if (digest === undefined) throw new UnsupportedAlgorithmError('DigestMethod', reference.digestMethod);
    if (!reference.uri.startsWith('#')) throw new UnsupportedAlgorithmError('Reference URI', reference.uri);
    const id = reference.uri.slice(1);
    const target = index.elementsById.get(id);
    if (target === undefined || index.idCounts.get(id) !== 1) throw new SignatureMismatchError(`the Reference ${reference.uri} does not name exactly one element`);
    const transforms = transformsOf(reference);
    const covered = isWithin(signature, target);
    if (covered && !transforms.enveloped) throw new SignatureMismatchError(`the Reference ${reference.uri} covers its own signature`);
    return { reference, digest, target, covered, transforms, c14n: canonicalizationOf(transforms.c14n, 'transform') };
  });
  const signedInfo = new ByteChunks();
  canonicalizeElement(doc, content.signedInfo, signedInfoC14n, signedInfo, content.canonicalization.inclusivePrefixes);
  const signedInfoBytes = signedInfo.toBuffer();
  // The enveloped-signature transform: this Signature leaves the document (and only this one: a
  // lot's signature covers the RPSs' signatures inside it). Everything it said was read above.
  if (references.some(({ covered }) => covered)) signature.remove();
  for (const { reference, digest, target, transforms, c14n } of references) {
    const hash = createHash(digest);
    // A same-document `#id` reference dereferences without comments, whatever the C14N transform says.
    canonicalizeElement(doc, target, { ...c14n, withComments: false }, hash, transforms.c14n.inclusivePrefixes);
    if (!hash.digest().equals(reference.digestValue)) throw new SignatureMismatchError(`the digest of ${reference.uri} differs`);
  }
  if (!verify(signatureHash, signedInfoBytes, publicKey, content.signatureValue)) throw new SignatureMismatchError('the SignatureValue does not match SignedInfo');
}
