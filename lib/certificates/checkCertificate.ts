import type { CertificateMetadata } from '../../contracts/certificate';
import { CertificateError } from './CertificateError';

/** What a company's certificate must satisfy. */
export interface CertificateExpectations {
  /** The company it is uploaded for. */
  readonly cnpj: string;
  readonly now: Date;
}

/** Whole days from `now` until the certificate expires (negative once it has). */
export function daysLeft(metadata: Pick<CertificateMetadata, 'notAfter'>, now: Date): number {
  return Math.floor((Date.parse(metadata.notAfter) - now.getTime()) / 86_400_000);
}

/**
 * Throws a {@link CertificateError} when the certificate cannot sign for this company now: not yet
 * valid, expired, carrying no CNPJ, or carrying another company's.
 */
export function checkCertificate(metadata: CertificateMetadata, expected: CertificateExpectations): void {
  const now = expected.now.getTime();
  if (Date.parse(metadata.notBefore) > now) throw new CertificateError('NotYetValid', `the certificate is valid only from ${metadata.notBefore}`);
  if (Date.parse(metadata.notAfter) <= now) throw new CertificateError('Expired', `the certificate expired on ${metadata.notAfter}`);
  if (metadata.cnpj === undefined) throw new CertificateError('NoCnpj', 'the certificate carries no CNPJ (neither the ICP-Brasil otherName 2.16.76.1.3.3 nor a CN ending in :CNPJ): it is not an e-CNPJ');
  if (metadata.cnpj !== expected.cnpj) throw new CertificateError('CnpjMismatch', `the certificate belongs to CNPJ ${metadata.cnpj}, not ${expected.cnpj}`);
}
