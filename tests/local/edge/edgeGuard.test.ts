import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import pino from 'pino';
import { EdgeServer } from '../../../local/edge/EdgeServer';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { rawRequest } from '../guard/rawRequest';

const SIGNED_SQS = 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0';
const SIGNED_S3 = 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0';

/** Now as SigV4's X-Amz-Date (s3rver refuses a skewed one). */
const amzDate = (): string => new Date().toISOString().replace(/[-:]|\.\d+/g, '');

describe('the edge port: who may call it', () => {
  const { endpoint } = testClientConfig();
  const port = new URL(endpoint).port;

  it('refuses a page that rebound its own name to 127.0.0.1, in the service’s error shape', async () => {
    const answer = await rawRequest(endpoint, {
      method: 'POST',
      headers: { host: `rebind.example:${port}`, 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
    });

    expect(answer.status).toBe(403);
    expect(answer.headers['x-amzn-errortype']).toBe('AccessDeniedException');
    expect(JSON.parse(answer.text)).toEqual({
      __type: 'AccessDeniedException',
      message: `The local AWS edge refuses Host 'rebind.example:${port}': it answers only 127.0.0.1:${port}, localhost:${port}, [::1]:${port} (a page can point its own name at 127.0.0.1; start with --host, or list the name in LOCAL_ALLOWED_HOSTS, to allow another)`,
    });
  });

  it('refuses a foreign Host as S3 would, with an S3 error document', async () => {
    const answer = await rawRequest(`${endpoint}/some-bucket/key.xml`, { headers: { host: `127.0.0.1.nip.io:${port}` } });

    expect(answer.status).toBe(403);
    expect(answer.text).toContain('<Code>AccessDenied</Code>');
    expect(answer.text).toContain(`<Message>The local AWS edge refuses Host '127.0.0.1.nip.io:${port}': it answers only 127.0.0.1:${port}`);
  });

  it('answers the loopback names on its port, and *.localhost (virtual-host S3)', async () => {
    const names = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `my-bucket.localhost:${port}`];

    const statuses = await Promise.all(names.map(async (host) => (await rawRequest(`${endpoint}/health`, { headers: { host } })).status));

    expect(statuses).toEqual([200, 200, 200, 200]);
  });

  it('refuses the right name on another port (a second local server rebound onto ours)', async () => {
    const answer = await rawRequest(`${endpoint}/health`, { headers: { host: '127.0.0.1:9' } });

    expect(answer.status).toBe(403);
  });

  it('refuses every browser Origin, the console’s included', async () => {
    const statuses = await Promise.all(
      ['http://127.0.0.1:3001', 'https://evil.example', 'null'].map(async (origin) => (await rawRequest(`${endpoint}/health`, { headers: { origin } })).status),
    );

    expect(statuses).toEqual([403, 403, 403]);
  });

  it('serves SDK clients at http://localhost:<port> too', async () => {
    const ddb = new DynamoDBClient({ ...testClientConfig(), endpoint: `http://localhost:${port}` });

    const tables = await ddb.send(new ListTablesCommand({ Limit: 1 }));

    expect(Array.isArray(tables.TableNames)).toBe(true);
    ddb.destroy();
  });
});

describe('the edge port: what a web page can send without a preflight', () => {
  const { endpoint } = testClientConfig();
  let queueUrl: string;

  beforeAll(async () => {
    const sqs = new SQSClient(testClientConfig());
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('guard') }))).QueueUrl ?? '';
    sqs.destroy();
  });

  it('refuses a text/plain form post of an SQS query action, with a query error document', async () => {
    const answer = await rawRequest(queueUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'Action=PurgeQueue' });

    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/^<\?xml version="1\.0"\?><ErrorResponse xmlns="http:\/\/queue\.amazonaws\.com\/doc\/2012-11-05\/"><Error><Type>Sender<\/Type><Code>AWS\.SimpleQueueService\.UnsupportedOperation<\/Code>/);
    expect(answer.text).toContain(
      '<Message>SQS query actions must be POSTed form-encoded (application/x-www-form-urlencoded) and signed in the Authorization header, as the AWS SDKs and CLI send them; got POST with &apos;text/plain&apos;, unsigned</Message>',
    );
  });

  it('refuses an unsigned form-encoded SQS post and a GET query action, and takes the signed form the CLI v1 sends', async () => {
    const unsigned = await rawRequest(queueUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=PurgeQueue' });
    const get = await rawRequest(`${queueUrl}?Action=PurgeQueue`, { headers: { authorization: SIGNED_SQS } });
    const signed = await rawRequest(queueUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', authorization: SIGNED_SQS },
      body: 'Action=GetQueueAttributes&AttributeName.1=VisibilityTimeout',
    });

    expect([unsigned.status, get.status, signed.status]).toEqual([400, 400, 200]);
    expect(get.text).toContain('got GET with no Content-Type');
    expect(signed.text).toContain('<Attribute><Name>VisibilityTimeout</Name><Value>30</Value></Attribute>');
    const sqs = new SQSClient(testClientConfig());
    const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
    sqs.destroy();
    expect(attributes.Attributes).toEqual({ ApproximateNumberOfMessages: '0' });
  });

  it('refuses SQL in a text/plain POST /Execute with the Data API’s BadRequestException', async () => {
    const answer = await rawRequest(`${endpoint}/Execute`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"resourceArn":"a","secretArn":"b","sql":"DROP SCHEMA nfse CASCADE"}' });

    expect(answer.status).toBe(400);
    expect(answer.headers['x-amzn-errortype']).toBe('BadRequestException');
    expect(JSON.parse(answer.text)).toEqual({ message: "RDS Data API POST requests must be sent as Content-Type application/json, as the AWS SDKs and CLI send them; got 'text/plain'" });
  });

  it('refuses a Lambda invocation a page could send, with Lambda’s UnsupportedMediaTypeException', async () => {
    const plain = await rawRequest(`${endpoint}/2015-03-31/functions/nfse-sweeper/invocations`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    const untyped = await rawRequest(`${endpoint}/2015-03-31/functions/nfse-sweeper/invocations`, { method: 'POST', body: '{}' });

    expect([plain.status, untyped.status]).toEqual([415, 415]);
    expect(plain.headers['x-amzn-errortype']).toBe('UnsupportedMediaTypeException');
    expect(JSON.parse(plain.text)).toEqual({
      Type: 'User',
      message: "Lambda POST requests must be sent as Content-Type application/json or application/octet-stream (or none, signed in the Authorization header), as the AWS SDKs and CLI send them; got 'text/plain'",
    });
    expect(JSON.parse(untyped.text)).toMatchObject({ message: expect.stringContaining('got no Content-Type') });
  });

  it('refuses an X-Amz-Target request that is not AWS JSON of that service’s version', async () => {
    const plain = await rawRequest(endpoint, { method: 'POST', headers: { 'x-amz-target': 'DynamoDB_20120810.DeleteTable', 'content-type': 'text/plain' }, body: '{"TableName":"x"}' });
    const wrongVersion = await rawRequest(endpoint, { method: 'POST', headers: { 'x-amz-target': 'AWSEvents.ListRules', 'content-type': 'application/x-amz-json-1.0' }, body: '{}' });

    expect([plain.status, wrongVersion.status]).toEqual([400, 400]);
    expect(JSON.parse(plain.text)).toEqual({
      __type: 'UnknownOperationException',
      message: "X-Amz-Target requests must be AWS JSON: Content-Type application/x-amz-json-1.0, as the AWS SDKs and CLI send them; got 'text/plain'",
    });
    expect(JSON.parse(wrongVersion.text).message).toBe("X-Amz-Target requests must be AWS JSON: Content-Type application/x-amz-json-1.1, as the AWS SDKs and CLI send them; got 'application/x-amz-json-1.0'");
  });

  it('refuses an unsigned S3 form post, and takes a signed S3 POST whatever its type (the CLI sends none)', async () => {
    const s3 = new S3Client(testClientConfig());
    const bucket = uniqueName('guard').toLowerCase();
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a.txt', Body: 'a' }));
    s3.destroy();
    const deleteXml = '<Delete><Object><Key>a.txt</Key></Object></Delete>';

    const form = await rawRequest(`${endpoint}/${bucket}?delete`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: deleteXml });
    const signed = await rawRequest(`${endpoint}/${bucket}?delete`, { method: 'POST', headers: { authorization: SIGNED_S3, 'x-amz-date': amzDate(), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, body: deleteXml });

    expect(form.status).toBe(400);
    expect(form.text).toContain('<Code>InvalidRequest</Code>');
    expect(form.text).toContain("<Message>S3 POST requests must be signed in the Authorization header, as the AWS SDKs and CLI sign them; an unsigned POST ('text/plain') is what a web page's form sends</Message>");
    expect(signed.status).toBe(200);
    expect(signed.text).toContain('<Deleted><Key>a.txt</Key></Deleted>');
  });
});

describe('the edge port: body caps', () => {
  let edge: EdgeServer;

  beforeAll(async () => {
    edge = await EdgeServer.start({ port: 0, region: 'us-east-1', accountId: '000000000000', logger: pino({ level: 'silent' }), maxBodyBytes: 1024, maxObjectBytes: 4096 });
  });

  afterAll(() => edge.stop());

  it('answers 413 to a declared or a chunked body over the cap, in the protocol’s shape', async () => {
    const headers = { 'x-amz-target': 'AmazonSQS.SendMessage', 'content-type': 'application/x-amz-json-1.0' };

    const declared = await rawRequest(edge.endpoint, { method: 'POST', headers, body: 'x'.repeat(1025) });
    const chunked = await rawRequest(edge.endpoint, { method: 'POST', headers, body: 'x'.repeat(2000), chunked: true });

    expect([declared.status, chunked.status]).toEqual([413, 413]);
    expect(JSON.parse(declared.text)).toEqual({ __type: 'RequestEntityTooLargeException', message: 'The request body is larger than the local cloud takes (1024 bytes)' });
    expect(declared.headers.connection).toBe('close');
  });

  it('lets an S3 PUT through up to the object cap, and refuses one over it with EntityTooLarge', async () => {
    const headers = { authorization: SIGNED_S3 };

    const within = await rawRequest(`${edge.endpoint}/bucket/key`, { method: 'PUT', headers, body: 'x'.repeat(4096) });
    const over = await rawRequest(`${edge.endpoint}/bucket/key`, { method: 'PUT', headers, body: 'x'.repeat(4097) });

    // No S3 behind this bare edge: getting to routing is what proves the cap let it through.
    expect(within.status).toBe(400);
    expect(JSON.parse(within.text).__type).toBe('UnknownServiceException');
    expect(over.status).toBe(400);
    expect(over.text).toContain('<Code>EntityTooLarge</Code><Message>The request body is larger than the local cloud takes (4096 bytes for an S3 PUT)</Message>');
  });
});
