import { CreateQueueCommand, DeleteQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import { destroyIntegrationClients } from '../../../../local/stepfunctions/integrations/IntegrationClients';
import { invokeTask } from '../../../../local/stepfunctions/integrations/invokeTask';
import { uniqueName } from '../../../harness/localCloudEnv';
import { invocation, rejectionOf } from './integrationTestDeps';
import { requireServices, SERVICE_START_TIMEOUT_MS } from '../../../harness/requireServices';
import { cloudDeps } from './sharedCloud';

describe('SQS integrations against the local cloud', () => {
  const deps = cloudDeps();
  let queueUrl = '';

  beforeAll(async () => {
    await requireServices(['sqs'], SERVICE_START_TIMEOUT_MS);
    const created = await deps.clients.sqs.send(new CreateQueueCommand({ QueueName: uniqueName('sfn-int') }));
    queueUrl = created.QueueUrl ?? '';
  }, SERVICE_START_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    if (queueUrl !== '') await deps.clients.sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    destroyIntegrationClients(deps.clients);
  });

  it('sqs:sendMessage.waitForTaskToken delivers the JSON body and answers with MD5, id and HTTP metadata', async () => {
    // Arrange
    const body = { kind: 'emit', taskToken: 'token-1' };

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::sqs:sendMessage.waitForTaskToken', { QueueUrl: queueUrl, MessageBody: body }, { taskToken: 'token-1' }), deps);

    // Assert
    const received = await deps.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }));
    const text = JSON.stringify(body);
    expect(received.Messages?.map((m) => m.Body)).toEqual([text]);
    expect(result).toMatchObject({
      MD5OfMessageBody: createHash('md5').update(text).digest('hex'),
      MessageId: received.Messages?.[0]?.MessageId,
      SdkHttpMetadata: { HttpStatusCode: 200, HttpHeaders: expect.objectContaining({ 'Content-Type': expect.any(String) }) },
      SdkResponseMetadata: { RequestId: expect.any(String) },
    });
  });

  it('aws-sdk:sqs:sendMessage answers the API output only', async () => {
    // Act
    const result = await invokeTask(invocation('arn:aws:states:::aws-sdk:sqs:sendMessage', { QueueUrl: queueUrl, MessageBody: 'plain' }), deps);

    // Assert
    expect(Object.keys(result as object).sort()).toEqual(['MD5OfMessageBody', 'MessageId']);
  });

  it('names a missing queue SQS.QueueDoesNotExistException (optimized) and Sqs.QueueDoesNotExistException (aws-sdk)', async () => {
    // Arrange
    const missing = queueUrl.replace(/[^/]+$/, uniqueName('missing'));

    // Act
    const optimized = await rejectionOf(invokeTask(invocation('arn:aws:states:::sqs:sendMessage', { QueueUrl: missing, MessageBody: 'x' }), deps));
    const sdk = await rejectionOf(invokeTask(invocation('arn:aws:states:::aws-sdk:sqs:sendMessage', { QueueUrl: missing, MessageBody: 'x' }), deps));

    // Assert
    expect(optimized).toMatchObject({ error: 'SQS.QueueDoesNotExistException', cause: expect.stringMatching(/\(Service: AmazonSQS; Status Code: 400; Error Code: AWS\.SimpleQueueService\.NonExistentQueue; Request ID: .+; Proxy: null\)$/) });
    expect(sdk).toMatchObject({ error: 'Sqs.QueueDoesNotExistException', cause: expect.stringMatching(/\(Service: Sqs, Status Code: 400, Request ID: .+\)$/) });
  });
});
