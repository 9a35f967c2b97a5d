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

/** The XML-DSig children of an element by local name, from one pass over its children. */
type DsigChildren = ReadonlyMap<string, readonly XmlElement[]>;

function dsigChildrenOf(element: XmlElement): DsigChildren {
  const byName = new Map<string, XmlElement[]>();
  for (const child of elementChildren(element)) {
    if (child.namespaceUri !== XMLDSIG_NS) continue;
    const named = byName.get(child.name);
    if (named === undefined) byName.set(child.name, [child]);
    else named.push(child);
  }
  return byName;
}

/**
 * A Signature element with its children and its SignedInfos' children, each read once: what
 * choosing the signature (its Reference URIs), finding its certificate and reading it all need.
 */
export interface SignatureElements {
  readonly signature: XmlElement;
  readonly children: DsigChildren;
  /** Its SignedInfo elements (one in a well-formed Signature), each with its children. */
  readonly signedInfos: ReadonlyArray<{ readonly element: XmlElement; readonly children: DsigChildren }>;
}

/** Reads the structure of a Signature element once, for {@link referenceUris}, {@link keyInfoCertificate} and {@link readSignature}. */
export function signatureElements(signature: XmlElement): SignatureElements {
  const children = dsigChildrenOf(signature);
  const signedInfos = (children.get('SignedInfo') ?? []).map((element) => ({ element, children: dsigChildrenOf(element) }));
  return { signature, children, signedInfos };
}

function onlyChild(element: XmlElement, children: DsigChildren, name: string): XmlElement {
  const found = children.get(name) ?? [];
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
export function referenceUris({ signedInfos }: SignatureElements): string[] {
  return signedInfos.flatMap(({ children }) => (children.get('Reference') ?? []).map((reference) => reference.attr('URI')?.value ?? ''));
}

/** Reads a Signature element (https://www.w3.org/TR/xmldsig-core1/#sec-CoreSyntax); throws MalformedSignatureError. */
export function readSignature({ signature, children, signedInfos }: SignatureElements): SignatureContent {
  const signedInfo = onlyChild(signature, children, 'SignedInfo');
  // The one SignedInfo (onlyChild has just checked there is exactly one), whose children were read with it.
  const signedInfoChildren = (signedInfos[0] as (typeof signedInfos)[number]).children;
  const references = (signedInfoChildren.get('Reference') ?? []).map((reference): SignedReference => {
    const referenceChildren = dsigChildrenOf(reference);
    const transforms = (referenceChildren.get('Transforms') ?? []).flatMap((list) => (dsigChildrenOf(list).get('Transform') ?? []).map(algorithmOf));
    return {
      uri: reference.attr('URI')?.value ?? '',
      transforms,
      digestMethod: algorithmOf(onlyChild(reference, referenceChildren, 'DigestMethod')).uri,
      digestValue: base64(onlyChild(reference, referenceChildren, 'DigestValue').content),
    };
  });
  if (references.length === 0) throw new MalformedSignatureError('SignedInfo has no Reference');
  return {
    signedInfo,
    canonicalization: algorithmOf(onlyChild(signedInfo, signedInfoChildren, 'CanonicalizationMethod')),
    signatureMethod: algorithmOf(onlyChild(signedInfo, signedInfoChildren, 'SignatureMethod')).uri,
    references,
    signatureValue: base64(onlyChild(signature, children, 'SignatureValue').content),
  };
}

/** The text of the Signature's KeyInfo's first `X509Certificate` (any prefix), as xml-crypto's getCertFromKeyInfo found it. */
export function keyInfoCertificate({ children }: SignatureElements): string | undefined {
  const keyInfo = children.get('KeyInfo')?.[0];
  return keyInfo === undefined ? undefined : firstDescendant(keyInfo, 'X509Certificate')?.content;
}
