import { SqsError } from './SqsError';

/** SQS `ResourceNotFoundException`. */
export class ResourceNotFoundError extends SqsError {
  public constructor(message = 'The specified resource does not exist.') {
    super('ResourceNotFoundException', message, 404, 'ResourceNotFoundException');
    this.name = 'ResourceNotFoundError';
  }
}
