import type { Context } from 'aws-lambda';
import type { OutboxRelayResult } from '../../contracts/outboxRelay';
import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { logger } from '../shared/logger';
import { ordersSchemasFromEnv } from '../shared/ordersSchemasFromEnv';
import { relayOutbox } from './relayOutbox';

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
    schema: ordersSchemasFromEnv().orders,
    eventBusName: requireEnv(ENV.EventBusName),
    now: Date.now,
  });
  if (result.claimed > 0) logger.info('outbox relayed', { claimed: result.claimed, published: result.published.length, failed: result.failed, released: result.released });
  return result;
}
