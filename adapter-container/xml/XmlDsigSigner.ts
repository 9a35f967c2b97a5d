import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';

/** The signature algorithms cities and the national system accept (per provider; SHA-256 by default). */
export const SIGNATURE_ALGORITHMS = {
  'rsa-sha256': { signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', digest: 'http://www.w3.org/2001/04/xmlenc#sha256' },
  'rsa-sha1': { signature: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digest: 'http://www.w3.org/2000/09/xmldsig#sha1' },
} as const;
export type SignatureAlgorithm = keyof typeof SIGNATURE_ALGORITHMS;

/** Inclusive C14N 1.0: what ABRASF and the NFS-e Nacional manual name. */
export const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** What {@link XmlDsigSigner} signs with. */
export interface XmlDsigSignerOptions {
  /** The A1 certificate's private key (PEM). */
  readonly privateKeyPem: string;
  /** The end certificate (PEM): the only one in `KeyInfo/X509Data`. */
  readonly certificatePem: string;
  /** @default 'rsa-sha256' */
  readonly algorithm?: SignatureAlgorithm;
}

/** An `Id` that is safe inside an XPath string literal (NFS-e ids are letters and digits). */
function checkedId(referenceId: string): string {
  if (!/^[A-Za-z_][\w.-]*$/.test(referenceId)) throw new Error(`cannot sign: "${referenceId}" is not an XML Id`);
  return referenceId;
}

/**
 * XML-DSig as NFS-e systems want it: an enveloped signature over the element with the given
 * `Id` (`Reference URI="#Id"`, transforms enveloped-signature then C14N 1.0), the end
 * certificate in `KeyInfo/X509Data/X509Certificate`, no namespace prefixes, and `Signature`
 * appended as the last child of the signed element's parent (e.g. `Rps`, `DPS`).
 */
export class XmlDsigSigner {
  private readonly algorithm: (typeof SIGNATURE_ALGORITHMS)[SignatureAlgorithm];
  /** The end certificate as `X509Certificate` carries it: its DER in base64, on one line. */
  readonly certificateBase64: string;
  /**
   * The key and the KeyInfo content, read once: from PEM, xml-crypto parsed the key and the
   * certificate again on every signature (a third of signNow's CPU).
   */
  private readonly privateKey: KeyObject;
  private readonly keyInfoContent: string | null;

  constructor(private readonly options: XmlDsigSignerOptions) {
    this.algorithm = SIGNATURE_ALGORITHMS[options.algorithm ?? 'rsa-sha256'];
    this.certificateBase64 = options.certificatePem.replace(/-----[A-Z ]+-----|\s/g, '');
    this.privateKey = createPrivateKey(options.privateKeyPem);
    this.keyInfoContent = SignedXml.getKeyInfoContent({ publicCert: options.certificatePem });
  }

  /** Returns `xml` with a Signature over the element whose `Id` is `referenceId` (CPU only, ~1 ms). */
  signNow(xml: string, referenceId: string): string {
    const id = checkedId(referenceId);
    const keyInfoContent = this.keyInfoContent;
    const signed = new SignedXml({
      privateKey: this.privateKey,
      publicCert: this.options.certificatePem,
      getKeyInfoContent: () => keyInfoContent,
      signatureAlgorithm: this.algorithm.signature,
      canonicalizationAlgorithm: C14N,
    });
    // The element found from its attribute: XPath over xmldom evaluates `//*[@Id='x']`'s predicate
    // on every element, `//@Id[.='x']` only on Id attributes (2.4x faster), and xml-crypto
    // evaluates the reference three times per signature. Same element either way.
    const signedElement = `//@Id[.='${id}']/..`;
    signed.addReference({ xpath: signedElement, uri: `#${id}`, transforms: [ENVELOPED_SIGNATURE, C14N], digestAlgorithm: this.algorithm.digest });
    signed.computeSignature(xml, { location: { reference: `${signedElement}/..`, action: 'append' } });
    return signed.getSignedXml();
  }
}
