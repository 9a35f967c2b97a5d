import { X509Certificate } from 'node:crypto';
import type { XmlDocument } from 'libxml2-wasm';
import { checkSignature } from './checkSignature';
import { indexSignedDocument, type SignedDocumentIndex } from './indexSignedDocument';
import { loadedLibxml2 } from './loadLibxml2';
import { keyInfoCertificate, referenceUris, signatureElements, type SignatureElements } from './readSignature';
import { UnsupportedAlgorithmError, XmlSignatureError } from './signatureErrors';

/** Why a signature is not accepted. */
export type SignatureProblem = 'missing' | 'invalid' | 'untrusted' | 'expired';

/** The verdict on the signature over one element. */
export type SignatureVerdict =
  | { readonly valid: true; readonly certificate: X509Certificate }
  | { readonly valid: false; readonly problem: SignatureProblem; readonly message: string };

/** What {@link verifyXmlSignature} checks against. */
export interface VerifyOptions {
  /** The `Id` of the element that must be signed. */
  readonly signedElementId: string;
  /** The CAs a signing certificate must be issued by (PEM). */
  readonly trustedCaPems: readonly string[];
  /** @default new Date() */
  readonly now?: Date;
}

function refused(problem: SignatureProblem, message: string): SignatureVerdict {
  return { valid: false, problem, message };
}

/** Certificates seen lately, parsed (by their base64 DER); a city sees the same few again and again. */
const PARSED_LIMIT = 256;
const parsed = new Map<string, X509Certificate>();

/**
 * `text` (PEM, or the bare base64 of an `X509Certificate` element) parsed, from the cache when seen
 * lately: parsing one cost more than checking the signature it carries. Throws when unreadable.
 */
function certificateOf(text: string): X509Certificate {
  const base64 = text.replace(/-----[A-Z ]+-----|\s/g, '');
  let certificate = parsed.get(base64);
  if (certificate === undefined) {
    certificate = new X509Certificate(Buffer.from(base64, 'base64'));
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(base64, certificate);
  }
  return certificate;
}

/**
 * Verifies the enveloped XML-DSig signature over the element with `signedElementId`: the
 * signature and digest are right, exactly one element carries that Id (no wrapping), and the
 * certificate in `KeyInfo` was issued by a trusted CA and is within its validity. What a city
 * checks before it accepts an RPS or a DPS; the mock city and our tests use it.
 *
 * libxml2 (C14N in document context) and node:crypto do the work: xml-crypto over xmldom and
 * XPath took ~5x the CPU. Only what NFS-e signatures use is accepted (see dsigAlgorithms); any
 * other algorithm is `invalid`, named. Requires `loadLibxml2()` (or `initXmlReader()`) awaited.
 */
export function verifyXmlSignature(xml: string, options: VerifyOptions): SignatureVerdict {
  let doc: XmlDocument;
  try {
    doc = loadedLibxml2().XmlDocument.fromString(xml);
  } catch (error) {
    return refused('invalid', `the document is not well-formed XML (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return verifyIn(doc, options);
  } finally {
    doc.dispose();
  }
}

/** The first Signature with a Reference to `uri`, its structure read once: what chose it is what is checked. */
function signatureReferencing(index: SignedDocumentIndex, uri: string): SignatureElements | undefined {
  for (const node of index.signatures) {
    const elements = signatureElements(node);
    if (referenceUris(elements).includes(uri)) return elements;
  }
  return undefined;
}

function verifyIn(doc: XmlDocument, options: VerifyOptions): SignatureVerdict {
  const id = options.signedElementId;
  const index = indexSignedDocument(doc.root);
  const signature = signatureReferencing(index, `#${id}`);
  if (signature === undefined) return refused('missing', `no signature references #${id}`);
  const elementsWithId = index.idCounts.get(id) ?? 0;
  if (elementsWithId !== 1) return refused('invalid', `the document has ${elementsWithId} elements with Id ${id}`);
  const certificateText = keyInfoCertificate(signature);
  if (certificateText === undefined) return refused('invalid', 'the signature carries no X509Certificate');
  let certificate: X509Certificate;
  try {
    certificate = certificateOf(certificateText);
  } catch {
    return refused('invalid', 'the signature’s X509Certificate cannot be read');
  }
  try {
    checkSignature(doc, signature, index, certificate.publicKey);
  } catch (error) {
    if (error instanceof UnsupportedAlgorithmError) return refused('invalid', error.message);
    if (error instanceof XmlSignatureError) return refused('invalid', `the signature does not match the signed content (${error.message})`);
    throw error;
  }
  const trusted = options.trustedCaPems.map(certificateOf).some((ca) => certificate.checkIssued(ca) && certificate.verify(ca.publicKey));
  if (!trusted) return refused('untrusted', `the signing certificate (${certificate.subject.replace(/\n/g, ', ')}) was not issued by a trusted CA`);
  const now = (options.now ?? new Date()).getTime();
  if (Date.parse(certificate.validFrom) > now || Date.parse(certificate.validTo) <= now) return refused('expired', `the signing certificate is valid from ${certificate.validFrom} to ${certificate.validTo}`);
  return { valid: true, certificate };
}
