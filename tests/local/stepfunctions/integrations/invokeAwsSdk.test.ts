import { ConditionalCheckFailedException, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { BadRequestException, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
import { GetObjectCommand, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { Readable } from 'node:stream';
import { invokeTask } from '../../../../local/stepfunctions/integrations/invokeTask';
import { invocation, payloadBlob, rejectionOf, unitDeps } from './integrationTestDeps';

/** A streamed body as the SDK returns it for S3 GetObject in Node. */
function sdkStream(text: string): NonNullable<GetObjectCommandOutput['Body']> {
  return Object.assign(Readable.from([Buffer.from(text)]), {
    transformToString: async (): Promise<string> => text,
    transformToByteArray: async (): Promise<Uint8Array> => new Uint8Array(Buffer.from(text)),
    transformToWebStream: (): ReadableStream => new ReadableStream(),
  });
}

describe('invokeTask with aws-sdk integrations', () => {
  it('calls DynamoDB PutItem with the parameters as written and answers without SDK metadata', async () => {
    // Arrange
    const deps = unitDeps();
    const dynamo = mockClient(deps.clients.dynamodb);
    dynamo.on(PutItemCommand).resolves({ $metadata: { httpStatusCode: 200, requestId: 'R' } });
    const parameters = { TableName: 'Invoices', Item: { id: { S: 'inv-1' } }, ConditionExpression: 'attribute_not_exists(id)' };

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::aws-sdk:dynamodb:putItem', parameters), deps);

    // Assert
    expect(dynamo.commandCalls(PutItemCommand)[0]?.args[0].input).toEqual(parameters);
    expect(result).toEqual({});
  });

  it('fails a refused condition with DynamoDb.ConditionalCheckFailedException and the SDK v2 cause', async () => {
    // Arrange
    const deps = unitDeps();
    mockClient(deps.clients.dynamodb)
      .on(PutItemCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400, requestId: 'R-1' } }));

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::aws-sdk:dynamodb:putItem', { TableName: 'T', Item: {} }), deps));

    // Assert
    expect(error).toMatchObject({
      error: 'DynamoDb.ConditionalCheckFailedException',
      cause: 'The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID: R-1)',
    });
  });

  it('translates RDS Data keys to camelCase for the SDK and its answer back to PascalCase', async () => {
    // Arrange
    const deps = unitDeps();
    const rds = mockClient(deps.clients.rdsdata);
    rds.on(ExecuteStatementCommand).resolves({
      $metadata: { httpStatusCode: 200 },
      numberOfRecordsUpdated: 1,
      records: [[{ stringValue: 'inv-1' }, { isNull: true }, { blobValue: new Uint8Array([1, 2]) }]],
      generatedFields: [],
    });
    const parameters = {
      ResourceArn: 'arn:aws:rds:us-east-1:000000000000:cluster:nfse',
      SecretArn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db',
      Database: 'nfse',
      Sql: 'INSERT INTO nfse.invoices (invoice_id) VALUES (:id) ON CONFLICT (invoice_id) DO NOTHING',
      Parameters: [{ Name: 'id', Value: { StringValue: 'inv-1' } }],
    };

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::aws-sdk:rdsdata:executeStatement', parameters), deps);

    // Assert
    expect(rds.commandCalls(ExecuteStatementCommand)[0]?.args[0].input).toEqual({
      resourceArn: parameters.ResourceArn,
      secretArn: parameters.SecretArn,
      database: 'nfse',
      sql: parameters.Sql,
      parameters: [{ name: 'id', value: { stringValue: 'inv-1' } }],
    });
    expect(result).toEqual({ NumberOfRecordsUpdated: 1, Records: [[{ StringValue: 'inv-1' }, { IsNull: true }, { BlobValue: 'AQI=' }]], GeneratedFields: [] });
  });

  it('fails a bad statement with RdsData.BadRequestException', async () => {
    // Arrange
    const deps = unitDeps();
    mockClient(deps.clients.rdsdata)
      .on(ExecuteStatementCommand)
      .rejects(new BadRequestException({ message: 'ERROR: syntax error at or near "SELEC"', $metadata: { httpStatusCode: 400, requestId: 'R-2' } }));

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::aws-sdk:rdsdata:executeStatement', { Sql: 'SELEC 1' }), deps));

    // Assert
    expect(error).toMatchObject({ error: 'RdsData.BadRequestException', cause: 'ERROR: syntax error at or near "SELEC" (Service: RdsData, Status Code: 400, Request ID: R-2)' });
  });

  it('answers S3 GetObject with the body as text and dates as ISO instants', async () => {
    // Arrange
    const deps = unitDeps();
    const output: GetObjectCommandOutput = {
      $metadata: { httpStatusCode: 200 },
      Body: sdkStream('<Rps/>'),
      ContentLength: 6,
      ContentType: 'application/xml',
      LastModified: new Date('2026-03-04T05:06:07.000Z'),
    };
    mockClient(deps.clients.s3).on(GetObjectCommand).resolves(output);

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::aws-sdk:s3:getObject', { Bucket: 'docs', Key: 'xml/inv-1.xml' }), deps);

    // Assert
    expect(result).toEqual({ Body: '<Rps/>', ContentLength: 6, ContentType: 'application/xml', LastModified: '2026-03-04T05:06:07Z' });
  });

  it('sends Step Functions input as JSON text in camelCase and answers in PascalCase', async () => {
    // Arrange
    const deps = unitDeps();
    const sfn = mockClient(deps.clients.sfn);
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:x', startDate: new Date('2026-01-01T00:00:00.250Z') });

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::aws-sdk:sfn:startExecution', { StateMachineArn: 'arn:m', Input: { a: 1 } }), deps);

    // Assert
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({ stateMachineArn: 'arn:m', input: '{"a":1}' });
    expect(result).toEqual({ ExecutionArn: 'arn:x', StartDate: '2026-01-01T00:00:00.250Z' });
  });

  it('sends a JSON SQS MessageBody as text for waitForTaskToken', async () => {
    // Arrange
    const deps = unitDeps();
    const sqs = mockClient(deps.clients.sqs);
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm', MD5OfMessageBody: 'd' });

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken', { QueueUrl: 'q', MessageBody: { token: 't' } }), deps);

    // Assert
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({ QueueUrl: 'q', MessageBody: '{"token":"t"}' });
    expect(result).toEqual({ MessageId: 'm', MD5OfMessageBody: 'd' });
  });

  it('answers Lambda Invoke with the payload as text', async () => {
    // Arrange
    const deps = unitDeps();
    mockClient(deps.clients.lambda).on(InvokeCommand).resolves({ StatusCode: 200, ExecutedVersion: '$LATEST', Payload: payloadBlob('{"ok":1}') });

    // Act
    const result = await invokeTask(invocation('arn:aws:states:::aws-sdk:lambda:invoke', { FunctionName: 'f', Payload: { a: 1 } }), deps);

    // Assert
    expect(result).toEqual({ StatusCode: 200, ExecutedVersion: '$LATEST', Payload: '{"ok":1}' });
  });

  it('reports a call that never reached the service as <Service>.SdkClientException', async () => {
    // Arrange
    const deps = unitDeps();
    mockClient(deps.clients.s3).on(GetObjectCommand).rejects(new Error('connect ECONNREFUSED 127.0.0.1:9'));

    // Act
    const error = await rejectionOf(invokeTask(invocation('arn:aws:states:::aws-sdk:s3:getObject', { Bucket: 'b', Key: 'k' }), deps));

    // Assert
    expect(error).toMatchObject({ error: 'S3.SdkClientException', cause: 'Unable to execute HTTP request: connect ECONNREFUSED 127.0.0.1:9' });
  });
});
