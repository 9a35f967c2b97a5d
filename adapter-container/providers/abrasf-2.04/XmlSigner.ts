/**
 * The seam for XML-DSig signing with the company's A1 certificate. Cities that require a
 * signature get a real signer (enveloped RSA-SHA1/SHA256 over the element with this Id); locally
 * and in tests nothing is signed.
 */
export interface XmlSigner {
  /** Returns `xml` with a Signature over the element whose `Id` is `referenceId`. */
  sign(xml: string, referenceId: string): Promise<string>;
}

/** Sends documents as they are (no certificate). */
export const UNSIGNED: XmlSigner = {
  sign: (xml) => Promise.resolve(xml),
};

/** The `Id` of the first element named `element` in `xml`, for the Signature's Reference URI. */
export function elementId(xml: string, element: string): string | undefined {
  return new RegExp(`<(?:\\w+:)?${element}\\b[^>]*\\sId="([^"]+)"`).exec(xml)?.[1];
}
