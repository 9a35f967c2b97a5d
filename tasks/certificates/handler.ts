import { METRIC_SERVICES } from '../../contracts/metrics';
import { ENV } from '../../contracts/wiring';
import { MetricsEmitter } from '../../lib/metrics/MetricsEmitter';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { logger } from '../shared/logger';
import { checkCertificateExpiry, type ExpiryReport } from './checkCertificateExpiry';
import { tracedHandler } from '../shared/tracing';
import { emitCertificateMetrics } from './certificateMetrics';

/** The certificate expiry check (daily): statuses, and `CertificateExpiring` / `CertificateExpired` once each. */
async function handle(): Promise<ExpiryReport> {
  const { ddb, events } = awsClients();
  const report = await checkCertificateExpiry({ ddb, events, companiesTable: requireEnv(ENV.CompaniesTable), eventBusName: requireEnv(ENV.EventBusName), now: () => new Date() });
  logger.info('certificate expiry checked', { examined: report.examined, updated: report.updated.length, published: report.published.length });
  emitCertificateMetrics(report, new MetricsEmitter({ service: METRIC_SERVICES.certificates, warn: (problem) => logger.warn('metric not emitted as asked', { problem }), whenDisabled: (emf) => logger.debug('metrics', { emf }) }));
  return report;
}

/** The Lambda entry point: {@link handle}, traced in Lambda (a subsegment of the invocation). */
export const handler = tracedHandler('certificates', handle);
