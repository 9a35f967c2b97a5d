import { Deque } from './Deque';
import type { DeliveryOrder } from './DeliveryOrder';
import type { Message, MessageState } from './Message';

/** One message group: its messages in order, in-flight ones first. */
class MessageGroup {
  public readonly messages = new Deque<Message>();
  public inflight = 0;
  public ready = false;

  public constructor(public readonly id: string) {}
}

/**
 * FIFO queues: messages in send order per `MessageGroupId`; a group with a message in flight
 * is locked until that message is deleted or visible again, so a group is consumed strictly in
 * order. Groups that can deliver wait in a ready list, so a receive never scans locked groups.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html
 */
export class FifoDeliveryOrder implements DeliveryOrder {
  private readonly groups = new Map<string, MessageGroup>();
  private readonly ready = new Deque<MessageGroup>();
  private taking: MessageGroup | undefined;

  public added(message: Message): void {
    const group = this.group(message.groupId ?? '');
    group.messages.push(message);
    message.inGroup = true;
    this.offer(group);
  }

  public returned(message: Message): void {
    const group = this.groups.get(message.groupId ?? '');
    if (group === undefined) return;
    group.inflight--;
    this.offer(group);
  }

  public removed(message: Message, previous: MessageState): void {
    if (!message.inGroup) return;
    const group = this.groups.get(message.groupId ?? '');
    if (group === undefined) return;
    if (previous === 'inflight') group.inflight--;
    this.offer(group);
  }

  public restoreInflight(message: Message): void {
    const group = this.group(message.groupId ?? '');
    group.messages.push(message);
    message.inGroup = true;
    group.inflight++;
  }

  public take(max: number, deliver: (message: Message) => boolean): Message[] {
    const taken: Message[] = [];
    while (taken.length < max) {
      const group = this.ready.shift();
      if (group === undefined) break;
      group.ready = false;
      if (group.inflight > 0 || this.groups.get(group.id) !== group) continue;
      this.taking = group;
      for (let i = 0; i < group.messages.length && taken.length < max; i++) {
        const message = group.messages.at(i);
        if (message === undefined || message.state !== 'visible') continue;
        if (deliver(message)) {
          group.inflight++;
          taken.push(message);
        }
      }
      this.taking = undefined;
      this.offer(group);
    }
    return taken;
  }

  public clear(): void {
    this.groups.clear();
    this.ready.clear();
  }

  private group(id: string): MessageGroup {
    let group = this.groups.get(id);
    if (group === undefined) {
      group = new MessageGroup(id);
      this.groups.set(id, group);
    }
    return group;
  }

  /** Drops finished messages from the group's head, forgets empty groups, queues deliverable ones. */
  private offer(group: MessageGroup): void {
    if (group === this.taking) return;
    for (let head = group.messages.peek(); head !== undefined && head.state === 'deleted'; head = group.messages.peek()) {
      group.messages.shift();
      head.inGroup = false;
    }
    if (group.messages.length === 0 && group.inflight === 0) {
      if (this.groups.get(group.id) === group) this.groups.delete(group.id);
      return;
    }
    if (group.inflight === 0 && !group.ready && group.messages.length > 0) {
      group.ready = true;
      this.ready.push(group);
    }
  }
}
