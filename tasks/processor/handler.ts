import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { logger } from '../shared/logger';
import { failDeadLetteredTask } from './failDeadLetteredTask';

let sfn: SFNClient | undefined;

/**
 * The DLQ processor (SQS event source on RequestsDLQ, ReportBatchItemFailures): fails the tasks
 * of dead-lettered requests; a message whose answer failed for a passing reason is retried.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  sfn ??= new SFNClient({});
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const outcome = await failDeadLetteredTask(sfn, record.body, record.attributes.ApproximateReceiveCount);
      logger.info('dead-lettered request handled', { messageId: record.messageId, ...outcome });
    } catch (error) {
      logger.error('could not fail the dead-lettered task; will retry', { messageId: record.messageId, error: error instanceof Error ? error : String(error) });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
