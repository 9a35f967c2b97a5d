/** Base of the outbox relay's and the order-events consumer's errors. */
export class OutboxError extends Error {
  public constructor(message: string, options: { readonly cause?: unknown } = {}) {
    super(message, options);
    this.name = 'OutboxError';
  }
}

/**
 * PutEvents accepted rows that could not be marked published. They stay claimed until their
 * lease ends, and the next run publishes them again with the same `eventId` (consumers drop it).
 */
export class OutboxMarkError extends OutboxError {
  public constructor(public readonly eventIds: readonly string[], options: { readonly cause?: unknown } = {}) {
    super(`published ${eventIds.length} outbox row(s) but could not mark them published (they will be published again after their lease): ${eventIds.join(', ')}`, options);
    this.name = 'OutboxMarkError';
  }
}

/** An SQS message on the order-events queue that is not an order event. */
export class OrderEventMalformedError extends OutboxError {
  public constructor(messageId: string, reason: string) {
    super(`message ${messageId} is not an order event: ${reason}`);
    this.name = 'OrderEventMalformedError';
  }
}
