import { z } from 'zod';
import { CnpjSchema } from './fields';

/**
 * What we tell about a company's A1 certificate — never key material: who it was issued to and
 * by, its serial number, validity and the CNPJ it carries (ICP-Brasil otherName 2.16.76.1.3.3, or
 * the subject CN `RAZAO SOCIAL:CNPJ`).
 */
export const CertificateMetadataSchema = z.strictObject({
  subject: z.string(),
  issuer: z.string(),
  /** Hexadecimal, as `openssl x509 -serial` prints it. */
  serialNumber: z.string(),
  notBefore: z.iso.datetime(),
  notAfter: z.iso.datetime(),
  /** The CNPJ the certificate was issued for, when it carries one. */
  cnpj: CnpjSchema.optional(),
  /** SHA-256 of the DER certificate, hexadecimal: tells two uploads apart. */
  fingerprintSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CertificateMetadata = z.infer<typeof CertificateMetadataSchema>;
