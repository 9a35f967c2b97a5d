import { SqsError } from './SqsError';

/** SQS `ReceiptHandleIsInvalid`. */
export class ReceiptHandleIsInvalidError extends SqsError {
  public constructor(message = 'The input receipt handle is invalid.') {
    super('ReceiptHandleIsInvalid', message, 404, 'ReceiptHandleIsInvalid');
    this.name = 'ReceiptHandleIsInvalidError';
  }
}
