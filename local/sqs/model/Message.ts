import type { HeapEntry } from './MinHeap';

/** Where a message is in its life inside one queue. */
export const MESSAGE_STATES = ['delayed', 'visible', 'inflight', 'deleted'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

/** A message attribute as the JSON protocol carries it (binary values base64-encoded). */
export interface MessageAttributeValue {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

export type MessageAttributes = Readonly<Record<string, MessageAttributeValue>>;

/** What a message is born with (on send, on a move, or from a snapshot). */
export interface MessageInit {
  readonly id: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly attributes?: MessageAttributes;
  readonly md5OfAttributes?: string;
  readonly traceHeader?: string;
  readonly md5OfSystemAttributes?: string;
  readonly sentAt: number;
  readonly senderId: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly sequenceNumber?: string;
  /** ARN of the queue this message was dead-lettered from. */
  readonly deadLetterSourceArn?: string;
}

/** One message inside one queue. Mutable on purpose: its state changes in place, without copies. */
export class Message implements HeapEntry {
  public readonly id: string;
  public readonly body: string;
  public readonly md5OfBody: string;
  public readonly attributes?: MessageAttributes;
  public readonly md5OfAttributes?: string;
  public readonly traceHeader?: string;
  public readonly md5OfSystemAttributes?: string;
  public readonly sentAt: number;
  public readonly senderId: string;
  public readonly groupId?: string;
  public readonly deduplicationId?: string;
  public readonly sequenceNumber?: string;
  public readonly deadLetterSourceArn?: string;

  public state: MessageState = 'visible';
  /** When it entered this queue (retention counts from here), real ms. */
  public enqueuedAt = 0;
  /** When a delayed or in-flight message becomes visible, real ms. */
  public visibleAt = 0;
  public receiveCount = 0;
  public firstReceiveAt: number | undefined;
  /** Grows on each receive: the receipt handle carries it, so only the latest handle acts. */
  public receiptNonce = 0;
  /** Position in the queue's delayed or in-flight heap (-1: in neither). */
  public heapIndex = -1;
  /** Whether a FIFO group index already holds this message. */
  public inGroup = false;
  private bodyJsonCache: string | undefined;
  private attributesJsonCache: string | undefined;

  public constructor(init: MessageInit) {
    this.id = init.id;
    this.body = init.body;
    this.md5OfBody = init.md5OfBody;
    this.attributes = init.attributes;
    this.md5OfAttributes = init.md5OfAttributes;
    this.traceHeader = init.traceHeader;
    this.md5OfSystemAttributes = init.md5OfSystemAttributes;
    this.sentAt = init.sentAt;
    this.senderId = init.senderId;
    this.groupId = init.groupId;
    this.deduplicationId = init.deduplicationId;
    this.sequenceNumber = init.sequenceNumber;
    this.deadLetterSourceArn = init.deadLetterSourceArn;
  }

  /** The body as a JSON string literal, computed once however often the message is received. */
  public get bodyJson(): string {
    if (this.bodyJsonCache === undefined) this.bodyJsonCache = JSON.stringify(this.body);
    return this.bodyJsonCache;
  }

  /** The message attributes as a JSON object, computed once. */
  public get attributesJson(): string {
    if (this.attributesJsonCache === undefined) this.attributesJsonCache = JSON.stringify(this.attributes ?? {});
    return this.attributesJsonCache;
  }

  /** The fields a copy of this message keeps when it moves to another queue. */
  public toInit(overrides: Partial<MessageInit> = {}): MessageInit {
    return {
      id: this.id,
      body: this.body,
      md5OfBody: this.md5OfBody,
      attributes: this.attributes,
      md5OfAttributes: this.md5OfAttributes,
      traceHeader: this.traceHeader,
      md5OfSystemAttributes: this.md5OfSystemAttributes,
      sentAt: this.sentAt,
      senderId: this.senderId,
      groupId: this.groupId,
      deduplicationId: this.deduplicationId,
      sequenceNumber: this.sequenceNumber,
      deadLetterSourceArn: this.deadLetterSourceArn,
      ...overrides,
    };
  }
}
