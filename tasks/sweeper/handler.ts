import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { logger } from '../shared/logger';
import { restartOrphans, type SweepReport } from './restartOrphans';

/** The sweeper (scheduled): restarts EMITTED invoices left without an execution. */
export async function handler(): Promise<SweepReport> {
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
