import { SqsError } from './SqsError';

/** SQS `MessageNotInflight`. */
export class MessageNotInflightError extends SqsError {
  public constructor(message = 'The specified message is not in flight.') {
    super('MessageNotInflight', message, 400, 'AWS.SimpleQueueService.MessageNotInflight');
    this.name = 'MessageNotInflightError';
  }
}
