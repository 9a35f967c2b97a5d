/**
 * An error SQS answers with. `code` is the JSON-protocol name (`__type`, and the SDK's error
 * `name`); `queryCode` is the older query-protocol code that the SDK reads from the
 * `x-amzn-query-error` header to map the error (`AWS.SimpleQueueService.NonExistentQueue`).
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-faqs.html
 */
export class SqsError extends Error {
  public constructor(
    public readonly code: string,
    message: string,
    public readonly status: number = 400,
    public readonly queryCode: string = code,
    public readonly senderFault: boolean = true,
  ) {
    super(message);
    this.name = 'SqsError';
  }
}
