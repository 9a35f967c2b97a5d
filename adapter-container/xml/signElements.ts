import { SIGNED_ELEMENTS, type SignedElement } from '../../contracts/municipality';
import type { XmlDsigSigner } from './XmlDsigSigner';

/** The `Id` of the first element named `element` in `xml`, for the Signature's Reference URI. */
export function elementId(xml: string, element: string): string | undefined {
  return new RegExp(`<(?:\\w+:)?${element}\\b[^>]*\\sId="([^"]+)"`).exec(xml)?.[1];
}

/** Our signer's Signature elements (no prefix, the XML-DSig namespace declared on each). */
const SIGNATURE = /<Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">[\s\S]*?<\/Signature>/g;

/** The Signature in `xml` over the element with `id`, if any. */
function signatureOver(xml: string, id: string): string | undefined {
  return xml.match(SIGNATURE)?.find((signature) => signature.includes(`<Reference URI="#${id}">`));
}

/**
 * Signs, in `xml`, each element of `elements` the document contains (by its `Id`), inner ones
 * first (the RPS before the lot that wraps it: the lot's signature covers the RPS's). An element
 * already signed with this signer's certificate is left as it is — signing the same content with
 * the same key gives the same bytes anyway — and one signed with another certificate (the
 * company's was replaced since) is signed again. Elements the document does not hold are skipped,
 * so one city's list serves every document sent to it (the RPS, the lot, the cancellation).
 */
export function signElements(xml: string, elements: readonly SignedElement[], signer: XmlDsigSigner): string {
  let signed = xml;
  for (const element of SIGNED_ELEMENTS) {
    if (!elements.includes(element)) continue;
    const id = elementId(signed, element);
    if (id === undefined) continue;
    const existing = signatureOver(signed, id);
    if (existing !== undefined) {
      if (existing.includes(`<X509Certificate>${signer.certificateBase64}</X509Certificate>`)) continue;
      signed = signed.replace(existing, '');
    }
    signed = signer.signNow(signed, id);
  }
  return signed;
}
