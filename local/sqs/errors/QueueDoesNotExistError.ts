import { SqsError } from './SqsError';

/** SQS `QueueDoesNotExist`. */
export class QueueDoesNotExistError extends SqsError {
  public constructor(message = 'The specified queue does not exist.') {
    super('QueueDoesNotExist', message, 400, 'AWS.SimpleQueueService.NonExistentQueue');
    this.name = 'QueueDoesNotExistError';
  }
}
