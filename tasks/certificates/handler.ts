import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { logger } from '../shared/logger';
import { checkCertificateExpiry, type ExpiryReport } from './checkCertificateExpiry';

/** The certificate expiry check (daily): statuses, and `CertificateExpiring` / `CertificateExpired` once each. */
export async function handler(): Promise<ExpiryReport> {
  const { ddb, events } = awsClients();
  const report = await checkCertificateExpiry({ ddb, events, companiesTable: requireEnv(ENV.CompaniesTable), eventBusName: requireEnv(ENV.EventBusName), now: () => new Date() });
  logger.info('certificate expiry checked', { examined: report.examined, updated: report.updated.length, published: report.published.length });
  return report;
}
