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

function elementsWithId(doc: Document, id: string): number {
  let count = 0;
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) if (all.item(i)?.getAttribute('Id') === id) count++;
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
  const keyInfo = signature.getElementsByTagNameNS(XMLDSIG_NS, 'KeyInfo').item(0);
  const certificatePem = SignedXml.getCertFromKeyInfo(keyInfo);
  if (certificatePem === null) return refused('invalid', 'the signature carries no X509Certificate');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch {
    return refused('invalid', 'the signature’s X509Certificate cannot be read');
  }
  const signed = new SignedXml({ publicCert: certificatePem });
  try {
    signed.loadSignature(signature);
    if (!signed.checkSignature(xml)) return refused('invalid', 'the signature does not match the signed content');
  } catch (error) {
    return refused('invalid', `the signature does not match the signed content (${error instanceof Error ? error.message : String(error)})`);
  }
  const trusted = options.trustedCaPems.map((pem) => new X509Certificate(pem)).some((ca) => certificate.checkIssued(ca) && certificate.verify(ca.publicKey));
  if (!trusted) return refused('untrusted', `the signing certificate (${certificate.subject.replace(/\n/g, ', ')}) was not issued by a trusted CA`);
  const now = (options.now ?? new Date()).getTime();
  if (Date.parse(certificate.validFrom) > now || Date.parse(certificate.validTo) <= now) return refused('expired', `the signing certificate is valid from ${certificate.validFrom} to ${certificate.validTo}`);
  return { valid: true, certificate };
}
