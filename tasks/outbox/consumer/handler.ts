import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { ENV } from '../../../contracts/wiring';
import { awsClients } from '../../shared/clients';
import { requireEnv } from '../../shared/environment';
import { logger } from '../../shared/logger';
import type { OutboxDatabase } from '../claimOutboxRows';
import { OutboxError } from '../errors';
import { ordersSchemasFromEnv } from '../../shared/ordersSchemasFromEnv';
import { recordBatch } from './recordBatch';

/** The name this sample consumer records its events under in `{orders schema}.mensagens_processadas`. */
export const ORDER_EVENT_LOG_CONSUMER = 'order-event-log';

type SqsHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * The sample idempotent consumer of `…-orders-events` (SQS event source, ReportBatchItemFailures):
 * each order event is recorded once per `detail.eventId`, a batch in one statement; a duplicate is
 * acknowledged and dropped. A message that is not an order event fails alone, and reaches the DLQ
 * after 3 receives; Powertools' batch processor reports the failed messages.
 */
export function orderEventsConsumer(db: () => OutboxDatabase, consumer: string = ORDER_EVENT_LOG_CONSUMER): SqsHandler {
  const processor = new BatchProcessor(EventType.SQS);
  return async (event, context) => {
    if (context !== undefined) logger.addContext(context);
    const outcomes = await recordBatch(db(), consumer, event.Records);
    const reportRecord = (record: SQSRecord): void => {
      const outcome = outcomes.get(record.messageId);
      if (outcome === undefined) throw new OutboxError(`message ${record.messageId} was not in the batch recorded`);
      if (outcome.kind === 'failed') throw outcome.error;
      const { event: orderEvent } = outcome;
      logger.info(outcome.outcome === 'processed' ? 'order event processed' : 'duplicate order event dropped', { eventId: orderEvent.detail.eventId, orderId: orderEvent.detail.orderId, detailType: orderEvent['detail-type'] });
    };
    return processPartialResponse(event, reportRecord, processor, { ...(context !== undefined ? { context } : {}), throwOnFullBatchFailure: false });
  };
}

/** The consumer Lambda, wired from the environment. */
export const handler: SqsHandler = orderEventsConsumer(() => ({
  rds: awsClients().rds,
  clusterArn: requireEnv(ENV.DbClusterArn),
  secretArn: requireEnv(ENV.DbSecretArn),
  database: requireEnv(ENV.DbName),
  schema: ordersSchemasFromEnv().orders,
}));
