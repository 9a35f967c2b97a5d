import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { logger } from '../shared/logger';
import { ordersDatabaseFromEnv } from '../orders/ordersDatabaseFromEnv';
import { restartOrderSagas, type OrderSweepReport } from './restartOrderSagas';
import { restartOrphans, type SweepReport } from './restartOrphans';
import { tracedHandler } from '../shared/tracing';

/** The sweeper (scheduled): restarts EMITTED invoices and PENDING orders left without an execution. */
async function handle(): Promise<SweepReport & { readonly orders: OrderSweepReport }> {
  const { ddb, sfn } = awsClients();
  const report = await restartOrphans({
    ddb,
    sfn,
    invoicesTable: requireEnv(ENV.InvoicesTable),
    emissionStateMachineArn: requireEnv(ENV.EmissionStateMachineArn),
    now: () => new Date(),
  });
  logger.info('sweep done', { read: report.read, examined: report.examined, restarted: report.restarted.length });
  const orders = await restartOrderSagas({ db: ordersDatabaseFromEnv(), sfn, orderSagaStateMachineArn: requireEnv(ENV.OrderSagaStateMachineArn), now: () => new Date() });
  logger.info('orders sweep done', { examined: orders.examined, restarted: orders.restarted.length });
  return { ...report, orders };
}

/** The Lambda entry point: {@link handle}, traced in Lambda (a subsegment of the invocation). */
export const handler = tracedHandler('sweeper', handle);
