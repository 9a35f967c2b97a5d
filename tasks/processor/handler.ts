import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { awsClients } from '../shared/clients';
import { logger } from '../shared/logger';
import { failDeadLetteredTask, readDeadLetter } from './failDeadLetteredTask';
import { annotateTrace, tracedHandler } from '../shared/tracing';

const processor = new BatchProcessor(EventType.SQS);

/** One dead-lettered message; a throw reports it as a batch item failure, so SQS delivers it again. */
async function handleRecord(record: SQSRecord): Promise<void> {
  logger.resetKeys();
  const letter = readDeadLetter(record.body);
  if (letter.kind === 'request') {
    logger.appendKeys({ invoiceId: letter.request.invoiceId, executionArn: letter.request.executionArn });
    annotateTrace({ invoiceId: letter.request.invoiceId, executionArn: letter.request.executionArn });
  }
  try {
    const outcome = await failDeadLetteredTask(awsClients().sfn, letter, record.attributes.ApproximateReceiveCount);
    logger.info('dead-lettered request handled', { messageId: record.messageId, ...outcome });
  } catch (error) {
    logger.error('could not fail the dead-lettered task; will retry', { messageId: record.messageId, error: error instanceof Error ? error : String(error) });
    throw error;
  }
}

/**
 * The DLQ processor (SQS event source on RequestsDLQ, ReportBatchItemFailures): fails the tasks
 * of dead-lettered requests; a message whose answer failed for a passing reason is retried.
 * Records go one at a time, so each log line carries its own invoice's keys; a batch that fails
 * whole is reported message by message rather than thrown, which SQS treats alike.
 */
async function handle(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  if (context !== undefined) logger.addContext(context);
  try {
    return await processPartialResponse(event, handleRecord, processor, { ...(context !== undefined ? { context } : {}), processInParallel: false, throwOnFullBatchFailure: false });
  } finally {
    logger.resetKeys();
  }
}

/** The Lambda entry point: {@link handle}, traced in Lambda (a subsegment of the invocation). */
export const handler = tracedHandler('processor', handle);
