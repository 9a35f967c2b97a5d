import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createLogger } from '../../../local/createLogger';
import { localClientConfig } from '../../../local/edge/localClientConfig';
import { operationOf } from '../../../local/edge/RequestCounters';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';

describe('RequestCounters', () => {
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, services: ['sqs', 's3'], logger: createLogger('warn') });
  });

  afterAll(async () => {
    await cloud.stop();
  });

  beforeEach(() => cloud.counters.reset());

  it('counts every SDK call per service and operation, in-process and over HTTP', async () => {
    const config = localClientConfig({ endpoint: cloud.endpoint, region: 'us-east-1' });
    const sqs = new SQSClient(config);
    const s3 = new S3Client({ ...config, forcePathStyle: true });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'counted' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'one' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'two' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'counted-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'counted-bucket', Key: 'a.xml', Body: '<a/>' }));
    await fetch(cloud.endpoint, { method: 'POST', headers: { 'x-amz-target': 'AmazonSQS.ListQueues', 'content-type': 'application/x-amz-json-1.0' }, body: '{}' });

    const counts = cloud.counters.snapshot().map(({ service, operation, requests }) => [service, operation, requests]);

    expect(counts).toEqual([
      ['s3', 'PutObject', 2],
      ['sqs', 'CreateQueue', 1],
      ['sqs', 'ListQueues', 1],
      ['sqs', 'SendMessage', 2],
    ]);
  });

  it('sums the request and response bytes of an operation', async () => {
    const response = await fetch(cloud.endpoint, { method: 'POST', headers: { 'x-amz-target': 'AmazonSQS.ListQueues', 'content-type': 'application/x-amz-json-1.0' }, body: '{"MaxResults":5}' });
    const answer = await response.text();

    expect(cloud.counters.snapshot()).toEqual([{ service: 'sqs', operation: 'ListQueues', requests: 1, requestBytes: 16, responseBytes: Buffer.byteLength(answer) }]);
  });
});

describe('operationOf', () => {
  it('names an operation by target, Query action, S3 verb or path', () => {
    expect(operationOf('sqs', 'POST', new URL('http://e/'), 'SendMessage')).toBe('SendMessage');
    expect(operationOf('sqs', 'POST', new URL('http://e/?Action=ReceiveMessage'), undefined)).toBe('ReceiveMessage');
    expect(operationOf('s3', 'PUT', new URL('http://e/bucket/key.xml'), undefined)).toBe('PutObject');
    expect(operationOf('s3', 'GET', new URL('http://e/bucket/key.xml'), undefined)).toBe('GetObject');
    expect(operationOf('rds-data', 'POST', new URL('http://e/Execute'), undefined)).toBe('POST /Execute');
  });
});
