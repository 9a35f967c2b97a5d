import { createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import type { XmlElement } from 'libxml2-wasm';
import { canonicalizeElement } from './canonicalXml';
import { C14N, ENVELOPED_SIGNATURE, INCLUSIVE_C14N, SIGNATURE_ALGORITHMS, XMLDSIG_NS, type SignatureAlgorithm } from './dsigAlgorithms';
import { elementWithId } from './elementWithId';
import { loadedLibxml2 } from './loadLibxml2';
import { signatureInsertionPoint } from './signatureInsertionPoint';
import { signedInfoContext } from './signedInfoContext';

/** What {@link XmlDsigSigner} signs with. */
export interface XmlDsigSignerOptions {
  /** The A1 certificate's private key (PEM). */
  readonly privateKeyPem: string;
  /** The end certificate (PEM): the only one in `KeyInfo/X509Data`. */
  readonly certificatePem: string;
  /** @default 'rsa-sha256' */
  readonly algorithm?: SignatureAlgorithm;
}

/** An `Id` as NFS-e systems write them (letters and digits): anything else is refused before it reaches a pattern. */
function checkedId(referenceId: string): string {
  if (!/^[A-Za-z_][\w.-]*$/.test(referenceId)) throw new Error(`cannot sign: "${referenceId}" is not an XML Id`);
  return referenceId;
}

/**
 * XML-DSig as NFS-e systems want it: an enveloped signature over the element with the given
 * `Id` (`Reference URI="#Id"`, transforms enveloped-signature then C14N 1.0), the end
 * certificate in `KeyInfo/X509Data/X509Certificate`, no namespace prefixes, and `Signature`
 * appended as the last child of the signed element's parent (e.g. `Rps`, `DPS`).
 *
 * libxml2 (already loaded for XSD validation) canonicalizes the signed element in its document,
 * node:crypto digests and signs, and the Signature's text is inserted into the document's own
 * text, whose other bytes stay as they were. RSA PKCS#1 v1.5 being deterministic, the
 * DigestValue and SignatureValue are xml-crypto's to the byte (a test compares them): xml-crypto
 * over xmldom and XPath spent ~5x the CPU. Requires `loadLibxml2()` (or `initXmlReader()`) awaited.
 */
export class XmlDsigSigner {
  private readonly algorithm: (typeof SIGNATURE_ALGORITHMS)[SignatureAlgorithm];
  /** The end certificate as `X509Certificate` carries it: its DER in base64, on one line. */
  readonly certificateBase64: string;
  private readonly privateKey: KeyObject;
  /** The SignedInfo's fixed start: its two methods. */
  private readonly methods: string;
  private readonly keyInfo: string;

  constructor(options: XmlDsigSignerOptions) {
    this.algorithm = SIGNATURE_ALGORITHMS[options.algorithm ?? 'rsa-sha256'];
    this.certificateBase64 = options.certificatePem.replace(/-----[A-Z ]+-----|\s/g, '');
    this.privateKey = createPrivateKey(options.privateKeyPem);
    this.methods = `<CanonicalizationMethod Algorithm="${C14N}"/><SignatureMethod Algorithm="${this.algorithm.signature}"/>`;
    this.keyInfo = `<KeyInfo><X509Data><X509Certificate>${this.certificateBase64}</X509Certificate></X509Data></KeyInfo>`;
  }

  /** Returns `xml` with a Signature over the element whose `Id` is `referenceId` (CPU only). */
  signNow(xml: string, referenceId: string): string {
    const id = checkedId(referenceId);
    const insertAt = signatureInsertionPoint(xml, id);
    if (insertAt === undefined) throw new Error(`cannot sign: no element has Id "${id}"`);
    const { digestValue, context } = this.digest(xml, id);
    const reference =
      `<Reference URI="#${id}"><Transforms><Transform Algorithm="${ENVELOPED_SIGNATURE}"/><Transform Algorithm="${C14N}"/></Transforms>` +
      `<DigestMethod Algorithm="${this.algorithm.digest}"/><DigestValue>${digestValue}</DigestValue></Reference>`;
    const signedInfo = `<SignedInfo>${this.methods}${reference}</SignedInfo>`;
    const signatureValue = sign(this.algorithm.hash, Buffer.from(canonicalSignedInfo(signedInfo, context)), this.privateKey).toString('base64');
    const signature = `<Signature xmlns="${XMLDSIG_NS}">${signedInfo}<SignatureValue>${signatureValue}</SignatureValue>${this.keyInfo}</Signature>`;
    return xml.slice(0, insertAt) + signature + xml.slice(insertAt);
  }

  /**
   * The digest of the element's canonical form, and what the Signature's SignedInfo inherits where
   * it will be inserted. The enveloped-signature transform removes nothing: the Signature is not
   * in the document yet, and goes beside the element, not inside it.
   */
  private digest(xml: string, id: string): { readonly digestValue: string; readonly context: string } {
    const doc = loadedLibxml2().XmlDocument.fromString(xml);
    try {
      const element: XmlElement | undefined = elementWithId(doc.root, id);
      const parent = element?.parent;
      if (element === undefined || parent === null || parent === undefined) throw new Error(`cannot sign: no element with a parent has Id "${id}"`);
      const hash = createHash(this.algorithm.hash);
      canonicalizeElement(doc, element, INCLUSIVE_C14N, hash);
      return { digestValue: hash.digest('base64'), context: signedInfoContext(parent) };
    } finally {
      doc.dispose();
    }
  }
}

/**
 * The canonical form (C14N 1.0) of the SignedInfo we wrote, in the Signature inserted as the last
 * child of an element whose inherited namespaces and `xml:*` attributes are `context`: written
 * directly, since we wrote every byte of it (empty elements as start and end tags, the XML-DSig
 * default namespace and the inherited ones on the apex). The verifier's libxml2 C14N checks it.
 */
function canonicalSignedInfo(signedInfo: string, context: string): string {
  return signedInfo.replace('<SignedInfo>', `<SignedInfo xmlns="${XMLDSIG_NS}"${context}>`).replace(/<(\w+)( Algorithm="[^"]*")\/>/g, '<$1$2></$1>');
}
