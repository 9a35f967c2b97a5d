/** Why a certificate was refused: what an API answers (422) and a CLI prints. */
export const CERTIFICATE_PROBLEMS = [
  'NotPkcs12',
  'WrongPassword',
  'NoPrivateKey',
  'UnsupportedKey',
  'KeyMismatch',
  'NotYetValid',
  'Expired',
  'NoCnpj',
  'CnpjMismatch',
] as const;
export type CertificateProblem = (typeof CERTIFICATE_PROBLEMS)[number];

/** A certificate that cannot be used, with the problem named; the message never holds key material. */
export class CertificateError extends Error {
  constructor(
    readonly problem: CertificateProblem,
    message: string,
  ) {
    super(message);
    this.name = 'CertificateError';
  }
}
