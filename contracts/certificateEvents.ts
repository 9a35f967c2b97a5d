import { z } from 'zod';
import { CERTIFICATE_WARNING_DAYS } from './certificate';
import { CnpjSchema, IsoTimestampSchema } from './fields';

/** EventBridge `Source` of the certificate events (the invoice events' bus). */
export const CERTIFICATE_EVENT_SOURCE = 'nfse-flow.certificates';

/** EventBridge `DetailType`s. */
export const CERTIFICATE_EVENT_TYPES = {
  Expiring: 'CertificateExpiring',
  Expired: 'CertificateExpired',
} as const;
export type CertificateEventType = (typeof CERTIFICATE_EVENT_TYPES)[keyof typeof CERTIFICATE_EVENT_TYPES];

const Common = {
  companyCnpj: CnpjSchema,
  serialNumber: z.string(),
  fingerprintSha256: z.string().regex(/^[0-9a-f]{64}$/),
  notAfter: IsoTimestampSchema,
};

/** Detail of `CertificateExpiring`: published once per threshold (30, 15, 7, 1 days left). */
export const CertificateExpiringDetailSchema = z.strictObject({
  ...Common,
  /** The threshold crossed. */
  thresholdDays: z.literal(CERTIFICATE_WARNING_DAYS),
  daysLeft: z.number().int().min(0),
});
/** Detail of `CertificateExpired`: published once, on the first check after `notAfter`. */
export const CertificateExpiredDetailSchema = z.strictObject(Common);

export type CertificateExpiringDetail = z.infer<typeof CertificateExpiringDetailSchema>;
export type CertificateExpiredDetail = z.infer<typeof CertificateExpiredDetailSchema>;

/** The detail each event type carries, by `DetailType`. */
export const CERTIFICATE_EVENT_DETAIL_SCHEMAS = {
  [CERTIFICATE_EVENT_TYPES.Expiring]: CertificateExpiringDetailSchema,
  [CERTIFICATE_EVENT_TYPES.Expired]: CertificateExpiredDetailSchema,
} as const satisfies Record<CertificateEventType, z.ZodType>;
