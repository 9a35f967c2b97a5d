import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { logger } from '../shared/logger';
import { restartOrphans, type SweepReport } from './restartOrphans';
import { tracedHandler } from '../shared/tracing';

/** The sweeper (scheduled): restarts EMITTED invoices left without an execution. */
async function handle(): Promise<SweepReport> {
  const { ddb, sfn } = awsClients();
  const report = await restartOrphans({
    ddb,
    sfn,
    invoicesTable: requireEnv(ENV.InvoicesTable),
    emissionStateMachineArn: requireEnv(ENV.EmissionStateMachineArn),
    now: () => new Date(),
  });
  logger.info('sweep done', { read: report.read, examined: report.examined, restarted: report.restarted.length });
  return report;
}

/** The Lambda entry point: {@link handle}, traced in Lambda (a subsegment of the invocation). */
export const handler = tracedHandler('sweeper', handle);
