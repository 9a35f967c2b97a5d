/**
 * The seam for XML-DSig signing with the company's A1 certificate: `XmlDsigSigner` for cities and
 * the national system that require a signature, {@link UNSIGNED} for those that do not.
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
