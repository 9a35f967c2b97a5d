import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { logger } from '../shared/logger';
import { startQueued } from './startQueued';
import { annotateTrace, tracedHandler } from '../shared/tracing';

const processor = new BatchProcessor(EventType.SQS);

/** Thrown for a message left in the queue because Step Functions throttled its start. */
class StartThrottledError extends Error {
  public constructor(what: string) {
    super(`StartExecution throttled: ${what} left in the start queue`);
    this.name = 'StartThrottledError';
  }
}

/**
 * The starter (SQS event source on StartQueue, ReportBatchItemFailures): starts the invoices'
 * emissions and the orders' sagas queued past the StartExecution quota. Once one start is
 * throttled the rest of the batch is left in the queue untried (the bucket is empty: trying would
 * only spend the SDK's retries), and comes back after the queue's visibility timeout, so the queue
 * drains at the quota's pace.
 */
async function handle(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  if (context !== undefined) logger.addContext(context);
  const deps = { sfn: awsClients().sfn, emissionStateMachineArn: requireEnv(ENV.EmissionStateMachineArn), orderSagaStateMachineArn: requireEnv(ENV.OrderSagaStateMachineArn) };
  let throttled = false;
  const handleRecord = async (record: SQSRecord): Promise<void> => {
    logger.resetKeys();
    if (throttled) throw new StartThrottledError(`message ${record.messageId}`);
    const outcome = await startQueued(deps, record.body);
    const subject = 'invoiceId' in outcome ? { invoiceId: outcome.invoiceId } : { orderId: outcome.orderId };
    logger.appendKeys({ ...subject, ...(outcome.kind === 'started' ? { executionArn: outcome.executionArn } : {}) });
    annotateTrace({ ...subject, ...(outcome.kind === 'started' ? { executionArn: outcome.executionArn } : {}) });
    if (outcome.kind === 'throttled') {
      throttled = true;
      throw new StartThrottledError('invoiceId' in outcome ? `invoice ${outcome.invoiceId}` : `order ${outcome.orderId}`);
    }
    logger.info('queued start done', { messageId: record.messageId });
  };
  try {
    return await processPartialResponse(event, handleRecord, processor, { ...(context !== undefined ? { context } : {}), processInParallel: false, throwOnFullBatchFailure: false });
  } finally {
    logger.resetKeys();
  }
}

/** The Lambda entry point: {@link handle}, traced in Lambda (a subsegment of the invocation). */
export const handler = tracedHandler('starter', handle);
