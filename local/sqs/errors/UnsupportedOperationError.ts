import { SqsError } from './SqsError';

/** SQS `UnsupportedOperation`. */
export class UnsupportedOperationError extends SqsError {
  public constructor(message = 'Unsupported operation.') {
    super('UnsupportedOperation', message, 400, 'AWS.SimpleQueueService.UnsupportedOperation');
    this.name = 'UnsupportedOperationError';
  }
}
