import type { Message } from '@aws-sdk/client-sqs';
import { TransientProviderError } from '../../../adapter-container/providers/errors';
import { emitRequest, issuedOutcome, SAO_PAULO, sqsMessage } from '../support/fixtures';
import { processorSetup } from '../support/processorSetup';

const START = Date.parse('2026-01-01T00:00:00.000Z');

/** A message SQS queued at `sentAt` and first handed out at `firstReceivedAt`. */
function timed(message: Message, sentAt: number, firstReceivedAt: number): Message {
  return { ...message, Attributes: { ...message.Attributes, SentTimestamp: String(sentAt), ApproximateFirstReceiveTimestamp: String(firstReceivedAt) } };
}

describe('MessageProcessor, emitting metrics', () => {
  it('emits the queue wait from SQS\'s timestamps at the first receive, and each city call with its duration', async () => {
    const t = processorSetup();
    t.provider.emitWith = async () => {
      await t.clock.advance(800);
      return issuedOutcome();
    };

    await t.process(timed(sqsMessage(emitRequest()), START - 4_500, START - 1_000));

    expect(t.metrics).toEqual([
      ['queueWait', SAO_PAULO, 3_500],
      ['cityCall', SAO_PAULO, 800],
    ]);
  });

  it('does not time a redelivery\'s wait again (SQS times the first receive only), and passes a city\'s error on', async () => {
    const t = processorSetup();
    const busy = new TransientProviderError('HTTP_503', 'busy');
    // A redelivery consults the city by RPS before sending again: the city is busy.
    t.provider.consultByRpsWith = async () => {
      await t.clock.advance(40);
      throw busy;
    };

    await t.process(timed(sqsMessage(emitRequest(), 'm-2', 2), START - 90_000, START - 80_000));

    expect(t.metrics).toEqual([['cityCall', SAO_PAULO, 40, busy]]);
  });

  it('counts a message as the city\'s backlog while it waits for the city\'s one slot, from when it was queued', async () => {
    const t = processorSetup();
    let finishFirst: () => void = () => undefined;
    t.provider.emitWith = () => new Promise((resolve) => (finishFirst = () => resolve(issuedOutcome())));
    const first = t.process(timed(sqsMessage(emitRequest(), 'm-1'), START - 2_000, START - 1_000));
    await t.clock.advance(0);
    expect(t.backlog.snapshot()).toEqual([]);

    const second = t.process(timed(sqsMessage(emitRequest({ taskToken: 'token-2' }), 'm-2'), START - 7_000, START - 500));
    await t.clock.advance(0);
    const whileHeld = t.backlog.snapshot();
    finishFirst();
    await first;
    await t.clock.advance(0);
    finishFirst();
    await second;

    expect(whileHeld).toEqual([{ city: SAO_PAULO, waiting: 1, oldestSentAt: START - 7_000 }]);
    expect(t.backlog.snapshot()).toEqual([]);
  });
});
