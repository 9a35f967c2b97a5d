import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { attributes, counts, createQueue, errorOf, sqsClient } from './sqsTestSupport';

async function receiveBodies(sqs: SQSClient, url: string, max = 10): Promise<Array<{ body: string; handle: string }>> {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: max }));
  return Messages.map((m) => ({ body: m.Body ?? '', handle: m.ReceiptHandle ?? '' }));
}

describe('SQS FIFO queues', () => {
  const sqs = sqsClient();
  afterAll(() => sqs.destroy());

  it('creates a FIFO queue with its FIFO attributes', async () => {
    const { url } = await createQueue(sqs, 'fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });

    expect(await attributes(sqs, url, ['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'])).toEqual({
      FifoQueue: 'true',
      ContentBasedDeduplication: 'true',
      DeduplicationScope: 'queue',
      FifoThroughputLimit: 'perQueue',
    });
  });

  it('delivers a group in send order and locks it while a message of it is in flight', async () => {
    const { url } = await createQueue(sqs, 'order', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    for (const body of ['a1', 'a2', 'a3']) await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: 'A' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'b1', MessageGroupId: 'B' }));

    const first = await receiveBodies(sqs, url, 2);
    const second = await receiveBodies(sqs, url, 10);
    const locked = await receiveBodies(sqs, url, 10);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first[0]?.handle }));
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first[1]?.handle }));
    const after = await receiveBodies(sqs, url, 10);

    expect(first.map((m) => m.body)).toEqual(['a1', 'a2']);
    expect(second.map((m) => m.body)).toEqual(['b1']);
    expect(locked).toEqual([]);
    expect(after.map((m) => m.body)).toEqual(['a3']);
  });

  it('redelivers a returned message before the later ones of its group', async () => {
    const { url } = await createQueue(sqs, 'redeliver', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    for (const body of ['x1', 'x2']) await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: 'X' }));

    await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1, VisibilityTimeout: 0 }));
    const again = await receiveBodies(sqs, url, 10);

    expect(again.map((m) => m.body)).toEqual(['x1', 'x2']);
  });

  it('accepts a duplicate within the deduplication interval without enqueuing it, answering the first message id', async () => {
    const { url } = await createQueue(sqs, 'dedup', { FifoQueue: 'true' });

    const first = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'one', MessageGroupId: 'g', MessageDeduplicationId: 'd-1' }));
    const duplicate = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'one again', MessageGroupId: 'g', MessageDeduplicationId: 'd-1' }));
    const other = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'two', MessageGroupId: 'g', MessageDeduplicationId: 'd-2' }));

    expect(duplicate.MessageId).toBe(first.MessageId);
    expect(duplicate.SequenceNumber).toBe(first.SequenceNumber);
    expect(BigInt(other.SequenceNumber ?? '0')).toBeGreaterThan(BigInt(first.SequenceNumber ?? '0'));
    expect(await counts(sqs, url)).toEqual([2, 0, 0]);
  });

  it('deduplicates by body hash with ContentBasedDeduplication', async () => {
    const { url } = await createQueue(sqs, 'cbd', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });

    await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a', MessageBody: 'same', MessageGroupId: 'g' }, { Id: 'b', MessageBody: 'same', MessageGroupId: 'g' }] }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'h' }));

    expect(await counts(sqs, url)).toEqual([1, 0, 0]);
  });

  it('returns the FIFO system attributes', async () => {
    const { url } = await createQueue(sqs, 'fifoattrs', { FifoQueue: 'true' });
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm', MessageGroupId: 'grp', MessageDeduplicationId: 'dd' }));

    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['MessageGroupId', 'MessageDeduplicationId', 'SequenceNumber'] }));

    expect(Messages[0]?.Attributes).toEqual({ MessageGroupId: 'grp', MessageDeduplicationId: 'dd', SequenceNumber: sent.SequenceNumber });
  });

  it('rejects a send without MessageGroupId, without a deduplication id, or with a per-message delay', async () => {
    const { url } = await createQueue(sqs, 'fifoerr', { FifoQueue: 'true' });

    const noGroup = await errorOf(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm', MessageDeduplicationId: 'd' })));
    const noDedup = await errorOf(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm', MessageGroupId: 'g' })));
    const delay = await errorOf(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm', MessageGroupId: 'g', MessageDeduplicationId: 'd', DelaySeconds: 5 })));

    expect([noGroup.name, noDedup.name, delay.name]).toEqual(['MissingParameter', 'InvalidParameterValue', 'InvalidParameterValue']);
  });

  it('rejects a MessageDeduplicationId on a standard queue', async () => {
    const { url } = await createQueue(sqs, 'stdgroup');

    const error = await errorOf(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm', MessageDeduplicationId: 'd' })));

    expect(error.name).toBe('InvalidParameterValue');
  });
});
