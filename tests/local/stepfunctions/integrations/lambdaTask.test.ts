import { InvokeCommand, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { invokeTask } from '../../../../local/stepfunctions/integrations/invokeTask';
import { invocation, payloadBlob, rejectionOf, sentText, unitDeps } from './integrationTestDeps';

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:emit';

describe('invokeTask with lambda:invoke', () => {
  it('answers with ExecutedVersion, the parsed Payload, the metadata fields and StatusCode', async () => {
    // Arrange
    const deps = unitDeps();
    const lambda = mockClient(deps.clients.lambda);
    lambda.on(InvokeCommand).resolves({ $metadata: { httpStatusCode: 200, requestId: 'REQ-4' }, StatusCode: 200, ExecutedVersion: '$LATEST', Payload: payloadBlob('{"ok":true}') });

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::lambda:invoke', { FunctionName: 'emit', Payload: { invoiceId: 'i-1' } }), deps);

    // Assert
    expect(sentText(lambda.commandCalls(InvokeCommand)[0]?.args[0].input.Payload)).toBe('{"invoiceId":"i-1"}');
    expect(result).toEqual({
      ExecutedVersion: '$LATEST',
      Payload: { ok: true },
      SdkHttpMetadata: { AllHttpHeaders: {}, HttpHeaders: {}, HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: 'REQ-4' },
      StatusCode: 200,
    });
  });

  it('fails a function error with the errorType as error and the payload as cause', async () => {
    // Arrange
    const deps = unitDeps();
    const payload = '{"errorType":"Provider.Transient","errorMessage":"city is down","trace":[]}';
    mockClient(deps.clients.lambda).on(InvokeCommand).resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: payloadBlob(payload) });

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::lambda:invoke', { FunctionName: 'emit', Payload: {} }), deps));

    // Assert
    expect(error).toMatchObject({ error: 'Provider.Transient', cause: payload });
  });

  it('fails a missing function with Lambda.ResourceNotFoundException', async () => {
    // Arrange
    const deps = unitDeps();
    mockClient(deps.clients.lambda)
      .on(InvokeCommand)
      .rejects(new ResourceNotFoundException({ message: 'Function not found: nope', $metadata: { httpStatusCode: 404, requestId: 'REQ-5' } }));

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::lambda:invoke', { FunctionName: 'nope' }), deps));

    // Assert
    expect(error).toMatchObject({
      error: 'Lambda.ResourceNotFoundException',
      cause: 'Function not found: nope (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: REQ-5; Proxy: null)',
    });
  });
});

describe('invokeTask with a Lambda function ARN', () => {
  it('sends the parameters as the event and answers with the bare payload', async () => {
    // Arrange
    const deps = unitDeps();
    const lambda = mockClient(deps.clients.lambda);
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, ExecutedVersion: '$LATEST', Payload: payloadBlob('{"status":"ISSUED"}') });

    // Act
    const result = await invokeTask(invocation(FUNCTION_ARN, { invoiceId: 'i-2' }), deps);

    // Assert
    const input = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect({ FunctionName: input?.FunctionName, Payload: sentText(input?.Payload) }).toEqual({ FunctionName: FUNCTION_ARN, Payload: '{"invoiceId":"i-2"}' });
    expect(result).toEqual({ status: 'ISSUED' });
  });

  it('names a function error without errorType Lambda.Unknown', async () => {
    // Arrange
    const deps = unitDeps();
    mockClient(deps.clients.lambda).on(InvokeCommand).resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: payloadBlob('"out of memory"') });

    // Act
    const error = await rejectionOf(invokeTask(invocation(FUNCTION_ARN, {}), deps));

    // Assert
    expect(error).toMatchObject({ error: 'Lambda.Unknown', cause: '"out of memory"' });
  });
});
