import { ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { timeScale } from '../../harness/localCloudEnv';
import { createQueue, sqsClient } from './sqsTestSupport';

/**
 * How late an answer may come on a loaded runner (three jest workers on two cores delay timers and
 * sockets by hundreds of ms) and still tell what each test tells: the scaled wait from the AWS
 * one, a wake-up from the end of the wait.
 */
const SCHEDULING_SLACK_MS = 1000;

describe('SQS long polling', () => {
  const sqs = sqsClient();
  afterAll(() => sqs.destroy());

  it('answers a waiting receive as soon as a message arrives, long before its wait time', async () => {
    const { url } = await createQueue(sqs, 'wake');
    const started = Date.now();
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 50));

    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'wake up' }));
    const { Messages = [] } = await waiting;

    expect(Messages.map((m) => m.Body)).toEqual(['wake up']);
    // 20 s of AWS time is 2 s at the test scale; the answer comes within a fraction of that.
    expect(Date.now() - started).toBeLessThan((20_000 * timeScale()) / 2);
  });

  it('hands a whole batch to one waiting receive', async () => {
    const { url } = await createQueue(sqs, 'wakebatch');
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20, MaxNumberOfMessages: 10 }));
    await new Promise((resolve) => setTimeout(resolve, 50));

    await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: Array.from({ length: 4 }, (_, i) => ({ Id: `e${i}`, MessageBody: `m${i}` })) }));
    const { Messages = [] } = await waiting;

    expect(Messages.map((m) => m.Body).sort()).toEqual(['m0', 'm1', 'm2', 'm3']);
  });

  it('answers empty once WaitTimeSeconds (scaled) has passed', async () => {
    const { url } = await createQueue(sqs, 'timeout');
    const started = Date.now();

    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 3 }));
    const elapsed = Date.now() - started;

    expect(Messages).toBeUndefined();
    expect(elapsed).toBeGreaterThanOrEqual(3000 * timeScale() - 5);
    // And not at the AWS-time 3 s: the wait is scaled.
    expect(elapsed).toBeLessThan(Math.min(3000 * timeScale() + SCHEDULING_SLACK_MS, 3000));
  });

  it('waits by the queue ReceiveMessageWaitTimeSeconds when the receive gives none', async () => {
    const { url } = await createQueue(sqs, 'qwait', { ReceiveMessageWaitTimeSeconds: '20' });
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    await new Promise((resolve) => setTimeout(resolve, 100));

    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'late' }));

    expect((await waiting).Messages?.map((m) => m.Body)).toEqual(['late']);
  });

  it('wakes a waiting receive when an in-flight message becomes visible again', async () => {
    const { url } = await createQueue(sqs, 'wakevis');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'retry me' }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 2 }));
    const started = Date.now();

    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    const elapsed = Date.now() - started;

    expect(Messages.map((m) => m.Body)).toEqual(['retry me']);
    expect(elapsed).toBeGreaterThanOrEqual(2000 * timeScale() - 50);
    // Woken when it became visible, not at the end of its (scaled) 20 s wait.
    expect(elapsed).toBeLessThan(Math.min(2000 * timeScale() + SCHEDULING_SLACK_MS, 20_000 * timeScale()));
  });

  it('serves waiting receives in arrival order, one message each', async () => {
    const { url } = await createQueue(sqs, 'fairness');
    const first = sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 30));

    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'one' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'two' }));

    expect((await first).Messages?.map((m) => m.Body)).toEqual(['one']);
    expect((await second).Messages?.map((m) => m.Body)).toEqual(['two']);
  });
});
