import { ChangeMessageVisibilityBatchCommand, ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { counts, createQueue, errorOf, sleepAws, sqsClient } from './sqsTestSupport';

describe('SQS visibility', () => {
  const sqs = sqsClient();
  afterAll(() => sqs.destroy());

  it('hides a received message for the queue VisibilityTimeout, then delivers it again with a higher receive count', async () => {
    const { url } = await createQueue(sqs, 'vis', { VisibilityTimeout: '2' });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'work' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp'] }));

    const hidden = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    await sleepAws(2_500);
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp'] }));

    expect(hidden.Messages).toBeUndefined();
    expect(again.Messages?.[0]?.MessageId).toBe(first.Messages?.[0]?.MessageId);
    expect(again.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(again.Messages?.[0]?.Attributes?.ApproximateFirstReceiveTimestamp).toBe(first.Messages?.[0]?.Attributes?.ApproximateFirstReceiveTimestamp);
    expect(again.Messages?.[0]?.ReceiptHandle).not.toBe(first.Messages?.[0]?.ReceiptHandle);
  });

  it('uses the VisibilityTimeout of the receive over the queue one', async () => {
    const { url } = await createQueue(sqs, 'pervis', { VisibilityTimeout: '600' });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'short' }));

    await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 1 }));
    await sleepAws(1_500);
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));

    expect(again.Messages?.map((m) => m.Body)).toEqual(['short']);
  });

  it('keeps a message deleted with a handle from an earlier receive (the newest handle is required)', async () => {
    const { url } = await createQueue(sqs, 'stale');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 0 }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 600 }));

    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first.Messages?.[0]?.ReceiptHandle }));

    expect(await counts(sqs, url)).toEqual([0, 1, 0]);
  });

  it('makes a message visible at once with ChangeMessageVisibility 0 and extends it with a longer timeout', async () => {
    const { url } = await createQueue(sqs, 'change', { VisibilityTimeout: '1' });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'a' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'b' }));
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 2 }));
    const a = Messages.find((m) => m.Body === 'a');
    const b = Messages.find((m) => m.Body === 'b');

    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: a?.ReceiptHandle, VisibilityTimeout: 0 }));
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: b?.ReceiptHandle, VisibilityTimeout: 600 }));
    await sleepAws(1_500);

    expect(await counts(sqs, url)).toEqual([1, 1, 0]);
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 2 }))).Messages?.map((m) => m.Body)).toEqual(['a']);
  });

  it('changes visibility in a batch, failing entries whose message is not in flight', async () => {
    const { url } = await createQueue(sqs, 'changebatch');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'a' }));
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    const handle = Messages[0]?.ReceiptHandle;
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 0 }));

    const result = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'visible', ReceiptHandle: handle, VisibilityTimeout: 30 },
          { Id: 'junk', ReceiptHandle: 'junk', VisibilityTimeout: 30 },
        ],
      }),
    );

    expect(result.Successful).toEqual([]);
    expect(result.Failed?.map((e) => [e.Id, e.Code])).toEqual([
      ['visible', 'MessageNotInflight'],
      ['junk', 'ReceiptHandleIsInvalid'],
    ]);
  });

  it('rejects a visibility change for a deleted message and a timeout over 12 hours', async () => {
    const { url } = await createQueue(sqs, 'changeerr');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'a' }));
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    const handle = Messages[0]?.ReceiptHandle;

    const tooLong = await errorOf(sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 43_201 })));
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: handle }));
    const deleted = await errorOf(sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 5 })));

    expect(tooLong.name).toBe('InvalidParameterValue');
    expect(deleted.name).toBe('InvalidParameterValue');
    expect(deleted.message).toMatch(/Message does not exist or is not available for visibility timeout change\.$/);
  });
});
