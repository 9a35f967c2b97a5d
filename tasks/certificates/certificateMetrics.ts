import { METRIC_NAMES } from '../../contracts/metrics';
import { MetricUnit, type MetricsEmitter } from '../../lib/metrics/MetricsEmitter';
import type { ExpiryReport } from './checkCertificateExpiry';

/**
 * The daily check's figures as metrics, with no dimension but the service: the fewest days left
 * among all the companies' certificates (an alarm below 7 days), and how many are within 30 days.
 * Never one metric per company: each would be a billed custom metric, and the per-company detail
 * is in the `CertificateExpiring` events and the console. None without a certificate examined.
 */
export function emitCertificateMetrics(report: Pick<ExpiryReport, 'fewestDaysLeft' | 'expiring'>, emitter: Pick<MetricsEmitter, 'emit'>): void {
  if (report.fewestDaysLeft === null) return;
  emitter.emit({}, [
    { name: METRIC_NAMES.certificateDaysLeft, unit: MetricUnit.Count, value: report.fewestDaysLeft },
    { name: METRIC_NAMES.certificatesExpiring, unit: MetricUnit.Count, value: report.expiring },
  ]);
}
