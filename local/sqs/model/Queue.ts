import { createHash, randomUUID } from 'node:crypto';
import type { Clock, TimerHandle } from '../../../lib/clock/Clock';
import { InvalidParameterValueError } from '../errors/InvalidParameterValueError';
import { MessageNotInflightError } from '../errors/MessageNotInflightError';
import { MissingParameterError } from '../errors/MissingParameterError';
import { Deduplicator } from './Deduplicator';
import { Deque } from './Deque';
import type { DeliveryOrder } from './DeliveryOrder';
import { FifoDeliveryOrder } from './FifoDeliveryOrder';
import { LongPollWaiters } from './LongPollWaiters';
import { Message, type MessageAttributes, type MessageInit } from './Message';
import { MinHeap } from './MinHeap';
import type { QueueSettings } from './QueueSettings';
import type { ReceiptHandle } from './ReceiptHandle';
import { StandardDeliveryOrder } from './StandardDeliveryOrder';
import { md5OfBody, md5OfMessageAttributes } from './messageMd5';
import { validateMessage } from './validateMessage';

/** What a queue needs from the registry that holds it. */
export interface QueueHost {
  readonly clock: Clock;
  readonly accountId: string;
  /** Moves `message` to the dead-letter queue `targetArn`; false when there is no such queue. */
  deadLetter(source: Queue, message: Message, targetArn: string): boolean;
}

/** One SendMessage (or batch entry) as the model takes it. */
export interface SendInput {
  readonly body?: string;
  readonly delaySeconds?: number;
  readonly attributes?: MessageAttributes;
  readonly traceHeader?: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
}

/** What a send answers. */
export interface SendResult {
  readonly messageId: string;
  readonly md5OfBody: string;
  readonly md5OfAttributes?: string;
  readonly md5OfSystemAttributes?: string;
  readonly sequenceNumber?: string;
}

const DEDUPLICATION_INTERVAL_MS = 5 * 60 * 1000;

/**
 * One queue: its messages, the index of visible ones (a {@link DeliveryOrder}), min-heaps of
 * delayed and in-flight messages, and a single clock timer armed for the earliest of them (or
 * the oldest message's retention). Times are real milliseconds; AWS durations are converted
 * with the clock's time scale, so `timeScale` drives visibility, delays and retention alike.
 */
export class Queue {
  public readonly waiters: LongPollWaiters;
  public readonly deduplicator: Deduplicator;
  public readonly tags = new Map<string, string>();
  public lastModifiedAt: number;
  public visibleCount = 0;
  public inflightCount = 0;
  public delayedCount = 0;
  public sequence = 0;
  private readonly byId = new Map<string, Message>();
  private readonly arrivals = new Deque<Message>(1024);
  private readonly delayed = new MinHeap<Message>();
  private readonly inflight = new MinHeap<Message>();
  private readonly delivery: DeliveryOrder;
  private timer: TimerHandle | undefined;
  private timerAt = Infinity;
  private drainQueued = false;
  private destroyed = false;
  private readonly realPerAwsMs: number;

  public constructor(
    private readonly host: QueueHost,
    public readonly name: string,
    public readonly arn: string,
    public readonly url: string,
    public readonly settings: QueueSettings,
    public readonly createdAt: number,
  ) {
    this.lastModifiedAt = createdAt;
    this.realPerAwsMs = host.clock.toRealMs(1_000_000) / 1_000_000;
    this.waiters = new LongPollWaiters(host.clock);
    this.delivery = settings.fifo ? new FifoDeliveryOrder() : new StandardDeliveryOrder();
    this.deduplicator = new Deduplicator(host.clock.toRealMs(DEDUPLICATION_INTERVAL_MS));
  }

  public get fifo(): boolean {
    return this.settings.fifo;
  }

  /** Validates and enqueues one message (or recognises a FIFO duplicate). */
  public send(input: SendInput, now: number): SendResult {
    const size = validateMessage(input.body, input.attributes);
    const body = input.body ?? '';
    if (size > this.settings.maximumMessageSize) {
      throw new InvalidParameterValueError(`One or more parameters are invalid. Reason: Message must be shorter than ${this.settings.maximumMessageSize} bytes.`);
    }
    if (input.delaySeconds !== undefined && (!Number.isInteger(input.delaySeconds) || input.delaySeconds < 0 || input.delaySeconds > 900)) {
      throw new InvalidParameterValueError(`Value ${input.delaySeconds} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.`);
    }
    const hasAttributes = input.attributes !== undefined && Object.keys(input.attributes).length > 0;
    const md5Body = md5OfBody(body);
    const md5Attributes = hasAttributes && input.attributes !== undefined ? md5OfMessageAttributes(input.attributes) : undefined;
    const md5System = input.traceHeader !== undefined ? md5OfMessageAttributes({ AWSTraceHeader: { DataType: 'String', StringValue: input.traceHeader } }) : undefined;
    let deduplicationId: string | undefined;
    let sequenceNumber: string | undefined;
    if (this.fifo) {
      if (input.groupId === undefined || input.groupId === '') throw new MissingParameterError('The request must contain the parameter MessageGroupId.');
      if (input.delaySeconds !== undefined && input.delaySeconds !== 0) {
        throw new InvalidParameterValueError(`Value ${input.delaySeconds} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`);
      }
      deduplicationId = input.deduplicationId ?? (this.settings.contentBasedDeduplication ? createHash('sha256').update(body, 'utf8').digest('hex') : undefined);
      if (deduplicationId === undefined) {
        throw new InvalidParameterValueError('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
      }
      const key = this.settings.deduplicationScope === 'messageGroup' ? `${input.groupId}\u0000${deduplicationId}` : deduplicationId;
      const seen = this.deduplicator.find(key, now);
      if (seen !== undefined) {
        return { messageId: seen.messageId, md5OfBody: md5Body, md5OfAttributes: md5Attributes, md5OfSystemAttributes: md5System, sequenceNumber: seen.sequenceNumber };
      }
      sequenceNumber = this.nextSequenceNumber();
      const messageId = randomUUID();
      this.deduplicator.record(key, messageId, sequenceNumber, now);
      this.enqueue(this.newMessage(messageId, body, md5Body, input, md5Attributes, md5System, now, deduplicationId, sequenceNumber), 0, now);
      return { messageId, md5OfBody: md5Body, md5OfAttributes: md5Attributes, md5OfSystemAttributes: md5System, sequenceNumber };
    }
    if (input.deduplicationId !== undefined) {
      throw new InvalidParameterValueError(`Value ${input.deduplicationId} for parameter MessageDeduplicationId is invalid. Reason: The request include parameter that is not valid for this queue type.`);
    }
    const messageId = randomUUID();
    this.enqueue(this.newMessage(messageId, body, md5Body, input, md5Attributes, md5System, now), (input.delaySeconds ?? this.settings.delaySeconds) * 1000, now);
    return { messageId, md5OfBody: md5Body, md5OfAttributes: md5Attributes, md5OfSystemAttributes: md5System };
  }

  /** Adds a message that arrives from elsewhere (a dead-letter or a redrive move). */
  public adopt(init: MessageInit, now: number, receiveCount = 0, firstReceiveAt?: number): Message {
    const message = new Message(init);
    message.receiveCount = receiveCount;
    message.firstReceiveAt = firstReceiveAt;
    this.enqueue(message, 0, now);
    return message;
  }

  /** Restores a message from a snapshot in the state it was in. */
  public restore(message: Message): void {
    this.byId.set(message.id, message);
    this.arrivals.push(message);
    switch (message.state) {
      case 'visible':
        this.visibleCount++;
        this.delivery.added(message);
        break;
      case 'delayed':
        this.delayedCount++;
        this.delayed.push(message);
        break;
      case 'inflight':
        this.inflightCount++;
        this.delivery.restoreInflight(message);
        this.inflight.push(message);
        break;
      case 'deleted':
        this.byId.delete(message.id);
        break;
    }
    this.rearm();
  }

  /** Receives up to `max` visible messages now, making them invisible for `visibilityTimeoutMs`. */
  public receive(max: number, visibilityTimeoutMs: number, now: number): Message[] {
    this.advance(now);
    if (this.visibleCount === 0) return [];
    const visibleAt = now + visibilityTimeoutMs * this.realPerAwsMs;
    const retentionMs = this.retentionRealMs();
    const redrive = this.settings.redrivePolicy;
    const taken = this.delivery.take(max, (message) => {
      if (message.enqueuedAt + retentionMs <= now) {
        this.discard(message);
        return false;
      }
      if (redrive !== undefined && message.receiveCount >= redrive.maxReceiveCount && this.host.deadLetter(this, message, redrive.deadLetterTargetArn)) {
        this.discard(message);
        return false;
      }
      message.state = 'inflight';
      message.receiveCount++;
      message.receiptNonce++;
      if (message.firstReceiveAt === undefined) message.firstReceiveAt = now;
      message.visibleAt = visibleAt;
      this.visibleCount--;
      this.inflightCount++;
      this.inflight.push(message);
      return true;
    });
    if (taken.length > 0) this.ensureTimer(visibleAt);
    return taken;
  }

  /**
   * Receives now, or waits up to `waitMs` (AWS time) for a message to arrive. `clientGone.signal`
   * aborts when the caller went away before the answer reached it: a receive still waiting then
   * takes nothing, and the messages already taken for it are given back at once (see
   * {@link giveBack}). The signal is read only when there is something to watch, as the edge
   * makes it on first read.
   */
  public async receiveOrWait(max: number, visibilityTimeoutMs: number, waitMs: number, now: number, clientGone?: Pick<AbortController, 'signal'>): Promise<Message[]> {
    let messages = this.receive(max, visibilityTimeoutMs, now);
    if (messages.length === 0 && waitMs > 0 && !this.destroyed) messages = await this.waiters.wait(max, visibilityTimeoutMs, waitMs, clientGone?.signal);
    if (clientGone !== undefined && messages.length > 0) this.giveBackOnAbort(messages, clientGone.signal);
    return messages;
  }

  /** Takes visible messages out of the queue (for a move task). */
  public takeVisible(max: number, now: number): Message[] {
    this.advance(now);
    const taken = this.delivery.take(max, (message) => {
      message.state = 'inflight';
      this.visibleCount--;
      this.inflightCount++;
      return true;
    });
    for (const message of taken) this.discard(message);
    return taken;
  }

  /** DeleteMessage: a stale handle (the message was received again since) succeeds without deleting. */
  public delete(handle: ReceiptHandle): void {
    const message = this.byId.get(handle.messageId);
    if (message === undefined || message.receiptNonce !== handle.nonce) return;
    this.discard(message);
  }

  /** ChangeMessageVisibility: the new timeout counts from now. */
  public changeVisibility(handle: ReceiptHandle, receiptHandleText: string, visibilityTimeoutMs: number, now: number): void {
    this.advance(now);
    const message = this.byId.get(handle.messageId);
    if (message === undefined || message.receiptNonce !== handle.nonce) {
      throw new InvalidParameterValueError(`Value ${receiptHandleText} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`);
    }
    if (message.state !== 'inflight') throw new MessageNotInflightError();
    if (visibilityTimeoutMs <= 0) {
      this.returnToVisible(message);
      return;
    }
    message.visibleAt = now + visibilityTimeoutMs * this.realPerAwsMs;
    this.inflight.update(message);
    this.ensureTimer(message.visibleAt);
  }

  /** PurgeQueue: every message goes, in flight or not. */
  public purge(): void {
    for (const message of this.byId.values()) {
      message.state = 'deleted';
    }
    this.byId.clear();
    this.arrivals.clear();
    this.delayed.clear();
    this.inflight.clear();
    this.delivery.clear();
    this.visibleCount = 0;
    this.inflightCount = 0;
    this.delayedCount = 0;
    this.rearm();
  }

  /** Every message still in the queue, oldest arrival first (for snapshots). */
  public messages(): Message[] {
    return [...this.arrivals].filter((m) => m.state !== 'deleted');
  }

  /** Fires due delays, visibility timeouts and retention expiries up to `now`. */
  public advance(now: number): void {
    for (let top = this.delayed.peek(); top !== undefined && top.visibleAt <= now; top = this.delayed.peek()) {
      this.delayed.pop();
      this.delayedCount--;
      this.makeVisible(top, true);
    }
    for (let top = this.inflight.peek(); top !== undefined && top.visibleAt <= now; top = this.inflight.peek()) {
      this.inflight.pop();
      this.inflightCount--;
      this.makeVisible(top, false);
    }
    const retentionMs = this.retentionRealMs();
    for (let head = this.arrivals.peek(); head !== undefined; head = this.arrivals.peek()) {
      if (head.state !== 'deleted') {
        if (head.enqueuedAt + retentionMs > now) break;
        this.discard(head);
      }
      this.arrivals.shift();
    }
  }

  /** Re-plans the queue's timer (after a settings change or a restore). */
  public rearm(): void {
    this.host.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
    this.ensureTimer(this.nextDue());
  }

  /** Stops the timer and answers every waiting receive (DeleteQueue, shutdown). */
  public destroy(): void {
    this.destroyed = true;
    this.host.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
    this.waiters.releaseAll();
  }

  private newMessage(id: string, body: string, md5Body: string, input: SendInput, md5Attributes: string | undefined, md5System: string | undefined, now: number, deduplicationId?: string, sequenceNumber?: string): Message {
    return new Message({
      id,
      body,
      md5OfBody: md5Body,
      attributes: md5Attributes !== undefined ? input.attributes : undefined,
      md5OfAttributes: md5Attributes,
      traceHeader: input.traceHeader,
      md5OfSystemAttributes: md5System,
      sentAt: now,
      senderId: this.host.accountId,
      groupId: input.groupId,
      deduplicationId,
      sequenceNumber,
    });
  }

  private nextSequenceNumber(): string {
    this.sequence++;
    return `18${String(this.sequence).padStart(18, '0')}`;
  }

  private enqueue(message: Message, delayMs: number, now: number): void {
    message.enqueuedAt = now;
    this.byId.set(message.id, message);
    this.arrivals.push(message);
    if (this.arrivals.length === 1) this.ensureTimer(now + this.retentionRealMs());
    if (delayMs > 0) {
      message.state = 'delayed';
      message.visibleAt = now + delayMs * this.realPerAwsMs;
      this.delayedCount++;
      this.delayed.push(message);
      this.ensureTimer(message.visibleAt);
      return;
    }
    this.makeVisible(message, true);
  }

  private makeVisible(message: Message, fresh: boolean): void {
    message.state = 'visible';
    this.visibleCount++;
    if (fresh) this.delivery.added(message);
    else this.delivery.returned(message);
    this.signal();
  }

  /** Removes a message whatever its state. */
  private discard(message: Message): void {
    const previous = message.state;
    if (previous === 'deleted') return;
    if (previous === 'visible') this.visibleCount--;
    else if (previous === 'inflight') {
      this.inflightCount--;
      this.inflight.remove(message);
    } else {
      this.delayedCount--;
      this.delayed.remove(message);
    }
    message.state = 'deleted';
    this.byId.delete(message.id);
    this.delivery.removed(message, previous);
    // Removed messages stay in the arrival order until they reach its head; when an old message
    // holds the head (a long visibility timeout), drop them in one pass so their bodies are freed.
    if (this.arrivals.length > 4096 && this.arrivals.length > 2 * this.byId.size) this.arrivals.compact((m) => m.state !== 'deleted');
  }

  private giveBackOnAbort(messages: readonly Message[], signal: AbortSignal): void {
    const nonces = messages.map((message) => message.receiptNonce);
    const giveBack = (): void => this.giveBack(messages, nonces);
    if (signal.aborted) giveBack();
    else signal.addEventListener('abort', giveBack, { once: true });
  }

  /**
   * Undoes a receive whose answer never reached its caller: each message it took, unless deleted
   * or received again since (`nonces`), is visible again now, with the receive count and first
   * receive time it had before, so it neither waits out a visibility timeout nor moves closer to
   * the dead-letter queue for a delivery that did not happen. (AWS counts a receive whose answer
   * it sent and the consumer lost, and waits the timeout: that is the case of an answer written
   * to a connection that closes after the write, which the edge cannot tell from a delivery.)
   * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/avoiding-inconsistent-message-processing.html
   */
  private giveBack(messages: readonly Message[], nonces: readonly number[]): void {
    messages.forEach((message, i) => {
      // A deleted message has left byId: only one still held can be given back.
      if (this.byId.get(message.id) !== message || message.receiptNonce !== nonces[i]) return;
      message.receiveCount--;
      if (message.receiveCount === 0) message.firstReceiveAt = undefined;
      if (message.state === 'inflight') this.returnToVisible(message);
    });
  }

  /** An in-flight message visible again now (a zero visibility timeout, a receive given back). */
  private returnToVisible(message: Message): void {
    this.inflight.remove(message);
    this.inflightCount--;
    this.makeVisible(message, false);
  }

  /** Wakes waiting receives once the current operation is done (a batch send feeds one waiter). */
  private signal(): void {
    if (this.drainQueued || this.waiters.size === 0) return;
    this.drainQueued = true;
    queueMicrotask(() => {
      this.drainQueued = false;
      if (this.destroyed) return;
      const now = this.host.clock.now();
      this.waiters.serve((max, visibilityTimeoutMs) => this.receive(max, visibilityTimeoutMs, now));
    });
  }

  private retentionRealMs(): number {
    return this.settings.messageRetentionPeriod * 1000 * this.realPerAwsMs;
  }

  private nextDue(): number {
    let next = Math.min(this.delayed.peek()?.visibleAt ?? Infinity, this.inflight.peek()?.visibleAt ?? Infinity);
    for (let head = this.arrivals.peek(); head !== undefined; head = this.arrivals.peek()) {
      if (head.state !== 'deleted') {
        next = Math.min(next, head.enqueuedAt + this.retentionRealMs());
        break;
      }
      this.arrivals.shift();
    }
    return next;
  }

  private ensureTimer(at: number): void {
    if (this.destroyed || at >= this.timerAt || !Number.isFinite(at)) return;
    this.host.clock.clearTimeout(this.timer);
    this.timerAt = at;
    const delayAwsMs = Math.max(0, at - this.host.clock.now()) / this.realPerAwsMs;
    this.timer = this.host.clock.setTimeout(() => this.onTimer(), delayAwsMs);
  }

  private onTimer(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    this.advance(this.host.clock.now());
    this.ensureTimer(this.nextDue());
  }
}
