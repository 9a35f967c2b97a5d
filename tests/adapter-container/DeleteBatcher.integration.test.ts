import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import pino from 'pino';
import { DeleteBatcher } from '../../adapter-container/worker/DeleteBatcher';
import { ScaledClock } from '../../lib/clock/ScaledClock';
import { testClientConfig, uniqueName } from '../harness/localCloudEnv';
import { requireServices } from '../harness/requireServices';

interface LogLine {
  readonly msg: string;
  readonly messageId?: string;
  readonly code?: string;
}

describe('DeleteBatcher against the local SQS', () => {
  const sqs = new SQSClient({ ...testClientConfig(), cacheMiddleware: true });
  let queueUrl = '';

  beforeAll(async () => {
    await requireServices(['sqs']);
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('adapter-deletes'), Attributes: { VisibilityTimeout: '60' } }))).QueueUrl ?? '';
  });

  afterAll(async () => {
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    sqs.destroy();
  });

  async function receiveAll(count: number): Promise<Message[]> {
    const received: Message[] = [];
    while (received.length < count) {
      const batch = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      received.push(...(batch.Messages ?? []));
    }
    return received;
  }

  it('deletes received messages in one batch and logs the entry SQS refused, leaving the others deleted', async () => {
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: ['a', 'b', 'c'].map((id) => ({ Id: id, MessageBody: id })) }));
    const messages = await receiveAll(3);
    const lines: LogLine[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
    const batcher = new DeleteBatcher({ sqs, queueUrl, clock: new ScaledClock(), logger });

    await Promise.all([
      ...messages.map((message) => batcher.delete(message.ReceiptHandle, logger.child({ messageId: message.MessageId }))),
      batcher.delete('not-a-receipt-handle', logger.child({ messageId: 'bogus' })),
    ]);

    const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    expect(attributes.Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    expect(lines.map(({ msg, messageId, code }) => ({ msg, messageId, code }))).toEqual([{ msg: 'could not delete the message', messageId: 'bogus', code: 'ReceiptHandleIsInvalid' }]);
  });
});
