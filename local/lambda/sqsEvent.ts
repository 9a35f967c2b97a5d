import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';

/** One record of the event Lambda gives a function for an SQS event source. */
export interface SqsRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageAttributes: Readonly<Record<string, SqsRecordMessageAttribute>>;
  readonly md5OfBody: string;
  readonly md5OfMessageAttributes?: string;
  readonly eventSource: 'aws:sqs';
  readonly eventSourceARN: string;
  readonly awsRegion: string;
}

/** A message attribute as Lambda spells it in an SQS record (camelCase, binary as base64). */
export interface SqsRecordMessageAttribute {
  readonly dataType: string;
  readonly stringValue?: string;
  readonly binaryValue?: string;
  readonly stringListValues: readonly string[];
  readonly binaryListValues: readonly string[];
}

/** The event: `{Records: [...]}`. */
export interface SqsEvent {
  readonly Records: readonly SqsRecord[];
}

/**
 * Builds Lambda's SQS event from received messages.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#example-standard-queue-message-event
 */
export function sqsEvent(messages: readonly Message[], eventSourceArn: string, region: string): SqsEvent {
  return { Records: messages.map((message) => sqsRecord(message, eventSourceArn, region)) };
}

function sqsRecord(message: Message, eventSourceArn: string, region: string): SqsRecord {
  const messageAttributes: Record<string, SqsRecordMessageAttribute> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) messageAttributes[name] = recordAttribute(value);
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.Attributes ?? {})) if (value !== undefined) attributes[name] = value;
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes,
    messageAttributes,
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes !== undefined ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: eventSourceArn,
    awsRegion: region,
  };
}

function recordAttribute(value: MessageAttributeValue): SqsRecordMessageAttribute {
  return {
    dataType: value.DataType ?? 'String',
    ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
    ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
  };
}
