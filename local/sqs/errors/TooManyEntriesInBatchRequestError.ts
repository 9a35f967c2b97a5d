import { SqsError } from './SqsError';

/** SQS `TooManyEntriesInBatchRequest`. */
export class TooManyEntriesInBatchRequestError extends SqsError {
  public constructor(message = 'Maximum number of entries per request are 10.') {
    super('TooManyEntriesInBatchRequest', message, 400, 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest');
    this.name = 'TooManyEntriesInBatchRequestError';
  }
}
