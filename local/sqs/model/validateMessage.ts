import { InvalidMessageContentsError } from '../errors/InvalidMessageContentsError';
import { InvalidParameterValueError } from '../errors/InvalidParameterValueError';
import { MissingParameterError } from '../errors/MissingParameterError';
import type { MessageAttributeValue, MessageAttributes } from './Message';

/** Characters SQS accepts in a body or string attribute (XML 1.0 characters). */
const INVALID_CHARACTER = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_\-.]{1,256}$/;
const DATA_TYPE = /^(String|Number|Binary)(\..{1,250})?$/s;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Checks a body and its attributes as SendMessage does, and returns the size SQS counts against
 * `MaximumMessageSize` (body plus every attribute's name, type and value).
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 */
export function validateMessage(body: string | undefined, attributes: MessageAttributes | undefined): number {
  if (body === undefined || body.length === 0) throw new MissingParameterError('The request must contain the parameter MessageBody.');
  if (INVALID_CHARACTER.test(body)) {
    throw new InvalidMessageContentsError('Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF');
  }
  let size = Buffer.byteLength(body, 'utf8');
  if (attributes === undefined) return size;
  const names = Object.keys(attributes);
  if (names.length > 10) throw new InvalidParameterValueError(`Number of message attributes [${names.length}] exceeds the allowed maximum [10].`);
  for (const name of names) {
    const value: unknown = attributes[name];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InvalidParameterValueError(`The message attribute '${name}' must be a structure with a DataType.`);
    }
    if (!isAttributeValue(value)) throw new InvalidParameterValueError(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    if (!ATTRIBUTE_NAME.test(name) || /^(aws\.|amazon\.)/i.test(name) || name.includes('..') || name.startsWith('.') || name.endsWith('.')) {
      throw new InvalidParameterValueError(`Message (user) attribute name '${name}' is invalid.`);
    }
    const type = DATA_TYPE.exec(value.DataType);
    if (type === null) throw new InvalidParameterValueError(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value.DataType, 'utf8');
    if (type[1] === 'Binary') {
      if (typeof value.BinaryValue !== 'string' || value.BinaryValue.length === 0) {
        throw new InvalidParameterValueError(`The message attribute '${name}' with type 'Binary' must use field 'Binary'.`);
      }
      size += Buffer.from(value.BinaryValue, 'base64').length;
      continue;
    }
    if (typeof value.StringValue !== 'string' || value.StringValue.length === 0) {
      throw new InvalidParameterValueError(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type[1]}'.`);
    }
    if (type[1] === 'Number' && !NUMBER.test(value.StringValue)) {
      throw new InvalidParameterValueError(`Can't cast the value of message (user) attribute '${name}' to a number.`);
    }
    if (INVALID_CHARACTER.test(value.StringValue)) throw new InvalidParameterValueError(`Message (user) attribute '${name}' value contains invalid characters.`);
    size += Buffer.byteLength(value.StringValue, 'utf8');
  }
  return size;
}

function isAttributeValue(value: object): value is MessageAttributeValue {
  const v = value as Record<string, unknown>;
  return typeof v.DataType === 'string' && (v.StringValue === undefined || typeof v.StringValue === 'string') && (v.BinaryValue === undefined || typeof v.BinaryValue === 'string');
}
