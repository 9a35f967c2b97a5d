import { FakeClock } from '../../../../lib/clock/FakeClock';
import { QueueRegistry } from '../../../../local/sqs/model/QueueRegistry';

function registry(clock = new FakeClock()): { clock: FakeClock; sqs: QueueRegistry } {
  return { clock, sqs: new QueueRegistry({ clock, endpoint: 'http://edge', region: 'us-east-1', accountId: '000000000000' }) };
}

describe('QueueRegistry with a fake clock', () => {
  it('drops a message once MessageRetentionPeriod has passed, in flight or not', async () => {
    const { clock, sqs } = registry();
    const queue = sqs.create('retained', { MessageRetentionPeriod: '60' });
    queue.send({ body: 'old' }, clock.now());
    queue.receive(1, 600_000, clock.now());
    await clock.advance(30_000);
    queue.send({ body: 'young' }, clock.now());

    await clock.advance(30_000);

    expect([queue.visibleCount, queue.inflightCount]).toEqual([1, 0]);
    expect(queue.receive(10, 30_000, clock.now()).map((m) => m.body)).toEqual(['young']);
  });

  it('keeps one clock timer per queue however many messages are in flight', async () => {
    const { clock, sqs } = registry();
    const queue = sqs.create('timers', {});
    for (let i = 0; i < 100; i++) queue.send({ body: `m${i}` }, clock.now());

    for (let i = 0; i < 10; i++) queue.receive(10, 10_000 + i * 1000, clock.now());

    expect(clock.pendingDelays()).toEqual([10_000]);
    await clock.advance(10_000);
    expect([queue.visibleCount, queue.inflightCount]).toEqual([10, 90]);
    expect(clock.pendingDelays()).toEqual([1_000]);
  });

  it('forgets a FIFO deduplication id after five minutes', async () => {
    const { clock, sqs } = registry();
    const queue = sqs.create('dedup.fifo', { FifoQueue: 'true' });
    const first = queue.send({ body: 'x', groupId: 'g', deduplicationId: 'd' }, clock.now());

    await clock.advance(299_000);
    const within = queue.send({ body: 'x', groupId: 'g', deduplicationId: 'd' }, clock.now());
    await clock.advance(2_000);
    const after = queue.send({ body: 'x', groupId: 'g', deduplicationId: 'd' }, clock.now());

    expect(within.messageId).toBe(first.messageId);
    expect(after.messageId).not.toBe(first.messageId);
    expect(queue.visibleCount).toBe(2);
  });

  it('deduplicates per message group when DeduplicationScope is messageGroup', () => {
    const { clock, sqs } = registry();
    const queue = sqs.create('scoped.fifo', { FifoQueue: 'true', DeduplicationScope: 'messageGroup' });

    queue.send({ body: 'x', groupId: 'a', deduplicationId: 'd' }, clock.now());
    queue.send({ body: 'x', groupId: 'b', deduplicationId: 'd' }, clock.now());
    queue.send({ body: 'x', groupId: 'b', deduplicationId: 'd' }, clock.now());

    expect(queue.visibleCount).toBe(2);
  });

  it('serves FIFO groups one after another, each strictly in order', () => {
    const { clock, sqs } = registry();
    const queue = sqs.create('groups.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    for (const [group, body] of [['a', 'a1'], ['b', 'b1'], ['a', 'a2'], ['b', 'b2'], ['c', 'c1']] as const) queue.send({ body, groupId: group }, clock.now());

    const received = queue.receive(10, 30_000, clock.now()).map((m) => m.body);

    expect(received).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
  });

  it('wakes a waiting receive from a delayed message when its delay ends', async () => {
    const { clock, sqs } = registry();
    const queue = sqs.create('delayed', {});
    const waiting = queue.receiveOrWait(10, 30_000, 20_000, clock.now());
    queue.send({ body: 'later', delaySeconds: 5 }, clock.now());

    await clock.advance(5_000);

    expect((await waiting).map((m) => m.body)).toEqual(['later']);
  });

  it('dead-letters the head of a FIFO group and delivers the next message of that group', () => {
    const { clock, sqs } = registry();
    const dlq = sqs.create('dead.fifo', { FifoQueue: 'true' });
    const queue = sqs.create('work.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }) });
    queue.send({ body: 'a1', groupId: 'A' }, clock.now());
    queue.send({ body: 'a2', groupId: 'A' }, clock.now());

    const first = queue.receive(1, 0, clock.now()).map((m) => m.body);
    const second = queue.receive(10, 30_000, clock.now()).map((m) => m.body);

    expect(first).toEqual(['a1']);
    expect(second).toEqual(['a2']);
    expect(dlq.receive(10, 30_000, clock.now()).map((m) => [m.body, m.groupId, m.deadLetterSourceArn])).toEqual([['a1', 'A', queue.arn]]);
  });

  it('refuses a dead-letter queue of the other queue type', () => {
    const { sqs } = registry();
    const standard = sqs.create('plain-dlq', {});

    expect(() => sqs.create('typed.fifo', { FifoQueue: 'true', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: standard.arn, maxReceiveCount: 1 }) })).toThrow(/same type of queue/);
  });
});
