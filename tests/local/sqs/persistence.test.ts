import fs from 'node:fs/promises';
import path from 'node:path';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { restartableCloud, type RestartableCloud } from '../../harness/restartableCloud';
import { counts } from './sqsTestSupport';

describe('SQS persistence', () => {
  let clouds: RestartableCloud<SQSClient>;

  beforeEach(async () => {
    clouds = await restartableCloud({ services: ['sqs'], timeScale: 0.1, client: (config) => new SQSClient({ ...config, maxAttempts: 1 }) });
  });

  afterEach(async () => {
    await clouds.dispose();
  });

  it('finds queues, messages and in-flight receipts again after a restart with the same data directory', async () => {
    const first = await clouds.start();
    const { QueueUrl } = await first.client.send(new CreateQueueCommand({ QueueName: 'persisted', Attributes: { VisibilityTimeout: '600' }, tags: { app: 'nfse' } }));
    const { QueueUrl: fifoUrl } = await first.client.send(new CreateQueueCommand({ QueueName: 'persisted.fifo', Attributes: { FifoQueue: 'true' } }));
    await first.client.send(new SendMessageBatchCommand({ QueueUrl, Entries: ['a', 'b', 'c'].map((body) => ({ Id: body, MessageBody: body, MessageAttributes: { k: { DataType: 'String', StringValue: body } } })) }));
    const fifoSent = await first.client.send(new SendMessageCommand({ QueueUrl: fifoUrl, MessageBody: 'f', MessageGroupId: 'g', MessageDeduplicationId: 'once' }));
    const inFlight = await first.client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1 }));
    await first.stop();

    // The restart takes the same port, so the QueueUrls and receipt handles of the first run still point here.
    const second = await clouds.start();
    const before = await counts(second.client, QueueUrl ?? '');
    await second.client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: inFlight.Messages?.[0]?.ReceiptHandle }));
    const rest = await second.client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }));
    const duplicate = await second.client.send(new SendMessageCommand({ QueueUrl: fifoUrl, MessageBody: 'f', MessageGroupId: 'g', MessageDeduplicationId: 'once' }));

    expect(before).toEqual([2, 1, 0]);
    expect(rest.Messages?.map((m) => [m.Body, m.MessageAttributes?.k?.StringValue]).sort()).toEqual(
      ['a', 'b', 'c'].filter((b) => b !== inFlight.Messages?.[0]?.Body).map((b) => [b, b]),
    );
    expect(await counts(second.client, QueueUrl ?? '')).toEqual([0, 2, 0]);
    expect(duplicate.MessageId).toBe(fifoSent.MessageId);
    expect(await counts(second.client, fifoUrl ?? '')).toEqual([1, 0, 0]);
  });

  it('returns in-flight messages whose visibility ran out while the cloud was stopped', async () => {
    const first = await clouds.start();
    const { QueueUrl } = await first.client.send(new CreateQueueCommand({ QueueName: 'expiring' }));
    await first.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'again' }));
    await first.client.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 1 }));
    await first.stop();
    // Stopped for longer than the visibility timeout (1 s at time scale 0.1).
    await new Promise((resolve) => setTimeout(resolve, 150));

    const second = await clouds.start();
    const { Messages = [] } = await second.client.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));

    expect(Messages.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([['again', '2']]);
  });

  it('starts empty in a fresh data directory', async () => {
    const { client, stop } = await clouds.start();
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'fresh' }));

    expect(await counts(client, QueueUrl ?? '')).toEqual([0, 0, 0]);
    expect(await fs.readdir(path.join(clouds.dataDir, 'sqs'))).toEqual([]);
    await stop();
    expect(await fs.readdir(path.join(clouds.dataDir, 'sqs'))).toEqual(['sqs-state.json']);
  });
});
