import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { StatesError } from '../../../../local/stepfunctions/errors/StatesError';
import { invokeTask } from '../../../../local/stepfunctions/integrations/invokeTask';
import { invocation, rejectionOf, unitDeps } from './integrationTestDeps';

const METADATA_FIELDS = {
  SdkHttpMetadata: { AllHttpHeaders: {}, HttpHeaders: {}, HttpStatusCode: 200 },
  SdkResponseMetadata: { RequestId: 'REQ-1' },
};

describe('invokeTask with dynamodb', () => {
  it('answers getItem with the raw AttributeValue map and the SDK metadata fields', async () => {
    // Arrange
    const deps = unitDeps();
    const dynamo = mockClient(deps.clients.dynamodb);
    dynamo.on(GetItemCommand).resolves({ $metadata: { httpStatusCode: 200, requestId: 'REQ-1' }, Item: { id: { S: 'inv-1' }, total: { N: '10' } } });

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::dynamodb:getItem', { TableName: 'Invoices', Key: { id: { S: 'inv-1' } } }), deps);

    // Assert
    expect(result).toEqual({ Item: { id: { S: 'inv-1' }, total: { N: '10' } }, ...METADATA_FIELDS });
    expect(dynamo.commandCalls(GetItemCommand)[0]?.args[0].input).toEqual({ TableName: 'Invoices', Key: { id: { S: 'inv-1' } } });
  });

  it('passes only the parameters the integration supports', async () => {
    // Arrange
    const deps = unitDeps();
    const dynamo = mockClient(deps.clients.dynamodb);
    dynamo.on(UpdateItemCommand).resolves({ $metadata: { httpStatusCode: 200, requestId: 'REQ-1' }, Attributes: { status: { S: 'ISSUED' } } });
    const parameters = {
      TableName: 'Invoices',
      Key: { id: { S: 'inv-1' } },
      UpdateExpression: 'SET #s = :s',
      ConditionExpression: '#s IN (:p, :s)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': { S: 'ISSUED' }, ':p': { S: 'PROCESSING' } },
      ReturnValues: 'ALL_NEW',
      Unsupported: 'dropped',
    };

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::dynamodb:updateItem', parameters), deps);

    // Assert
    const { Unsupported: _dropped, ...sent } = parameters;
    expect(dynamo.commandCalls(UpdateItemCommand)[0]?.args[0].input).toEqual(sent);
    expect(result).toEqual({ Attributes: { status: { S: 'ISSUED' } }, ...METADATA_FIELDS });
  });

  it('fails a refused condition with DynamoDB.ConditionalCheckFailedException', async () => {
    // Arrange
    const deps = unitDeps();
    mockClient(deps.clients.dynamodb)
      .on(PutItemCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400, requestId: 'REQ-9' } }));

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::dynamodb:putItem', { TableName: 'Invoices', Item: { id: { S: 'x' } } }), deps));

    // Assert
    expect(error).toBeInstanceOf(StatesError);
    expect(error).toMatchObject({
      error: 'DynamoDB.ConditionalCheckFailedException',
      cause: 'The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: REQ-9; Proxy: null)',
    });
  });

  it('rejects parameters that are not an object with States.Runtime', async () => {
    // Arrange
    const deps = unitDeps();

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::dynamodb:getItem', [1, 2]), deps));

    // Assert
    expect(error).toMatchObject({ error: 'States.Runtime', cause: "The parameters of resource 'arn:aws:states:::dynamodb:getItem' must be a JSON object, got [1,2]." });
  });
});
