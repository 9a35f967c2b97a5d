import http from 'node:http';
import { ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { testClientConfig } from '../../harness/localCloudEnv';
import { counts, createQueue, errorOf, sqsClient } from './sqsTestSupport';

/**
 * Far longer than any poll below waits (12 h of AWS time): a message handed to a poll whose
 * client has gone would stay hidden for the rest of the run, so the poll that follows would get
 * nothing.
 */
const LONG_VISIBILITY = { VisibilityTimeout: '43200' };

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The next poll's bodies and receive counts, waiting up to its full 20 s (2 s at the test scale). */
async function nextPoll(sqs: SQSClient, url: string): Promise<Array<{ body?: string; receiveCount?: string }>> {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
  return Messages.map((m) => ({ body: m.Body, receiveCount: m.Attributes?.ApproximateReceiveCount }));
}

/** A long poll over a raw HTTP connection, as the SDK sends it; closing it leaves the poll with no client. */
function rawPoll(url: string): http.ClientRequest {
  const request = http.request(testClientConfig().endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ReceiveMessage', 'x-amzn-query-mode': 'true' },
  });
  request.on('error', () => undefined);
  request.end(JSON.stringify({ QueueUrl: url, WaitTimeSeconds: 20 }));
  return request;
}

describe('SQS long polls whose client went away', () => {
  const sqs = sqsClient();
  afterAll(() => sqs.destroy());

  it('takes no message for a poll its client aborted: the next poller gets it', async () => {
    const { url } = await createQueue(sqs, 'aborted', LONG_VISIBILITY);
    const abort = new AbortController();
    const abandoned = sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }), { abortSignal: abort.signal });
    await pause(100);
    abort.abort();
    expect((await errorOf(abandoned)).name).toBe('AbortError');

    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'for the live poller' }));

    expect(await nextPoll(sqs, url)).toEqual([{ body: 'for the live poller', receiveCount: '1' }]);
  });

  it('takes no message for a poll whose SDK client was destroyed, as an adapter does at shutdown', async () => {
    const { url } = await createQueue(sqs, 'destroyed', LONG_VISIBILITY);
    const doomed = sqsClient();
    const abandoned = doomed.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    await pause(100);
    doomed.destroy();
    await errorOf(abandoned);

    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'after the shutdown' }));

    expect(await nextPoll(sqs, url)).toEqual([{ body: 'after the shutdown', receiveCount: '1' }]);
  });

  it('takes no message for a poll whose HTTP connection closed', async () => {
    const { url } = await createQueue(sqs, 'closed', LONG_VISIBILITY);
    const abandoned = rawPoll(url);
    await pause(100);
    abandoned.destroy();

    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'nobody was listening' }));

    expect(await nextPoll(sqs, url)).toEqual([{ body: 'nobody was listening', receiveCount: '1' }]);
  });

  it('still answers a live poll that waits behind an abandoned one', async () => {
    const { url } = await createQueue(sqs, 'behind', LONG_VISIBILITY);
    const abandoned = rawPoll(url);
    await pause(50);
    const live = nextPoll(sqs, url);
    await pause(50);
    abandoned.destroy();

    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'for the second in line' }));

    expect(await live).toEqual([{ body: 'for the second in line', receiveCount: '1' }]);
  });

  it('hands a message that arrives during a live poll to that poll, signal or not', async () => {
    const { url } = await createQueue(sqs, 'live', LONG_VISIBILITY);
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }), { abortSignal: new AbortController().signal });
    await pause(100);

    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'arrived while it waited' }));

    expect((await waiting).Messages?.map((m) => m.Body)).toEqual(['arrived while it waited']);
    expect(await counts(sqs, url)).toEqual([0, 1, 0]);
  });

  it('keeps a delivered message in flight when its client goes away afterwards', async () => {
    const { url } = await createQueue(sqs, 'delivered', LONG_VISIBILITY);
    const reader = sqsClient();
    const abort = new AbortController();
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'read once' }));

    const { Messages = [] } = await reader.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }), { abortSignal: abort.signal });
    abort.abort();
    reader.destroy();
    await pause(100);

    expect(Messages.map((m) => m.Body)).toEqual(['read once']);
    expect(await counts(sqs, url)).toEqual([0, 1, 0]);
  });

  it('keeps a FIFO group in order and locked after an abandoned poll', async () => {
    const { url } = await createQueue(sqs, 'fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true', ...LONG_VISIBILITY });
    const abandoned = rawPoll(url);
    await pause(100);
    abandoned.destroy();

    for (const body of ['g1', 'g2', 'g3']) await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: 'g' }));
    const first = await nextPoll(sqs, url);
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'g4', MessageGroupId: 'g' }));
    const whileLocked = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));

    expect(first).toEqual(['g1', 'g2', 'g3'].map((body) => ({ body, receiveCount: '1' })));
    expect(whileLocked.Messages).toBeUndefined();
  });
});
