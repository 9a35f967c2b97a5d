import { SqsError } from './SqsError';

/** SQS `InvalidMessageContents`. */
export class InvalidMessageContentsError extends SqsError {
  public constructor(message = 'The message contains characters outside the allowed set.') {
    super('InvalidMessageContents', message, 400, 'InvalidMessageContents');
    this.name = 'InvalidMessageContentsError';
  }
}
