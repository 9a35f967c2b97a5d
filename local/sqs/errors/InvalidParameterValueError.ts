import { SqsError } from './SqsError';

/** SQS `InvalidParameterValue`. */
export class InvalidParameterValueError extends SqsError {
  public constructor(message = 'A parameter value is not valid.') {
    super('InvalidParameterValue', message, 400, 'InvalidParameterValue');
    this.name = 'InvalidParameterValueError';
  }
}
