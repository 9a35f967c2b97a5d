/**
 * The XML-DSig algorithms NFS-e signatures use (ABRASF 2.x, the NFS-e Nacional manual), by URI:
 * what our signer writes and all our verifier accepts. Anything else is refused by name.
 * https://www.w3.org/TR/xmldsig-core1/#sec-AlgID
 */
export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

/** Inclusive C14N 1.0: what ABRASF and the NFS-e Nacional manual name. */
export const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** A canonicalization: libxml2's mode (0 inclusive 1.0, 1 exclusive 1.0) and whether comments stay. */
export interface Canonicalization {
  readonly exclusive: boolean;
  readonly withComments: boolean;
}

/** Inclusive C14N 1.0 without comments: what we sign with, and XML-DSig's default for a node-set. */
export const INCLUSIVE_C14N: Canonicalization = { exclusive: false, withComments: false };

export const CANONICALIZATIONS: Readonly<Record<string, Canonicalization>> = {
  [C14N]: INCLUSIVE_C14N,
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments': { exclusive: false, withComments: true },
  'http://www.w3.org/2001/10/xml-exc-c14n#': { exclusive: true, withComments: false },
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments': { exclusive: true, withComments: true },
};

/** Digest URIs → node:crypto hash names. */
export const DIGESTS: Readonly<Record<string, string>> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
};

/** RSA PKCS#1 v1.5 signature URIs → node:crypto hash names. */
export const RSA_SIGNATURES: Readonly<Record<string, string>> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': 'sha1',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'sha256',
};

/** The signature algorithms cities and the national system accept (per provider; SHA-256 by default). */
export const SIGNATURE_ALGORITHMS = {
  'rsa-sha256': { signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', digest: 'http://www.w3.org/2001/04/xmlenc#sha256', hash: 'sha256' },
  'rsa-sha1': { signature: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digest: 'http://www.w3.org/2000/09/xmldsig#sha1', hash: 'sha1' },
} as const;
export type SignatureAlgorithm = keyof typeof SIGNATURE_ALGORITHMS;
