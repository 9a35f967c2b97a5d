import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { logger } from '../shared/logger';
import { startQueued } from './startQueued';
import { annotateTrace, tracedHandler } from '../shared/tracing';

const processor = new BatchProcessor(EventType.SQS);

/**
 * How long a start still throttled waits before its next try, as a new message: about the
 * queue's former visibility timeout (60 s), spread over 30 s more so a batch does not come back at once.
 */
const REQUEUE_DELAY_SECONDS = { min: 60, spread: 30 } as const;

/**
 * The starter (SQS event source on StartQueue, ReportBatchItemFailures): starts the invoices'
 * emissions and the orders' sagas queued past the StartExecution quota. Once one start is
 * throttled the rest of the batch is not tried (the bucket is empty: trying would only spend the
 * SDK's retries): each goes back to the queue as a new message with a delay, so the queue drains
 * at the quota's pace. Not left to the visibility timeout: every round a message waited counted a
 * receive, and ten rounds of an empty bucket (a message behind a throttled one is not even tried)
 * sent a start to StartDLQ, its order PENDING for good (orders have no sweeper). StartDLQ keeps
 * what fails for another reason ten times. Sent before the original is deleted: at worst twice,
 * and the execution's name keeps the start single.
 */
async function handle(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  if (context !== undefined) logger.addContext(context);
  const deps = { sfn: awsClients().sfn, emissionStateMachineArn: requireEnv(ENV.EmissionStateMachineArn), orderSagaStateMachineArn: requireEnv(ENV.OrderSagaStateMachineArn) };
  const startQueueUrl = requireEnv(ENV.StartQueueUrl);
  const requeue = async (record: SQSRecord): Promise<void> => {
    const delay = REQUEUE_DELAY_SECONDS.min + Math.floor(Math.random() * (REQUEUE_DELAY_SECONDS.spread + 1));
    await awsClients().sqs.send(new SendMessageCommand({ QueueUrl: startQueueUrl, MessageBody: record.body, DelaySeconds: delay }));
  };
  let throttled = false;
  const handleRecord = async (record: SQSRecord): Promise<void> => {
    logger.resetKeys();
    if (throttled) return requeue(record);
    const outcome = await startQueued(deps, record.body);
    const subject = 'invoiceId' in outcome ? { invoiceId: outcome.invoiceId } : { orderId: outcome.orderId };
    logger.appendKeys({ ...subject, ...(outcome.kind === 'started' ? { executionArn: outcome.executionArn } : {}) });
    annotateTrace({ ...subject, ...(outcome.kind === 'started' ? { executionArn: outcome.executionArn } : {}) });
    if (outcome.kind === 'throttled') {
      throttled = true;
      logger.info('StartExecution throttled: the start goes back to the queue', { messageId: record.messageId });
      return requeue(record);
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
