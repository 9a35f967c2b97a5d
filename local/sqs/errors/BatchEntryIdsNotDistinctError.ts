import { SqsError } from './SqsError';

/** SQS `BatchEntryIdsNotDistinct`. */
export class BatchEntryIdsNotDistinctError extends SqsError {
  public constructor(message = 'Two or more batch entries in the request have the same Id.') {
    super('BatchEntryIdsNotDistinct', message, 400, 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct');
    this.name = 'BatchEntryIdsNotDistinctError';
  }
}
