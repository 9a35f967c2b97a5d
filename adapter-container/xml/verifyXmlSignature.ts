import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

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

/** The text of KeyInfo's first `X509Certificate` (any prefix), as xml-crypto's getCertFromKeyInfo finds it. */
function keyInfoCertificate(keyInfo: Element | null): string | undefined {
  if (keyInfo === null) return undefined;
  const all = keyInfo.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const element = all.item(i);
    if (element?.localName === 'X509Certificate') return element.textContent ?? '';
  }
  return undefined;
}

/**
 * The attributes xml-crypto takes for an Id by default. Only `Id` names the signed element here
 * (what NFS-e systems use), but an element with `ID` or `id` of the same value still counts as a
 * duplicate, as xml-crypto counted it against signature wrapping.
 */
const ID_ATTRIBUTES = ['Id', 'ID', 'id'] as const;

function elementsWithId(doc: Document, id: string): number {
  let count = 0;
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const element = all.item(i);
    if (element !== null) count += ID_ATTRIBUTES.filter((name) => element.getAttribute(name) === id).length;
  }
  return count;
}

/**
 * Verifies the enveloped XML-DSig signature over the element with `signedElementId`: the
 * signature and digest are right, exactly one element carries that Id (no wrapping), and the
 * certificate in `KeyInfo` was issued by a trusted CA and is within its validity. What a city
 * checks before it accepts an RPS or a DPS; the mock city and our tests use it.
 */
export function verifyXmlSignature(xml: string, options: VerifyOptions): SignatureVerdict {
  const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
  const id = options.signedElementId;
  const signatures = Array.from(doc.getElementsByTagNameNS(XMLDSIG_NS, 'Signature'));
  const signature = signatures.find((node) => Array.from(node.getElementsByTagNameNS(XMLDSIG_NS, 'Reference')).some((reference) => reference.getAttribute('URI') === `#${id}`));
  if (signature === undefined) return refused('missing', `no signature references #${id}`);
  if (elementsWithId(doc, id) !== 1) return refused('invalid', `the document has ${elementsWithId(doc, id)} elements with Id ${id}`);
  const certificateText = keyInfoCertificate(signature.getElementsByTagNameNS(XMLDSIG_NS, 'KeyInfo').item(0));
  if (certificateText === undefined) return refused('invalid', 'the signature carries no X509Certificate');
  let certificate: X509Certificate;
  try {
    certificate = certificateOf(certificateText);
  } catch {
    return refused('invalid', 'the signature’s X509Certificate cannot be read');
  }
  // The key is the KeyInfo certificate's, handed over parsed: xml-crypto would read it from the
  // KeyInfo again, and parse its PEM once more to verify.
  const signed = new SignedXml({ publicCert: certificate.publicKey, getCertFromKeyInfo: () => null });
  // The Reference is looked up by `Id` alone: xml-crypto ran a whole-document XPath once per
  // attribute name (Id, ID, id) to find the one element counted above, and XPath over xmldom is
  // where the mock city spends most of its CPU.
  signed.idAttributes = ['Id'];
  try {
    signed.loadSignature(signature);
    if (!signed.checkSignature(xml)) return refused('invalid', 'the signature does not match the signed content');
  } catch (error) {
    return refused('invalid', `the signature does not match the signed content (${error instanceof Error ? error.message : String(error)})`);
  }
  const trusted = options.trustedCaPems.map(certificateOf).some((ca) => certificate.checkIssued(ca) && certificate.verify(ca.publicKey));
  if (!trusted) return refused('untrusted', `the signing certificate (${certificate.subject.replace(/\n/g, ', ')}) was not issued by a trusted CA`);
  const now = (options.now ?? new Date()).getTime();
  if (Date.parse(certificate.validFrom) > now || Date.parse(certificate.validTo) <= now) return refused('expired', `the signing certificate is valid from ${certificate.validFrom} to ${certificate.validTo}`);
  return { valid: true, certificate };
}
