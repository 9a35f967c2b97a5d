import { Readable } from 'node:stream';
import { CreateQueueCommand, GetQueueAttributesCommand, QueueDoesNotExist, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createLogger } from '../../../local/createLogger';
import { InProcessHttpHandler } from '../../../local/edge/InProcessHttpHandler';
import { localClientConfig } from '../../../local/edge/localClientConfig';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';

describe('InProcessHttpHandler', () => {
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, services: ['sqs', 's3'], logger: createLogger('warn') });
  });

  afterAll(async () => {
    await cloud.stop();
  });

  const config = (): ReturnType<typeof localClientConfig> => localClientConfig({ endpoint: cloud.endpoint, region: 'us-east-1' });

  it('is what localClientConfig gives a client when the edge runs in this process', () => {
    expect(config().requestHandler).toBeInstanceOf(InProcessHttpHandler);
  });

  it('leaves a client of an edge in another process on HTTP', () => {
    expect(localClientConfig({ endpoint: 'http://127.0.0.1:1', region: 'us-east-1' }).requestHandler).toBeUndefined();
  });

  it('carries a call and its answer through the real SDK', async () => {
    const sqs = new SQSClient(config());
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'in-process' }));

    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'olá' }));
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));

    expect(received.Messages?.map((message) => message.Body)).toEqual(['olá']);
  });

  it('maps a service error to the SDK exception', async () => {
    const sqs = new SQSClient(config());

    await expect(sqs.send(new SendMessageCommand({ QueueUrl: `${cloud.endpoint}/000000000000/missing`, MessageBody: 'x' }))).rejects.toBeInstanceOf(QueueDoesNotExist);
  });

  it('sends the query string and streams an object body back', async () => {
    const s3 = new S3Client({ ...config(), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'in-process' }));
    await s3.send(new PutObjectCommand({ Bucket: 'in-process', Key: 'a b/ç.xml', Body: '<a/>', ContentType: 'application/xml' }));

    const object = await s3.send(new GetObjectCommand({ Bucket: 'in-process', Key: 'a b/ç.xml', ResponseContentType: 'text/plain' }));

    expect(await object.Body?.transformToString()).toBe('<a/>');
    expect(object.ContentType).toBe('text/plain');
  });

  it('sends a stream body whole', async () => {
    const s3 = new S3Client({ ...config(), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'in-process-stream' }));
    await s3.send(new PutObjectCommand({ Bucket: 'in-process-stream', Key: 'stream.txt', Body: Readable.from([Buffer.from('hello '), Buffer.from('world')]), ContentLength: 11 }));

    const object = await s3.send(new GetObjectCommand({ Bucket: 'in-process-stream', Key: 'stream.txt' }));

    expect(await object.Body?.transformToString()).toBe('hello world');
  });

  it('rejects with an AbortError when the call is aborted while the service works', async () => {
    const sqs = new SQSClient(config());
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'in-process-abort' }));
    const abort = new AbortController();

    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }), { abortSignal: abort.signal });
    abort.abort();

    await expect(polling).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('tells the service of an aborted long poll: it takes no message, the next poller gets it', async () => {
    const sqs = new SQSClient(config());
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'in-process-abandoned', Attributes: { VisibilityTimeout: '43200' } }));
    const abort = new AbortController();
    const abandoned = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }), { abortSignal: abort.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    abort.abort();
    await expect(abandoned).rejects.toMatchObject({ name: 'AbortError' });

    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'for the next poller' }));
    const next = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));

    expect(next.Messages?.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([['for the next poller', '1']]);
  });

  it('leaves a delivered message in flight when the signal aborts after the answer', async () => {
    const sqs = new SQSClient(config());
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'in-process-delivered', Attributes: { VisibilityTimeout: '43200' } }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'read once' }));
    const abort = new AbortController();

    const read = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }), { abortSignal: abort.signal });
    abort.abort();
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));

    expect(read.Messages?.map((m) => m.Body)).toEqual(['read once']);
    expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '1' });
  });

  it('refuses the connection once the edge has stopped, as its closed port would', async () => {
    const other = await startLocalCloud({ port: 0, services: ['sqs'], logger: createLogger('warn') });
    const sqs = new SQSClient(localClientConfig({ endpoint: other.endpoint, region: 'us-east-1' }));
    await other.stop();

    await expect(sqs.send(new CreateQueueCommand({ QueueName: 'gone' }))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
