import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { ordersSchemasFromEnv } from '../shared/ordersSchemasFromEnv';
import { OrdersDatabase } from './OrdersDatabase';

let database: OrdersDatabase | undefined;

/** The process's orders database: Aurora named by DB_CLUSTER_ARN, DB_SECRET_ARN and DB_NAME; its schemas by STOCK_SCHEMA and ORDERS_SCHEMA (unset in AWS: `estoque`, `faturamento`). */
export function ordersDatabaseFromEnv(): OrdersDatabase {
  database ??= new OrdersDatabase({ rds: awsClients().rds, clusterArn: requireEnv(ENV.DbClusterArn), secretArn: requireEnv(ENV.DbSecretArn), database: requireEnv(ENV.DbName), schemas: ordersSchemasFromEnv() });
  return database;
}
