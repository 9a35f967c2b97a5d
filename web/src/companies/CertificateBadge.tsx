import type { ReactElement } from 'react';
import type { CompanyCertificate } from '../../../contracts/certificate';
import { certificateStatusOf } from '../../../lib/certificates/certificateStatus';
import { daysLeft } from '../../../lib/certificates/checkCertificate';

const LOOKS = {
  valid: { tone: 'ok', symbol: '✓' },
  expiring: { tone: 'warn', symbol: '!' },
  expired: { tone: 'bad', symbol: '✕' },
} as const;

/**
 * A company's certificate as of now — status and days left from its `notAfter`, not the status
 * the daily check last wrote, which can be a day old — or "no certificate".
 */
export function CertificateBadge(props: { readonly certificate: CompanyCertificate | undefined }): ReactElement {
  const { certificate } = props;
  if (certificate === undefined) {
    return (
      <span className="badge badge-muted" data-certificate="none">
        <span aria-hidden="true">–</span> no certificate
      </span>
    );
  }
  const now = new Date();
  const status = certificateStatusOf(certificate.metadata, now);
  const days = daysLeft(certificate.metadata, now);
  const look = LOOKS[status];
  return (
    <span className={`badge badge-${look.tone}`} data-certificate={status} title={`valid until ${certificate.metadata.notAfter}`}>
      <span aria-hidden="true">{look.symbol}</span> {status === 'expired' ? 'expired' : `${status} · ${days} day${days === 1 ? '' : 's'} left`}
    </span>
  );
}
