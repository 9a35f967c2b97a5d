import { SqsError } from './SqsError';

/** SQS `EmptyBatchRequest`. */
export class EmptyBatchRequestError extends SqsError {
  public constructor(message = 'There should be at least one SendMessageBatchRequestEntry in the request.') {
    super('EmptyBatchRequest', message, 400, 'AWS.SimpleQueueService.EmptyBatchRequest');
    this.name = 'EmptyBatchRequestError';
  }
}
