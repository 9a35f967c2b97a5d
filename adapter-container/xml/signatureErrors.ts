/**
 * Why a signature does not verify. The verifier turns each into an `invalid` verdict with its
 * message; none leaves `verifyXmlSignature`.
 */
export class XmlSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSignatureError';
  }
}

/** The signed content, or SignedInfo, is not what was signed. */
export class SignatureMismatchError extends XmlSignatureError {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureMismatchError';
  }
}

/** A Signature lacks what XML-DSig requires of it (https://www.w3.org/TR/xmldsig-core1/#sec-CoreSyntax). */
export class MalformedSignatureError extends XmlSignatureError {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedSignatureError';
  }
}

/** A URI NFS-e signatures do not use: refused by name rather than guessed at. */
export class UnsupportedAlgorithmError extends XmlSignatureError {
  constructor(role: string, uri: string) {
    super(`the signature’s ${role} ${uri === '' ? '(none)' : uri} is not one NFS-e signatures use`);
    this.name = 'UnsupportedAlgorithmError';
  }
}
