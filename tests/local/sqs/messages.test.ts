import {
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import { counts, createQueue, errorOf, sleepAws, sqsClient } from './sqsTestSupport';

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/** The documented attribute digest of one string attribute, spelled out byte by byte. */
function md5OfAttributesByHand(name: string, type: string, value: string): string {
  const lengthPrefixed = (text: string): Buffer[] => {
    const bytes = Buffer.from(text, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return [length, bytes];
  };
  return createHash('md5')
    .update(Buffer.concat([...lengthPrefixed(name), ...lengthPrefixed(type), Buffer.from([1]), ...lengthPrefixed(value)]))
    .digest('hex');
}

describe('SQS messages', () => {
  const sqs = sqsClient();
  afterAll(() => sqs.destroy());

  it('sends a message with attributes and answers the MD5s AWS computes', async () => {
    const { url } = await createQueue(sqs, 'md5');

    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'derp', MessageAttributes: { timestamp: { DataType: 'Number', StringValue: '1493147359900' } } }));

    expect(sent.MD5OfMessageBody).toBe('58fd9edd83341c29f1aebba81c31e257');
    // The value AWS answers for this attribute (pinned by moto's and LocalStack's suites).
    expect(sent.MD5OfMessageAttributes).toBe('235c5c510d26fb653d073faed50ae77c');
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('receives the body, string and binary attributes, and the requested system attributes', async () => {
    const { url } = await createQueue(sqs, 'recv');
    const before = Date.now();
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: '{"invoiceId":"01J","total":"100.00"} ✓',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'emit' }, blob: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) } },
      }),
    );

    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));

    expect(Messages).toHaveLength(1);
    const [message] = Messages;
    expect(message?.MessageId).toBe(sent.MessageId);
    expect(message?.Body).toBe('{"invoiceId":"01J","total":"100.00"} ✓');
    expect(message?.MD5OfBody).toBe(md5('{"invoiceId":"01J","total":"100.00"} ✓'));
    expect(message?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(message?.MessageAttributes).toEqual({ kind: { DataType: 'String', StringValue: 'emit' }, blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) } });
    expect(Object.keys(message?.Attributes ?? {}).sort()).toEqual(['ApproximateFirstReceiveTimestamp', 'ApproximateReceiveCount', 'SenderId', 'SentTimestamp']);
    expect(message?.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(Number(message?.Attributes?.SentTimestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(message?.Attributes?.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(Number(message?.Attributes?.SentTimestamp));
  });

  it('carries the AWSTraceHeader system attribute with its MD5', async () => {
    const { url } = await createQueue(sqs, 'trace');
    const header = 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1';

    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'traced', MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: header } } }));
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['AWSTraceHeader'] }));

    expect(sent.MD5OfMessageSystemAttributes).toBe(md5OfAttributesByHand('AWSTraceHeader', 'String', header));
    expect(Messages[0]?.Attributes).toEqual({ AWSTraceHeader: header });
  });

  it('returns only the message attributes asked for, with the MD5 of those', async () => {
    const { url } = await createQueue(sqs, 'filter');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'b', MessageAttributes: { 'app.a': { DataType: 'String', StringValue: '1' }, other: { DataType: 'String', StringValue: '2' } } }));

    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['app.*'] }));

    expect(Messages[0]?.MessageAttributes).toEqual({ 'app.a': { DataType: 'String', StringValue: '1' } });
    expect(Messages[0]?.Attributes).toBeUndefined();
  });

  it('receives at most MaxNumberOfMessages and rejects more than 10', async () => {
    const { url } = await createQueue(sqs, 'max');
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: Array.from({ length: 7 }, (_, i) => ({ Id: `e${i}`, MessageBody: `m${i}` })) }));

    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 5 }));
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 5 }));
    const error = await errorOf(sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 11 })));

    expect(first.Messages).toHaveLength(5);
    expect(second.Messages).toHaveLength(2);
    expect(error.name).toBe('InvalidParameterValue');
  });

  it('sends a batch where each entry succeeds or fails on its own', async () => {
    const { url } = await createQueue(sqs, 'batch');

    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'ok', MessageBody: 'fine' },
          { Id: 'bad', MessageBody: 'bad \u0001 char' },
          { Id: 'late', MessageBody: 'later', DelaySeconds: 1 },
        ],
      }),
    );

    expect(result.Successful?.map((e) => [e.Id, e.MD5OfMessageBody])).toEqual([
      ['ok', md5('fine')],
      ['late', md5('later')],
    ]);
    expect(result.Failed).toEqual([{ Id: 'bad', SenderFault: true, Code: 'InvalidMessageContents', Message: expect.stringMatching(/^Invalid characters found/) }]);
    expect(await counts(sqs, url)).toEqual([1, 0, 1]);
  });

  it('rejects empty, oversized, duplicate-id and badly named batches with their own errors', async () => {
    const { url } = await createQueue(sqs, 'batcherr');
    const entries = (n: number): Array<{ Id: string; MessageBody: string }> => Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' }));

    const errors = await Promise.all([
      errorOf(sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [] }))),
      errorOf(sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries(11) }))),
      errorOf(sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a', MessageBody: 'x' }, { Id: 'a', MessageBody: 'y' }] }))),
      errorOf(sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'no spaces', MessageBody: 'x' }] }))),
      errorOf(sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: [] }))),
    ]);

    expect(errors.map((e) => e.name)).toEqual(['EmptyBatchRequest', 'TooManyEntriesInBatchRequest', 'BatchEntryIdsNotDistinct', 'InvalidBatchEntryId', 'EmptyBatchRequest']);
  });

  it('rejects a body over MaximumMessageSize, an empty body and a delay over 900 seconds', async () => {
    const { url } = await createQueue(sqs, 'size', { MaximumMessageSize: '1024' });

    const big = await errorOf(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(1025) })));
    const empty = await errorOf(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: '' })));
    const delay = await errorOf(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', DelaySeconds: 901 })));

    expect([big.name, empty.name, delay.name]).toEqual(['InvalidParameterValue', 'MissingParameter', 'InvalidParameterValue']);
    expect(big.message).toBe('One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.');
  });

  it('deletes a received message and deletes a batch, answering each entry', async () => {
    const { url } = await createQueue(sqs, 'del');
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: Array.from({ length: 3 }, (_, i) => ({ Id: `e${i}`, MessageBody: `m${i}` })) }));
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 3 }));

    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: Messages[0]?.ReceiptHandle }));
    const batch = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'one', ReceiptHandle: Messages[1]?.ReceiptHandle },
          { Id: 'two', ReceiptHandle: Messages[2]?.ReceiptHandle },
          { Id: 'junk', ReceiptHandle: 'not-a-handle' },
        ],
      }),
    );

    expect(batch.Successful?.map((e) => e.Id)).toEqual(['one', 'two']);
    expect(batch.Failed?.map((e) => [e.Id, e.Code])).toEqual([['junk', 'ReceiptHandleIsInvalid']]);
    expect(await counts(sqs, url)).toEqual([0, 0, 0]);
  });

  it('answers ReceiptHandleIsInvalid (404) for a handle that is not one', async () => {
    const { url } = await createQueue(sqs, 'badhandle');

    const error = await errorOf(sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: 'garbage' })));

    expect(error.name).toBe('ReceiptHandleIsInvalid');
    expect(error.$metadata?.httpStatusCode).toBe(404);
  });

  it('answers QueueDoesNotExist when sending to a queue that does not exist', async () => {
    const { url } = await createQueue(sqs, 'exists');

    const error = await errorOf(sqs.send(new SendMessageCommand({ QueueUrl: `${url}-not`, MessageBody: 'x' })));

    expect(error.name).toBe('QueueDoesNotExist');
  });

  it('counts visible, in-flight and delayed messages, and purges them all', async () => {
    const { url } = await createQueue(sqs, 'purge');
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: Array.from({ length: 4 }, (_, i) => ({ Id: `e${i}`, MessageBody: `m${i}` })) }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'delayed', DelaySeconds: 600 }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1 }));
    const before = await counts(sqs, url);

    await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));

    expect(before).toEqual([3, 1, 1]);
    expect(await counts(sqs, url)).toEqual([0, 0, 0]);
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();
  });

  it('delays a message by its DelaySeconds, then delivers it', async () => {
    const { url } = await createQueue(sqs, 'delay');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'soon', DelaySeconds: 2 }));

    const early = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    await sleepAws(2_500);
    const late = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));

    expect(early.Messages).toBeUndefined();
    expect(late.Messages?.map((m) => m.Body)).toEqual(['soon']);
  });

  it('delays every message by the queue DelaySeconds', async () => {
    const { url } = await createQueue(sqs, 'qdelay', { DelaySeconds: '2' });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'held' }));

    const early = await counts(sqs, url);
    await sleepAws(2_500);

    expect(early).toEqual([0, 0, 1]);
    expect(await counts(sqs, url)).toEqual([1, 0, 0]);
  });
});
