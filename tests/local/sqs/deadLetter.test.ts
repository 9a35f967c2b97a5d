import {
  CancelMessageMoveTaskCommand,
  CreateQueueCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  StartMessageMoveTaskCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { uniqueName } from '../../harness/localCloudEnv';
import { attributes, counts, createQueue, errorOf, sleepAws, sqsClient } from './sqsTestSupport';

/** A source queue whose dead-letter queue takes a message after `maxReceiveCount` receives. */
async function sourceWithDlq(sqs: SQSClient, maxReceiveCount: number): Promise<{ source: { url: string; arn: string }; dlq: { url: string; arn: string } }> {
  const dlq = await createQueue(sqs, 'dlq');
  const source = await createQueue(sqs, 'src', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: String(maxReceiveCount) }) });
  return { source, dlq };
}

/** Receives every message of a queue once with a zero visibility timeout, `times` times. */
async function receiveAndDrop(sqs: SQSClient, url: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
}

async function waitForTask(sqs: SQSClient, sourceArn: string, status: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const { Results = [] } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: sourceArn }));
    if (Results[0]?.Status === status) return Results[0] as Record<string, unknown>;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the move task never reached ${status}`);
}

describe('SQS dead-letter queues', () => {
  const sqs = sqsClient();
  afterAll(() => sqs.destroy());

  it('moves a message to the dead-letter queue on the receive after maxReceiveCount, keeping its id and source', async () => {
    const { source, dlq } = await sourceWithDlq(sqs, 2);
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: 'poison' }));

    await receiveAndDrop(sqs, source.url, 2);
    const third = await sqs.send(new ReceiveMessageCommand({ QueueUrl: source.url }));
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, MessageSystemAttributeNames: ['DeadLetterQueueSourceArn', 'ApproximateReceiveCount'] }));

    expect(third.Messages).toBeUndefined();
    expect(dead.Messages?.map((m) => [m.MessageId, m.Body])).toEqual([[sent.MessageId, 'poison']]);
    expect(dead.Messages?.[0]?.Attributes).toEqual({ DeadLetterQueueSourceArn: source.arn, ApproximateReceiveCount: '3' });
    expect(await counts(sqs, source.url)).toEqual([0, 0, 0]);
  });

  it('answers the RedrivePolicy with a numeric maxReceiveCount and lists the dead-letter source queues', async () => {
    const { source, dlq } = await sourceWithDlq(sqs, 5);

    const { queueUrls } = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq.url }));
    const policy = await attributes(sqs, source.url, ['RedrivePolicy']);

    expect(queueUrls).toEqual([source.url]);
    expect(policy).toEqual({ RedrivePolicy: `{"deadLetterTargetArn":"${dlq.arn}","maxReceiveCount":5}` });
  });

  it('rejects a RedrivePolicy whose target does not exist or refuses the source', async () => {
    const closed = await createQueue(sqs, 'closed', { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'denyAll' }) });
    const missingArn = `arn:aws:sqs:us-east-1:000000000000:${uniqueName('nope')}`;

    const missing = await errorOf(sqs.send(new CreateQueueCommand({ QueueName: uniqueName('s'), Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: missingArn, maxReceiveCount: 3 }) } })));
    const denied = await errorOf(sqs.send(new CreateQueueCommand({ QueueName: uniqueName('s'), Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: closed.arn, maxReceiveCount: 3 }) } })));
    const badCount = await errorOf(sqs.send(new CreateQueueCommand({ QueueName: uniqueName('s'), Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: closed.arn, maxReceiveCount: 0 }) } })));

    expect([missing.name, denied.name, badCount.name]).toEqual(['InvalidParameterValue', 'InvalidParameterValue', 'InvalidParameterValue']);
    expect(missing.message).toMatch(/Reason: Dead letter target does not exist\.$/);
  });

  it('redrives dead letters back to their source queue with a move task, then reports it completed', async () => {
    const { source, dlq } = await sourceWithDlq(sqs, 1);
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: source.url, Entries: Array.from({ length: 3 }, (_, i) => ({ Id: `e${i}`, MessageBody: `m${i}` })) }));
    await receiveAndDrop(sqs, source.url, 2);
    const inDlq = await counts(sqs, dlq.url);

    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn }));
    const task = await waitForTask(sqs, dlq.arn, 'COMPLETED');
    const back = await sqs.send(new ReceiveMessageCommand({ QueueUrl: source.url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));

    expect(inDlq).toEqual([3, 0, 0]);
    expect(TaskHandle).toEqual(expect.any(String));
    expect(task).toEqual({ Status: 'COMPLETED', SourceArn: dlq.arn, ApproximateNumberOfMessagesMoved: 3, ApproximateNumberOfMessagesToMove: 3, StartedTimestamp: expect.any(Number) });
    expect(back.Messages?.map((m) => m.Body).sort()).toEqual(['m0', 'm1', 'm2']);
    expect(back.Messages?.map((m) => m.Attributes?.ApproximateReceiveCount)).toEqual(['1', '1', '1']);
    expect(await counts(sqs, dlq.url)).toEqual([0, 0, 0]);
  });

  it('moves dead letters to a chosen destination at a limited rate and cancels the task', async () => {
    const { source, dlq } = await sourceWithDlq(sqs, 1);
    const destination = await createQueue(sqs, 'dest');
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: source.url, Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `e${i}`, MessageBody: `m${i}` })) }));
    await receiveAndDrop(sqs, source.url, 2);

    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: destination.arn, MaxNumberOfMessagesPerSecond: 1 }));
    await sleepAws(1_500);
    const running = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn }));
    const second = await errorOf(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn })));
    const cancelled = await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    await sleepAws(1_500);

    expect(running.Results?.[0]).toMatchObject({ Status: 'RUNNING', TaskHandle, DestinationArn: destination.arn, MaxNumberOfMessagesPerSecond: 1, ApproximateNumberOfMessagesToMove: 10 });
    expect(second.name).toBe('InvalidParameterValue');
    // One per second of AWS time: about 2 moved by the cancel, never all 10 (that takes 9 s).
    const moved = cancelled.ApproximateNumberOfMessagesMoved ?? -1;
    expect(moved).toBeGreaterThanOrEqual(1);
    expect(moved).toBeLessThan(10);
    expect((await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn }))).Results?.[0]?.Status).toBe('CANCELLED');
    expect(await counts(sqs, destination.url)).toEqual([moved, 0, 0]);
    expect(await counts(sqs, dlq.url)).toEqual([10 - moved, 0, 0]);
  });

  it('refuses a move task from a queue that is no dead-letter queue or does not exist', async () => {
    const plain = await createQueue(sqs, 'plain');

    const notDlq = await errorOf(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: plain.arn })));
    const missing = await errorOf(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: `${plain.arn}-missing` })));
    const cancel = await errorOf(sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: 'nope' })));

    expect([notDlq.name, missing.name, cancel.name]).toEqual(['InvalidParameterValue', 'ResourceNotFoundException', 'ResourceNotFoundException']);
  });

  it('stops dead-lettering once the RedrivePolicy is removed', async () => {
    const { source, dlq } = await sourceWithDlq(sqs, 1);
    await sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: 'stay' }));
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: source.url, Attributes: { RedrivePolicy: '' } }));

    await receiveAndDrop(sqs, source.url, 3);

    expect(await counts(sqs, source.url)).toEqual([1, 0, 0]);
    expect(await counts(sqs, dlq.url)).toEqual([0, 0, 0]);
  });
});
