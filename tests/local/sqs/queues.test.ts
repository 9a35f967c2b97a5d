import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { attributes, createQueue, errorOf, sqsClient } from './sqsTestSupport';

describe('SQS queues', () => {
  const sqs = sqsClient();
  afterAll(() => sqs.destroy());

  it('creates a queue whose URL points at the edge and whose attributes are the given ones plus the defaults', async () => {
    const { url, name } = await createQueue(sqs, 'attrs', { VisibilityTimeout: '45', DelaySeconds: '2', MessageRetentionPeriod: '600', ReceiveMessageWaitTimeSeconds: '3', MaximumMessageSize: '2048' });

    const result = await attributes(sqs, url, ['All']);

    expect(url).toBe(`${testClientConfig().endpoint}/000000000000/${name}`);
    expect(result).toEqual({
      VisibilityTimeout: '45',
      DelaySeconds: '2',
      MessageRetentionPeriod: '600',
      ReceiveMessageWaitTimeSeconds: '3',
      MaximumMessageSize: '2048',
      SqsManagedSseEnabled: 'true',
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      CreatedTimestamp: expect.stringMatching(/^\d{10}$/),
      LastModifiedTimestamp: expect.stringMatching(/^\d{10}$/),
      QueueArn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
    });
  });

  it('answers the same URL when a queue is created again with the same attributes', async () => {
    const { url, name } = await createQueue(sqs, 'idem', { VisibilityTimeout: '10' });

    const again = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '10' } }));

    expect(again.QueueUrl).toBe(url);
  });

  it('rejects creating an existing queue with different attributes with QueueNameExists', async () => {
    const { name } = await createQueue(sqs, 'clash', { VisibilityTimeout: '10' });

    const error = await errorOf(sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '11' } })));

    expect(error.name).toBe('QueueNameExists');
    expect(error.Code).toBe('QueueAlreadyExists');
  });

  it('rejects a bad queue name, an unknown attribute and an out-of-range value', async () => {
    const badName = await errorOf(sqs.send(new CreateQueueCommand({ QueueName: 'has space' })));
    const unknown = await errorOf(sqs.send(new CreateQueueCommand({ QueueName: uniqueName('x'), Attributes: { Colour: 'blue' } as Record<string, string> })));
    const range = await errorOf(sqs.send(new CreateQueueCommand({ QueueName: uniqueName('x'), Attributes: { VisibilityTimeout: '43201' } })));
    const fifoName = await errorOf(sqs.send(new CreateQueueCommand({ QueueName: uniqueName('x'), Attributes: { FifoQueue: 'true' } })));

    expect([badName.name, unknown.name, range.name, fifoName.name]).toEqual(['InvalidParameterValue', 'InvalidAttributeName', 'InvalidAttributeValue', 'InvalidParameterValue']);
    expect(unknown.message).toBe('Unknown Attribute Colour.');
  });

  it('finds a queue URL by name and answers QueueDoesNotExist for an unknown one', async () => {
    const { url, name } = await createQueue(sqs, 'byname');

    const found = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    const error = await errorOf(sqs.send(new GetQueueUrlCommand({ QueueName: uniqueName('missing') })));

    expect(found.QueueUrl).toBe(url);
    expect(error.name).toBe('QueueDoesNotExist');
    expect(error.Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('lists queues by prefix, page by page', async () => {
    const prefix = uniqueName('list');
    const urls: string[] = [];
    for (const suffix of ['a', 'b', 'c']) {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-${suffix}` }));
      urls.push(QueueUrl ?? '');
    }

    const first = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2 }));
    const second = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2, NextToken: first.NextToken }));
    const all = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }));

    expect(first.QueueUrls).toEqual(urls.slice(0, 2));
    expect(second.QueueUrls).toEqual(urls.slice(2));
    expect(second.NextToken).toBeUndefined();
    expect(all.QueueUrls).toEqual(urls);
  });

  it('changes attributes with SetQueueAttributes and rejects an unknown one', async () => {
    const { url } = await createQueue(sqs, 'set');

    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: '5', DelaySeconds: '1' } }));
    const error = await errorOf(sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Nope: '1' } as Record<string, string> })));

    expect(await attributes(sqs, url, ['VisibilityTimeout', 'DelaySeconds'])).toEqual({ VisibilityTimeout: '5', DelaySeconds: '1' });
    expect(error.name).toBe('InvalidAttributeName');
  });

  it('deletes a queue, after which it does not exist', async () => {
    const { url, name } = await createQueue(sqs, 'gone');

    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    const error = await errorOf(sqs.send(new GetQueueUrlCommand({ QueueName: name })));

    expect(error.name).toBe('QueueDoesNotExist');
  });

  it('tags, lists and untags a queue, and takes tags at creation', async () => {
    const name = uniqueName('tags');
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, tags: { team: 'nfse' } }));

    await sqs.send(new TagQueueCommand({ QueueUrl, Tags: { env: 'local', owner: 'ops' } }));
    await sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ['owner'] }));
    const { Tags } = await sqs.send(new ListQueueTagsCommand({ QueueUrl }));

    expect(Tags).toEqual({ team: 'nfse', env: 'local' });
  });
});
