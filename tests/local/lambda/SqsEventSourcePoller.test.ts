import { DeleteMessageBatchCommand, GetQueueUrlCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { FakeClock } from '../../../lib/clock/FakeClock';
import { createLogger } from '../../../local/createLogger';
import type { EventSourceMappingConfig } from '../../../local/lambda/EventSourceMappingConfig';
import type { InvocationResult } from '../../../local/lambda/invokeFunction';
import { SqsEventSourcePoller } from '../../../local/lambda/SqsEventSourcePoller';

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:requests-dlq';
const QUEUE_URL = 'http://127.0.0.1:4566/000000000000/requests-dlq';

const mapping = (overrides: Partial<EventSourceMappingConfig> = {}): EventSourceMappingConfig => ({
  uuid: 'esm-1',
  eventSourceArn: QUEUE_ARN,
  functionName: 'processor',
  functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:processor',
  batchSize: 10,
  maximumBatchingWindowInSeconds: 0,
  functionResponseTypes: [],
  enabled: true,
  lastModified: 0,
  ...overrides,
});

const message = (id: string): Message => ({
  MessageId: id,
  ReceiptHandle: `rh-${id}`,
  Body: `{"n":"${id}"}`,
  MD5OfBody: 'md5',
  Attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1700000000000' },
  MessageAttributes: { kind: { DataType: 'String', StringValue: 'emit' }, raw: { DataType: 'Binary', BinaryValue: Buffer.from('hi') } },
});

const ok = (payload: unknown): InvocationResult => ({ requestId: 'r', payload: JSON.stringify(payload) ?? 'null', logLines: [] });

describe('SqsEventSourcePoller', () => {
  const sqs = mockClient(SQSClient);
  let events: unknown[];

  beforeEach(() => {
    sqs.reset();
    sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: QUEUE_URL });
    sqs.on(DeleteMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    events = [];
  });

  function poller(config: EventSourceMappingConfig, result: (event: unknown) => InvocationResult, hasFunction = true): SqsEventSourcePoller {
    return new SqsEventSourcePoller({
      mapping: config,
      sqs: new SQSClient({ region: 'us-east-1' }),
      clock: new FakeClock(),
      logger: createLogger('silent'),
      region: 'us-east-1',
      hasFunction: () => hasFunction,
      invoke: async (_name, event) => {
        events.push(event);
        return result(event);
      },
    });
  }

  it('invokes the function with an SQS event like Lambda builds', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [message('m1')] });

    const outcome = await poller(mapping(), () => ok(null)).pollOnce();

    expect(outcome).toBe('processed');
    expect(events).toEqual([{
      Records: [{
        messageId: 'm1',
        receiptHandle: 'rh-m1',
        body: '{"n":"m1"}',
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1700000000000' },
        messageAttributes: {
          kind: { dataType: 'String', stringValue: 'emit', stringListValues: [], binaryListValues: [] },
          raw: { dataType: 'Binary', binaryValue: 'aGk=', stringListValues: [], binaryListValues: [] },
        },
        md5OfBody: 'md5',
        eventSource: 'aws:sqs',
        eventSourceARN: QUEUE_ARN,
        awsRegion: 'us-east-1',
      }],
    }]);
  });

  it('resolves the queue URL from the ARN and asks for every attribute', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [] });

    await poller(mapping(), () => ok(null)).pollOnce();

    expect(sqs.commandCalls(GetQueueUrlCommand)[0]?.args[0].input).toEqual({ QueueName: 'requests-dlq', QueueOwnerAWSAccountId: '000000000000' });
    expect(sqs.commandCalls(ReceiveMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 20, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'],
    });
  });

  it('deletes the whole batch after a success', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [message('m1'), message('m2')] });

    await poller(mapping(), () => ok({ ignored: true })).pollOnce();

    expect(sqs.commandCalls(DeleteMessageBatchCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: QUEUE_URL, Entries: [{ Id: '0', ReceiptHandle: 'rh-m1' }, { Id: '1', ReceiptHandle: 'rh-m2' }] },
    ]);
  });

  it('deletes nothing when the function fails', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [message('m1')] });
    const failing = poller(mapping(), () => ({ requestId: 'r', payload: '{"errorType":"Error","errorMessage":"x"}', functionError: 'Unhandled', logLines: [] }));

    const outcome = await failing.pollOnce();

    expect(outcome).toBe('function-error');
    expect(failing.lastProcessingResult).toBe('PROBLEM: Function call failed');
    expect(sqs.commandCalls(DeleteMessageBatchCommand)).toHaveLength(0);
  });

  it('keeps only the reported batch item failures with ReportBatchItemFailures', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [message('m1'), message('m2'), message('m3')] });

    await poller(mapping({ functionResponseTypes: ['ReportBatchItemFailures'] }), () => ok({ batchItemFailures: [{ itemIdentifier: 'm2' }] })).pollOnce();

    expect(sqs.commandCalls(DeleteMessageBatchCommand)[0]?.args[0].input.Entries).toEqual([{ Id: '0', ReceiptHandle: 'rh-m1' }, { Id: '1', ReceiptHandle: 'rh-m3' }]);
  });

  it('treats an unknown itemIdentifier as a failure of the whole batch', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [message('m1'), message('m2')] });

    await poller(mapping({ functionResponseTypes: ['ReportBatchItemFailures'] }), () => ok({ batchItemFailures: [{ itemIdentifier: 'nope' }] })).pollOnce();

    expect(sqs.commandCalls(DeleteMessageBatchCommand)).toHaveLength(0);
  });

  it('ignores batchItemFailures when the mapping does not report them', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [message('m1')] });

    await poller(mapping(), () => ok({ batchItemFailures: [{ itemIdentifier: 'm1' }] })).pollOnce();

    expect(sqs.commandCalls(DeleteMessageBatchCommand)[0]?.args[0].input.Entries).toEqual([{ Id: '0', ReceiptHandle: 'rh-m1' }]);
  });

  it('gathers up to BatchSize messages within the batching window', async () => {
    sqs.on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: Array.from({ length: 10 }, (_, i) => message(`a${i}`)) })
      .resolvesOnce({ Messages: Array.from({ length: 5 }, (_, i) => message(`b${i}`)) });

    await poller(mapping({ batchSize: 15, maximumBatchingWindowInSeconds: 5 }), () => ok(null)).pollOnce();

    expect((events[0] as { Records: unknown[] }).Records).toHaveLength(15);
    expect(sqs.commandCalls(ReceiveMessageCommand).map((c) => [c.args[0].input.MaxNumberOfMessages, c.args[0].input.WaitTimeSeconds])).toEqual([[10, 20], [5, 5]]);
    expect(sqs.commandCalls(DeleteMessageBatchCommand)).toHaveLength(2);
  });

  it('does not receive while the function is not registered', async () => {
    const outcome = await poller(mapping(), () => ok(null), false).pollOnce();

    expect(outcome).toBe('no-function');
    expect(sqs.commandCalls(ReceiveMessageCommand)).toHaveLength(0);
  });

  it('reports an SQS failure without invoking', async () => {
    sqs.on(ReceiveMessageCommand).rejects(new Error('connection refused'));

    const outcome = await poller(mapping(), () => ok(null)).pollOnce();

    expect(outcome).toBe('sqs-error');
    expect(events).toEqual([]);
  });
});
