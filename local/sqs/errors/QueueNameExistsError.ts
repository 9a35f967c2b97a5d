import { SqsError } from './SqsError';

/** SQS `QueueNameExists`. */
export class QueueNameExistsError extends SqsError {
  public constructor(message = 'A queue already exists with the same name and a different value for attribute(s).') {
    super('QueueNameExists', message, 400, 'QueueAlreadyExists');
    this.name = 'QueueNameExistsError';
  }
}
