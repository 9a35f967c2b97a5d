import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { OrderBusEventSchema } from '../../../contracts/orderBusEvent';
import { ENV } from '../../../contracts/wiring';
import { awsClients } from '../../shared/clients';
import { requireEnv } from '../../shared/environment';
import { logger } from '../../shared/logger';
import type { OutboxDatabase } from '../claimOutboxRows';
import { OrderEventMalformedError } from '../errors';
import { ordersSchemasFromEnv } from '../../shared/ordersSchemasFromEnv';
import { recordOrderEvent } from './recordOrderEvent';

/** The name this sample consumer records its events under in `{orders schema}.mensagens_processadas`. */
export const ORDER_EVENT_LOG_CONSUMER = 'order-event-log';

type SqsHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * The sample idempotent consumer of `…-orders-events` (SQS event source, ReportBatchItemFailures):
 * each order event is recorded once per `detail.eventId`; a duplicate is acknowledged and dropped.
 * A message that is not an order event fails alone, and reaches the DLQ after 3 receives.
 */
export function orderEventsConsumer(db: () => OutboxDatabase, consumer: string = ORDER_EVENT_LOG_CONSUMER): SqsHandler {
  const processor = new BatchProcessor(EventType.SQS);
  return async (event, context) => {
    if (context !== undefined) logger.addContext(context);
    const handleRecord = async (record: SQSRecord): Promise<void> => {
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        throw new OrderEventMalformedError(record.messageId, 'its body is not JSON');
      }
      const parsed = OrderBusEventSchema.safeParse(body);
      if (!parsed.success) throw new OrderEventMalformedError(record.messageId, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      const outcome = await recordOrderEvent(db(), consumer, parsed.data);
      logger.info(outcome === 'processed' ? 'order event processed' : 'duplicate order event dropped', { eventId: parsed.data.detail.eventId, orderId: parsed.data.detail.orderId, detailType: parsed.data['detail-type'] });
    };
    return processPartialResponse(event, handleRecord, processor, { ...(context !== undefined ? { context } : {}), throwOnFullBatchFailure: false });
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
