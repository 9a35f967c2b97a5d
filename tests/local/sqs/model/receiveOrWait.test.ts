import { FakeClock } from '../../../../lib/clock/FakeClock';
import type { Queue } from '../../../../local/sqs/model/Queue';
import { QueueRegistry } from '../../../../local/sqs/model/QueueRegistry';

function queueOf(name: string, attributes: Record<string, string> = {}): { clock: FakeClock; queue: Queue } {
  const clock = new FakeClock();
  const sqs = new QueueRegistry({ clock, endpoint: 'http://edge', region: 'us-east-1', accountId: '000000000000' });
  return { clock, queue: sqs.create(name, attributes) };
}

/** What a receive hands out, as the caller sees it. */
function received(messages: ReadonlyArray<{ body: string; receiveCount: number; firstReceiveAt: number | undefined }>): Array<[string, number, boolean]> {
  return messages.map((m) => [m.body, m.receiveCount, m.firstReceiveAt !== undefined]);
}

describe('Queue.receiveOrWait for a caller that can go away', () => {
  it('takes nothing for a receive aborted while it waits, and drops its wait timer', async () => {
    const { clock, queue } = queueOf('aborted');
    const gone = new AbortController();
    const polling = queue.receiveOrWait(1, 30_000, 20_000, clock.now(), gone);

    gone.abort();
    queue.send({ body: 'later' }, clock.now());

    expect(await polling).toEqual([]);
    expect(clock.pendingDelays()).not.toContain(20_000);
    expect(received(queue.receive(10, 30_000, clock.now()))).toEqual([['later', 1, true]]);
  });

  it('gives back at once what it took for a caller already gone', async () => {
    const { clock, queue } = queueOf('early');
    const gone = new AbortController();
    gone.abort();
    queue.send({ body: 'waiting' }, clock.now());

    const [message] = await queue.receiveOrWait(1, 30_000, 0, clock.now(), gone);

    expect([queue.visibleCount, queue.inflightCount]).toEqual([1, 0]);
    expect([message?.receiveCount, message?.firstReceiveAt]).toEqual([0, undefined]);
  });

  it('gives back at once what it took when its caller goes before the answer, receive count and first receive undone', async () => {
    const { clock, queue } = queueOf('taken');
    const gone = new AbortController();
    const polling = queue.receiveOrWait(1, 30_000, 20_000, clock.now(), gone);
    queue.send({ body: 'taken' }, clock.now());
    const [message] = await polling;

    gone.abort();

    expect(message?.body).toBe('taken');
    expect([queue.visibleCount, queue.inflightCount]).toEqual([1, 0]);
    expect([message?.receiveCount, message?.firstReceiveAt]).toEqual([0, undefined]);
    expect(received(queue.receive(10, 30_000, clock.now()))).toEqual([['taken', 1, true]]);
  });

  it('gives back a message received earlier with the count it had', async () => {
    const { clock, queue } = queueOf('again');
    queue.send({ body: 'again' }, clock.now());
    queue.receive(1, 1_000, clock.now());
    await clock.advance(1_000);
    const gone = new AbortController();

    const [message] = await queue.receiveOrWait(1, 30_000, 20_000, clock.now(), gone);
    gone.abort();

    expect([message?.receiveCount, message?.firstReceiveAt]).toEqual([1, clock.now() - 1_000]);
    expect(queue.visibleCount).toBe(1);
  });

  it('leaves alone a message received again since it was taken', async () => {
    const { clock, queue } = queueOf('since');
    queue.send({ body: 'twice' }, clock.now());
    const gone = new AbortController();
    const [first] = await queue.receiveOrWait(1, 0, 0, clock.now(), gone);
    const [second] = queue.receive(1, 30_000, clock.now());

    gone.abort();

    expect(second).toBe(first);
    expect([queue.visibleCount, queue.inflightCount, second?.receiveCount]).toEqual([0, 1, 2]);
  });

  it('keeps a FIFO group in order and unlocks it when its taken messages come back', async () => {
    const { clock, queue } = queueOf('group.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    const gone = new AbortController();
    const polling = queue.receiveOrWait(2, 30_000, 20_000, clock.now(), gone);
    for (const body of ['g1', 'g2', 'g3']) queue.send({ body, groupId: 'g' }, clock.now());
    const taken = await polling;

    gone.abort();
    const next = queue.receive(10, 30_000, clock.now());
    const whileLocked = queue.receive(10, 30_000, clock.now());

    expect(taken.map((m) => m.body)).toEqual(['g1', 'g2']);
    expect(received(next)).toEqual([['g1', 1, true], ['g2', 1, true], ['g3', 1, true]]);
    expect(whileLocked).toEqual([]);
  });
});
