import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { routeHandler } from '../shared/routeHandler';
import { revenueReport } from './revenueReport';

/** `GET /reports/revenue?month=YYYY-MM[&companyCnpj=]`. */
export const handler = routeHandler('report', {
  getRevenueReport: async ({ caller, query }) => {
    const report = await revenueReport({ rds: awsClients().rds, clusterArn: requireEnv(ENV.DbClusterArn), secretArn: requireEnv(ENV.DbSecretArn), database: requireEnv(ENV.DbName) }, caller, query);
    return { statusCode: 200, body: report };
  },
});
