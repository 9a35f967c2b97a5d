import { SqsError } from './SqsError';

/** SQS `InvalidBatchEntryId`. */
export class InvalidBatchEntryIdError extends SqsError {
  public constructor(message = 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.') {
    super('InvalidBatchEntryId', message, 400, 'AWS.SimpleQueueService.InvalidBatchEntryId');
    this.name = 'InvalidBatchEntryIdError';
  }
}
