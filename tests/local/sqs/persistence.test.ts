import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createLogger } from '../../../local/createLogger';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';
import { counts } from './sqsTestSupport';

/** A second, private local cloud with a data directory (the shared one runs in memory). */
async function startPersistentCloud(dataDir: string, port = 0): Promise<{ cloud: LocalCloud; sqs: SQSClient }> {
  const cloud = await startLocalCloud({ port, dataDir, services: ['sqs'], timeScale: 0.1, logger: createLogger('warn') });
  const sqs = new SQSClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  return { cloud, sqs };
}

describe('SQS persistence', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sqs-persist-'));
  });

  afterEach(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('finds queues, messages and in-flight receipts again after a restart with the same data directory', async () => {
    const first = await startPersistentCloud(dataDir);
    const port = Number(new URL(first.cloud.endpoint).port);
    const { QueueUrl } = await first.sqs.send(new CreateQueueCommand({ QueueName: 'persisted', Attributes: { VisibilityTimeout: '600' }, tags: { app: 'nfse' } }));
    const { QueueUrl: fifoUrl } = await first.sqs.send(new CreateQueueCommand({ QueueName: 'persisted.fifo', Attributes: { FifoQueue: 'true' } }));
    await first.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: ['a', 'b', 'c'].map((body) => ({ Id: body, MessageBody: body, MessageAttributes: { k: { DataType: 'String', StringValue: body } } })) }));
    const fifoSent = await first.sqs.send(new SendMessageCommand({ QueueUrl: fifoUrl, MessageBody: 'f', MessageGroupId: 'g', MessageDeduplicationId: 'once' }));
    const inFlight = await first.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1 }));
    first.sqs.destroy();
    await first.cloud.stop();

    // Same port, so the QueueUrls and receipt handles of the first run still point here.
    const second = await startPersistentCloud(dataDir, port);
    try {
      const before = await counts(second.sqs, QueueUrl ?? '');
      await second.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: inFlight.Messages?.[0]?.ReceiptHandle }));
      const rest = await second.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }));
      const duplicate = await second.sqs.send(new SendMessageCommand({ QueueUrl: fifoUrl, MessageBody: 'f', MessageGroupId: 'g', MessageDeduplicationId: 'once' }));

      expect(before).toEqual([2, 1, 0]);
      expect(rest.Messages?.map((m) => [m.Body, m.MessageAttributes?.k?.StringValue]).sort()).toEqual(
        ['a', 'b', 'c'].filter((b) => b !== inFlight.Messages?.[0]?.Body).map((b) => [b, b]),
      );
      expect(await counts(second.sqs, QueueUrl ?? '')).toEqual([0, 2, 0]);
      expect(duplicate.MessageId).toBe(fifoSent.MessageId);
      expect(await counts(second.sqs, fifoUrl ?? '')).toEqual([1, 0, 0]);
    } finally {
      second.sqs.destroy();
      await second.cloud.stop();
    }
  });

  it('returns in-flight messages whose visibility ran out while the cloud was stopped', async () => {
    const first = await startPersistentCloud(dataDir);
    const port = Number(new URL(first.cloud.endpoint).port);
    const { QueueUrl } = await first.sqs.send(new CreateQueueCommand({ QueueName: 'expiring' }));
    await first.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'again' }));
    await first.sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 1 }));
    first.sqs.destroy();
    await first.cloud.stop();
    await new Promise((resolve) => setTimeout(resolve, 150));

    const second = await startPersistentCloud(dataDir, port);
    try {
      const { Messages = [] } = await second.sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));

      expect(Messages.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([['again', '2']]);
    } finally {
      second.sqs.destroy();
      await second.cloud.stop();
    }
  });

  it('starts empty in a fresh data directory', async () => {
    const { cloud, sqs } = await startPersistentCloud(dataDir);
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'fresh' }));

      expect(await counts(sqs, QueueUrl ?? '')).toEqual([0, 0, 0]);
      expect(await fs.readdir(path.join(dataDir, 'sqs'))).toEqual([]);
    } finally {
      sqs.destroy();
      await cloud.stop();
    }
    expect(await fs.readdir(path.join(dataDir, 'sqs'))).toEqual(['sqs-state.json']);
  });
});
