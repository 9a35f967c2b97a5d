import { z } from 'zod';
import { CnpjSchema, IsoTimestampSchema } from './fields';

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

/**
 * Days before expiry at which `CertificateExpiring` goes out, each once, largest first: the first
 * is also where a certificate's status turns `expiring` (docs/nacional.md: warn 30 days ahead).
 */
export const CERTIFICATE_WARNING_DAYS = [30, 15, 7, 1] as const;
export type CertificateWarningDays = (typeof CERTIFICATE_WARNING_DAYS)[number];

/** `valid`; `expiring` within the first warning (30 days); `expired` from `notAfter` on. */
export const CertificateStatusSchema = z.enum(['valid', 'expiring', 'expired']);
export type CertificateStatus = z.infer<typeof CertificateStatusSchema>;

/** The largest `.pfx` we take, as base64 characters (~72 KB of file: an A1 with its chain is a few KB). */
export const MAX_PFX_BASE64_LENGTH = 100_000;

/** Standard base64 (RFC 4648 §4), padded, as `base64 -w0` or `Buffer.toString('base64')` write it; line breaks allowed. */
function isBase64(value: string): boolean {
  const compact = value.replace(/\s+/g, '');
  return compact.length > 0 && compact.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact);
}

/** `PUT /companies/{cnpj}/certificate`: the A1 certificate file and its password. */
export const CertificateUploadSchema = z.strictObject({
  /** The `.pfx` (PKCS#12) file, base64. */
  pfxBase64: z.string().max(MAX_PFX_BASE64_LENGTH).refine(isBase64, 'must be the .pfx file in base64 (A-Z, a-z, 0-9, +, /, padded with =)'),
  /** The password that opens the `.pfx`. */
  password: z.string().max(256),
});
export type CertificateUpload = z.infer<typeof CertificateUploadSchema>;

/** Which expiry events went out for the certificate on the record (each once; a new upload starts over). */
export const CertificateNoticesSchema = z.strictObject({
  /** The thresholds (days left) whose `CertificateExpiring` was published. */
  expiring: z.array(z.number().int().positive()),
  /** Whether `CertificateExpired` was published. */
  expired: z.boolean(),
});
export type CertificateNotices = z.infer<typeof CertificateNoticesSchema>;

/**
 * The company record's certificate part: what the certificate says about itself, where its file
 * is (the Secrets Manager secret and the version this upload created) and its status, as the
 * daily expiry check last set it. Written only by `PUT /companies/{cnpj}/certificate` and the
 * expiry check, never by the company's own PUT or PATCH.
 */
export const CompanyCertificateSchema = z.strictObject({
  metadata: CertificateMetadataSchema,
  secretArn: z.string().min(1),
  /** The secret version holding this certificate (AWSCURRENT when it was uploaded). */
  versionId: z.string().min(1),
  uploadedAt: IsoTimestampSchema,
  /** Who uploaded it (`sub` or `client_id`). */
  uploadedBy: z.string().min(1),
  status: CertificateStatusSchema,
  notices: CertificateNoticesSchema,
});
export type CompanyCertificate = z.infer<typeof CompanyCertificateSchema>;

/** `GET|PUT /companies/{cnpj}/certificate`: the certificate's metadata, its days left and status now. */
export const CertificateViewSchema = CertificateMetadataSchema.extend({
  /** Whole days until `notAfter` (negative once expired). */
  daysLeft: z.number().int(),
  status: CertificateStatusSchema,
  uploadedAt: IsoTimestampSchema,
  uploadedBy: z.string(),
  versionId: z.string(),
});
export type CertificateView = z.infer<typeof CertificateViewSchema>;
