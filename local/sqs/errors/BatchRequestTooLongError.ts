import { SqsError } from './SqsError';

/** SQS `BatchRequestTooLong`. */
export class BatchRequestTooLongError extends SqsError {
  public constructor(message = 'The length of all the messages put together is more than the limit.') {
    super('BatchRequestTooLong', message, 400, 'AWS.SimpleQueueService.BatchRequestTooLong');
    this.name = 'BatchRequestTooLongError';
  }
}
