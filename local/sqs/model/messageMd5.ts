import { createHash } from 'node:crypto';
import type { MessageAttributes } from './Message';

const TRANSPORT_STRING = 1;
const TRANSPORT_BINARY = 2;

/** MD5 (hex) of a message body's UTF-8 bytes, as SQS answers it in `MD5OfMessageBody`. */
export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

/**
 * MD5 of message attributes in the encoding AWS documents: names sorted; for each, the
 * length-prefixed (4-byte big-endian) name and data type, one transport byte (1 string, 2
 * binary) and the length-prefixed value.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation
 */
export function md5OfMessageAttributes(attributes: MessageAttributes): string {
  const hash = createHash('md5');
  for (const name of Object.keys(attributes).sort()) {
    const value = attributes[name];
    if (value === undefined) continue;
    updateWithLength(hash, Buffer.from(name, 'utf8'));
    updateWithLength(hash, Buffer.from(value.DataType, 'utf8'));
    if (value.BinaryValue !== undefined && value.StringValue === undefined) {
      hash.update(Buffer.from([TRANSPORT_BINARY]));
      updateWithLength(hash, Buffer.from(value.BinaryValue, 'base64'));
    } else {
      hash.update(Buffer.from([TRANSPORT_STRING]));
      updateWithLength(hash, Buffer.from(value.StringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}

function updateWithLength(hash: ReturnType<typeof createHash>, bytes: Buffer): void {
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32BE(bytes.length, 0);
  hash.update(length);
  hash.update(bytes);
}
