import { BillingUsageEventSchema, type FetchVolumesResult } from '../../contracts/billingCycle';
import type { UsageCompanyPage } from '../../contracts/usagePlatform';
import { awsClients } from '../shared/clients';
import { logger } from '../shared/logger';
import { billingClientsFromEnv, type BillingClients } from './billingClients';
import { fetchVolumes } from './fetchVolumes';
import { tracedHandler } from '../shared/tracing';

let clients: Promise<BillingClients> | undefined;

/**
 * The usage platform's Lambda (BillingCycleWorkflow's FetchVolumes, CnpjSyncWorkflow's pages):
 * its errors are thrown with their taxonomy name (`Usage.Transient`) for the state machine to retry.
 */
async function handle(event: unknown): Promise<FetchVolumesResult | UsageCompanyPage> {
  const request = BillingUsageEventSchema.parse(event);
  clients ??= billingClientsFromEnv(awsClients().secrets);
  const { usage } = await clients.catch((error: unknown) => {
    clients = undefined;
    throw error;
  });
  switch (request.action) {
    case 'fetchVolumes': {
      const result = await fetchVolumes(usage, request.competencia, request.empresaIds, new Date(request.startedAt));
      logger.info('volumes fetched', { competencia: result.competencia, companies: result.companies.length, unknown: result.unknown });
      return result;
    }
    case 'listCompanies':
      return usage.companiesPage(request.page);
    default: {
      const never: never = request;
      throw new Error(`unknown action ${JSON.stringify(never)}`);
    }
  }
}

/** The Lambda entry point: {@link handle}, traced in Lambda (a subsegment of the invocation). */
export const handler = tracedHandler('billing-usage', handle);
