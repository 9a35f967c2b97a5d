import { SqsError } from './SqsError';

/** SQS `InvalidAction`. */
export class InvalidActionError extends SqsError {
  public constructor(message = 'The action or operation requested is invalid.') {
    super('InvalidAction', message, 400, 'InvalidAction');
    this.name = 'InvalidActionError';
  }
}
