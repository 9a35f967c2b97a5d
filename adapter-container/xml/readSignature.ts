import type { XmlElement } from 'libxml2-wasm';
import { XMLDSIG_NS } from './dsigAlgorithms';
import { descendants, elementChildren } from './elementChildren';
import { MalformedSignatureError } from './signatureErrors';

const EXC_C14N_NS = 'http://www.w3.org/2001/10/xml-exc-c14n#';

/** An algorithm as a `*Method` or `Transform` element names it, with exclusive C14N's InclusiveNamespaces prefixes. */
export interface AlgorithmUse {
  readonly uri: string;
  readonly inclusivePrefixes?: readonly string[];
}

/** One `SignedInfo/Reference`. */
export interface SignedReference {
  readonly uri: string;
  readonly transforms: readonly AlgorithmUse[];
  readonly digestMethod: string;
  readonly digestValue: Buffer;
}

/** What a Signature element says, read before anything in the document changes. */
export interface SignatureContent {
  readonly signedInfo: XmlElement;
  readonly canonicalization: AlgorithmUse;
  readonly signatureMethod: string;
  readonly references: readonly SignedReference[];
  readonly signatureValue: Buffer;
}

function dsigChildren(element: XmlElement, name: string): XmlElement[] {
  return [...elementChildren(element)].filter((child) => child.name === name && child.namespaceUri === XMLDSIG_NS);
}

function onlyChild(element: XmlElement, name: string): XmlElement {
  const found = dsigChildren(element, name);
  if (found.length !== 1) throw new MalformedSignatureError(`${element.name} has ${found.length} ${name} elements`);
  return found[0] as XmlElement;
}

function algorithmOf(element: XmlElement): AlgorithmUse {
  const uri = element.attr('Algorithm')?.value;
  if (uri === undefined) throw new MalformedSignatureError(`${element.name} has no Algorithm`);
  const inclusive = [...elementChildren(element)].find((child) => child.name === 'InclusiveNamespaces' && child.namespaceUri === EXC_C14N_NS);
  const prefixList = inclusive?.attr('PrefixList')?.value;
  return prefixList === undefined ? { uri } : { uri, inclusivePrefixes: prefixList.split(/\s+/).filter((prefix) => prefix !== '') };
}

/** Base64 as XML-DSig carries it (line breaks and spaces allowed). */
function base64(text: string): Buffer {
  return Buffer.from(text.replace(/\s/g, ''), 'base64');
}

function firstDescendant(element: XmlElement, name: string): XmlElement | undefined {
  const found = descendants(element, name).next();
  return found.done === true ? undefined : found.value;
}

/** The `URI`s of a Signature's SignedInfo References, or none when it has no SignedInfo. */
export function referenceUris(signature: XmlElement): string[] {
  return dsigChildren(signature, 'SignedInfo').flatMap((signedInfo) => dsigChildren(signedInfo, 'Reference').map((reference) => reference.attr('URI')?.value ?? ''));
}

/** Reads a Signature element (https://www.w3.org/TR/xmldsig-core1/#sec-CoreSyntax); throws MalformedSignatureError. */
export function readSignature(signature: XmlElement): SignatureContent {
  const signedInfo = onlyChild(signature, 'SignedInfo');
  const references = dsigChildren(signedInfo, 'Reference').map((reference): SignedReference => {
    const transforms = dsigChildren(reference, 'Transforms').flatMap((list) => dsigChildren(list, 'Transform').map(algorithmOf));
    return {
      uri: reference.attr('URI')?.value ?? '',
      transforms,
      digestMethod: algorithmOf(onlyChild(reference, 'DigestMethod')).uri,
      digestValue: base64(onlyChild(reference, 'DigestValue').content),
    };
  });
  if (references.length === 0) throw new MalformedSignatureError('SignedInfo has no Reference');
  return {
    signedInfo,
    canonicalization: algorithmOf(onlyChild(signedInfo, 'CanonicalizationMethod')),
    signatureMethod: algorithmOf(onlyChild(signedInfo, 'SignatureMethod')).uri,
    references,
    signatureValue: base64(onlyChild(signature, 'SignatureValue').content),
  };
}

/** The text of the Signature's KeyInfo's first `X509Certificate` (any prefix), as xml-crypto's getCertFromKeyInfo found it. */
export function keyInfoCertificate(signature: XmlElement): string | undefined {
  const keyInfo = dsigChildren(signature, 'KeyInfo')[0];
  return keyInfo === undefined ? undefined : firstDescendant(keyInfo, 'X509Certificate')?.content;
}
