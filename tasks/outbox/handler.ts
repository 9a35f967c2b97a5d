import type { Context } from 'aws-lambda';
import type { OutboxRelayResult } from '../../contracts/outboxRelay';
import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { logger } from '../shared/logger';
import { relayOutbox } from './relayOutbox';

/**
 * Optional: the relay publishes only the aggregates whose id starts with this. Unset in AWS (one
 * relay, the whole outbox); set by a test whose stack shares one database with other suites.
 */
export const AGGREGATE_PREFIX_ENV = 'OUTBOX_AGGREGATE_PREFIX';

/**
 * The outbox relay: run every minute by an EventBridge Scheduler schedule and nudged (an async
 * invoke) by writers right after they insert rows. Its event carries nothing it needs.
 */
export async function handler(_event?: unknown, context?: Context): Promise<OutboxRelayResult> {
  if (context !== undefined) logger.addContext(context);
  const { rds, events } = awsClients();
  const result = await relayOutbox({
    rds,
    events,
    clusterArn: requireEnv(ENV.DbClusterArn),
    secretArn: requireEnv(ENV.DbSecretArn),
    database: requireEnv(ENV.DbName),
    eventBusName: requireEnv(ENV.EventBusName),
    now: Date.now,
  }, { aggregatePrefix: process.env[AGGREGATE_PREFIX_ENV] ?? '' });
  if (result.claimed > 0) logger.info('outbox relayed', { claimed: result.claimed, published: result.published.length, failed: result.failed, released: result.released });
  return result;
}
