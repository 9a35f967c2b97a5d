import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { OrdersDatabase } from './OrdersDatabase';

let database: OrdersDatabase | undefined;

/** The process's orders database: Aurora named by DB_CLUSTER_ARN, DB_SECRET_ARN and DB_NAME. */
export function ordersDatabaseFromEnv(): OrdersDatabase {
  database ??= new OrdersDatabase({ rds: awsClients().rds, clusterArn: requireEnv(ENV.DbClusterArn), secretArn: requireEnv(ENV.DbSecretArn), database: requireEnv(ENV.DbName) });
  return database;
}
