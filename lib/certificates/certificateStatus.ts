import { CERTIFICATE_WARNING_DAYS, type CertificateMetadata, type CertificateStatus } from '../../contracts/certificate';
import { daysLeft } from './checkCertificate';

/**
 * A certificate's status at `now`: `expired` from its `notAfter` on (it can no longer sign),
 * `expiring` within the first warning (30 days left or fewer), `valid` before.
 */
export function certificateStatusOf(metadata: Pick<CertificateMetadata, 'notAfter'>, now: Date): CertificateStatus {
  if (Date.parse(metadata.notAfter) <= now.getTime()) return 'expired';
  return daysLeft(metadata, now) <= CERTIFICATE_WARNING_DAYS[0] ? 'expiring' : 'valid';
}
