import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { destroyIntegrationClients } from '../../../../local/stepfunctions/integrations/IntegrationClients';
import { invokeTask } from '../../../../local/stepfunctions/integrations/invokeTask';
import { uniqueName } from '../../../harness/localCloudEnv';
import { invocation, rejectionOf } from './integrationTestDeps';
import { requireServices, SERVICE_START_TIMEOUT_MS } from '../../../harness/requireServices';
import { cloudDeps } from './sharedCloud';

describe('DynamoDB integrations against the local cloud', () => {
  const deps = cloudDeps();
  const table = uniqueName('sfn-int');

  beforeAll(async () => {
    await requireServices(['dynamodb'], SERVICE_START_TIMEOUT_MS);
    await deps.clients.dynamodb.send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [{ AttributeName: 'invoiceId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'invoiceId', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  }, SERVICE_START_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    await deps.clients.dynamodb.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
    destroyIntegrationClients(deps.clients);
  });

  it('putItem then getItem answer as the optimized integration does', async () => {
    // Arrange
    const item = { invoiceId: { S: 'inv-1' }, status: { S: 'EMITTED' }, total: { N: '100.00' } };

    // Act
    const put = await invokeTask(invocation('arn:aws:states:::dynamodb:putItem', { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(invoiceId)' }), deps);
    const got = await invokeTask(invocation('arn:aws:states:::dynamodb:getItem', { TableName: table, Key: { invoiceId: { S: 'inv-1' } } }), deps);

    // Assert
    expect(put).toEqual({
      SdkHttpMetadata: { AllHttpHeaders: expect.any(Object), HttpHeaders: expect.objectContaining({ 'Content-Type': 'application/x-amz-json-1.0' }), HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: expect.any(String) },
    });
    expect(got).toMatchObject({ Item: { invoiceId: { S: 'inv-1' }, status: { S: 'EMITTED' }, total: { N: '100' } } });
  });

  it('updateItem with a refused condition fails with DynamoDB.ConditionalCheckFailedException', async () => {
    // Arrange
    await invokeTask(invocation('arn:aws:states:::dynamodb:putItem', { TableName: table, Item: { invoiceId: { S: 'inv-2' }, status: { S: 'ISSUED' } } }), deps);
    const parameters = {
      TableName: table,
      Key: { invoiceId: { S: 'inv-2' } },
      UpdateExpression: 'SET #s = :processing',
      ConditionExpression: '#s IN (:emitted, :failed, :processing)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':processing': { S: 'PROCESSING' }, ':emitted': { S: 'EMITTED' }, ':failed': { S: 'FAILED' } },
    };

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::dynamodb:updateItem', parameters), deps));

    // Assert
    expect(error).toMatchObject({
      error: 'DynamoDB.ConditionalCheckFailedException',
      cause: expect.stringMatching(/^The conditional request failed \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: .+; Proxy: null\)$/),
    });
  });

  it('aws-sdk:dynamodb names the same failure DynamoDb.ConditionalCheckFailedException', async () => {
    // Arrange
    await invokeTask(invocation('arn:aws:states:::aws-sdk:dynamodb:putItem', { TableName: table, Item: { invoiceId: { S: 'inv-3' } } }), deps);

    // Act
    const error = await rejectionOf(
      invokeTask(invocation('arn:aws:states:::aws-sdk:dynamodb:putItem', { TableName: table, Item: { invoiceId: { S: 'inv-3' } }, ConditionExpression: 'attribute_not_exists(invoiceId)' }), deps),
    );

    // Assert
    expect(error).toMatchObject({
      error: 'DynamoDb.ConditionalCheckFailedException',
      cause: expect.stringMatching(/^The conditional request failed \(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/),
    });
  });

  it('aws-sdk:dynamodb:getItem answers the item without SDK metadata', async () => {
    // Arrange
    await invokeTask(invocation('arn:aws:states:::aws-sdk:dynamodb:putItem', { TableName: table, Item: { invoiceId: { S: 'inv-4' }, n: { N: '3' } } }), deps);

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::aws-sdk:dynamodb:getItem', { TableName: table, Key: { invoiceId: { S: 'inv-4' } } }), deps);

    // Assert
    expect(result).toEqual({ Item: { invoiceId: { S: 'inv-4' }, n: { N: '3' } } });
  });
});
