import { QueueDoesNotExist, SendMessageCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { invokeTask } from '../../../../local/stepfunctions/integrations/invokeTask';
import { invocation, rejectionOf, unitDeps } from './integrationTestDeps';

describe('invokeTask with sqs', () => {
  it('sends a JSON MessageBody as its text and answers with the message id and metadata', async () => {
    // Arrange
    const deps = unitDeps();
    const sqs = mockClient(deps.clients.sqs);
    sqs.on(SendMessageCommand).resolves({ $metadata: { httpStatusCode: 200, requestId: 'REQ-2' }, MD5OfMessageBody: 'abc', MessageId: 'm-1' });
    const parameters = {
      QueueUrl: 'http://127.0.0.1:4566/000000000000/requests',
      MessageBody: { kind: 'emit', taskToken: 'tok' },
      MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'x' } },
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'emit' }, raw: { DataType: 'Binary', BinaryValue: 'aGk=' } },
    };

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::sqs:sendMessage.waitForTaskToken', parameters, { taskToken: 'tok' }), deps);

    // Assert
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: 'http://127.0.0.1:4566/000000000000/requests',
      MessageBody: '{"kind":"emit","taskToken":"tok"}',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'emit' }, raw: { DataType: 'Binary', BinaryValue: Buffer.from('hi') } },
    });
    expect(result).toEqual({
      MD5OfMessageBody: 'abc',
      MessageId: 'm-1',
      SdkHttpMetadata: { AllHttpHeaders: {}, HttpHeaders: {}, HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: 'REQ-2' },
    });
  });

  it('fails a missing queue with SQS.QueueDoesNotExistException', async () => {
    // Arrange
    const deps = unitDeps();
    mockClient(deps.clients.sqs)
      .on(SendMessageCommand)
      .rejects(new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: { httpStatusCode: 400, requestId: 'REQ-3' } }));

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::sqs:sendMessage', { QueueUrl: 'http://x/000000000000/nope', MessageBody: 'hi' }), deps));

    // Assert
    expect(error).toMatchObject({
      error: 'SQS.QueueDoesNotExistException',
      cause: 'The specified queue does not exist. (Service: AmazonSQS; Status Code: 400; Error Code: QueueDoesNotExist; Request ID: REQ-3; Proxy: null)',
    });
  });
});
