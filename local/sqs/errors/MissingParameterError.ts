import { SqsError } from './SqsError';

/** SQS `MissingParameter`. */
export class MissingParameterError extends SqsError {
  public constructor(message = 'A required parameter is missing.') {
    super('MissingParameter', message, 400, 'MissingParameter');
    this.name = 'MissingParameterError';
  }
}
