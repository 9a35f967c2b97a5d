import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { RevenueQuerySchema } from '../../contracts/listInvoices';
import { ENV } from '../../contracts/wiring';
import { jsonResponse } from '../shared/apiResponse';
import { apiHandler } from '../shared/apiHandler';
import { loadCaller } from '../shared/caller';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { parseQuery } from '../shared/parseQuery';
import { revenueReport } from './revenueReport';

let rds: RDSDataClient | undefined;

/** `GET /reports/revenue?month=YYYY-MM[&companyCnpj=]`. */
export const handler = apiHandler(async (event) => {
  const { ddb } = awsClients();
  rds ??= new RDSDataClient({});
  const caller = await loadCaller(event, ddb, requireEnv(ENV.TenantsTable));
  const query = parseQuery(event, RevenueQuerySchema);
  const report = await revenueReport({ rds, clusterArn: requireEnv(ENV.DbClusterArn), secretArn: requireEnv(ENV.DbSecretArn), database: requireEnv(ENV.DbName) }, caller, query);
  return jsonResponse(event, 200, report);
});
