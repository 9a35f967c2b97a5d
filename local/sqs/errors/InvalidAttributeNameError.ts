import { SqsError } from './SqsError';

/** SQS `InvalidAttributeName`. */
export class InvalidAttributeNameError extends SqsError {
  public constructor(message = 'The specified attribute does not exist.') {
    super('InvalidAttributeName', message, 400, 'InvalidAttributeName');
    this.name = 'InvalidAttributeNameError';
  }
}
