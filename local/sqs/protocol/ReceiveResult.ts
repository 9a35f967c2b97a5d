import type { Message, MessageAttributes } from '../model/Message';
import { md5OfMessageAttributes } from '../model/messageMd5';

/** System attribute names ReceiveMessage can return. */
export const SYSTEM_ATTRIBUTE_NAMES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
] as const;

/** One received message with what this receive asked to see of it. */
export interface ReceivedMessage {
  readonly message: Message;
  readonly receiptHandle: string;
  /** System attributes, as strings. */
  readonly attributes: Readonly<Record<string, string>> | undefined;
  /** `undefined` when none were asked for or the message has none. */
  readonly messageAttributes: MessageAttributes | undefined;
  readonly md5OfMessageAttributes: string | undefined;
  /** True when every message attribute is returned (so the cached JSON applies). */
  readonly allMessageAttributes: boolean;
}

/** What ReceiveMessage answers: rendered by hand for JSON, so bodies are serialised once per message. */
export class ReceiveResult {
  public constructor(public readonly messages: readonly ReceivedMessage[]) {}

  /** Builds a received message with the system and message attributes a receive selected. */
  public static entry(message: Message, receiptHandle: string, systemNames: ReadonlySet<string>, attributeNames: readonly string[]): ReceivedMessage {
    let attributes: Record<string, string> | undefined;
    if (systemNames.size > 0) {
      attributes = {};
      for (const name of systemNames) {
        const value = systemAttribute(message, name);
        if (value !== undefined) attributes[name] = value;
      }
    }
    const selected = selectAttributes(message.attributes, attributeNames);
    return {
      message,
      receiptHandle,
      attributes,
      messageAttributes: selected.attributes,
      md5OfMessageAttributes: selected.attributes === undefined ? undefined : selected.all ? message.md5OfAttributes : md5OfMessageAttributes(selected.attributes),
      allMessageAttributes: selected.all,
    };
  }

  public toJson(): string {
    if (this.messages.length === 0) return '{}';
    const parts: string[] = [];
    for (const entry of this.messages) {
      const m = entry.message;
      let json = `{"MessageId":"${m.id}","ReceiptHandle":"${entry.receiptHandle}","MD5OfBody":"${m.md5OfBody}","Body":${m.bodyJson}`;
      if (entry.attributes !== undefined) json += `,"Attributes":${JSON.stringify(entry.attributes)}`;
      if (entry.messageAttributes !== undefined) {
        json += `,"MD5OfMessageAttributes":"${entry.md5OfMessageAttributes ?? ''}","MessageAttributes":${entry.allMessageAttributes ? m.attributesJson : JSON.stringify(entry.messageAttributes)}`;
      }
      parts.push(`${json}}`);
    }
    return `{"Messages":[${parts.join(',')}]}`;
  }
}

function systemAttribute(message: Message, name: string): string | undefined {
  switch (name) {
    case 'SenderId':
      return message.senderId;
    case 'SentTimestamp':
      return String(message.sentAt);
    case 'ApproximateReceiveCount':
      return String(message.receiveCount);
    case 'ApproximateFirstReceiveTimestamp':
      return message.firstReceiveAt !== undefined ? String(message.firstReceiveAt) : undefined;
    case 'SequenceNumber':
      return message.sequenceNumber;
    case 'MessageDeduplicationId':
      return message.deduplicationId;
    case 'MessageGroupId':
      return message.groupId;
    case 'AWSTraceHeader':
      return message.traceHeader;
    case 'DeadLetterQueueSourceArn':
      return message.deadLetterSourceArn;
    default:
      return undefined;
  }
}

/** Applies MessageAttributeNames: `All`, `.*`, `prefix.*` or exact names. */
function selectAttributes(attributes: MessageAttributes | undefined, names: readonly string[]): { attributes: MessageAttributes | undefined; all: boolean } {
  if (attributes === undefined || names.length === 0) return { attributes: undefined, all: false };
  if (names.some((n) => n === 'All' || n === '.*')) return { attributes, all: true };
  const selected: Record<string, MessageAttributes[string]> = {};
  let count = 0;
  for (const [key, value] of Object.entries(attributes)) {
    if (names.some((n) => (n.endsWith('.*') ? key.startsWith(n.slice(0, -1)) : key === n))) {
      selected[key] = value;
      count++;
    }
  }
  if (count === 0) return { attributes: undefined, all: false };
  return { attributes: selected, all: count === Object.keys(attributes).length };
}
