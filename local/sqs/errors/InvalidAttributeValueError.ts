import { SqsError } from './SqsError';

/** SQS `InvalidAttributeValue`. */
export class InvalidAttributeValueError extends SqsError {
  public constructor(message = 'A queue attribute value is invalid.') {
    super('InvalidAttributeValue', message, 400, 'InvalidAttributeValue');
    this.name = 'InvalidAttributeValueError';
  }
}
