import { ConditionalCheckFailedException, DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { LambdaServiceException } from '@aws-sdk/client-lambda';
import { BadRequestException } from '@aws-sdk/client-rds-data';
import { NoSuchKey } from '@aws-sdk/client-s3';
import { ExecutionAlreadyExists } from '@aws-sdk/client-sfn';
import { QueueDoesNotExist } from '@aws-sdk/client-sqs';
import { AWS_SDK_SERVICES, pascalServiceName } from '../../../../local/stepfunctions/integrations/awsSdk/awsSdkServices';
import { awsSdkCallError, OPTIMIZED_ERROR_STYLES, optimizedCallError } from '../../../../local/stepfunctions/integrations/integrationErrors';

const META = { httpStatusCode: 400, requestId: 'REQ-1' };

describe('optimizedCallError', () => {
  it('names a DynamoDB error by its code, with the SDK v1 cause', () => {
    // Arrange
    const error = new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: META });

    // Act
    const failure = optimizedCallError(OPTIMIZED_ERROR_STYLES.dynamodb, error);

    // Assert
    expect({ error: failure.error, cause: failure.cause }).toEqual({
      error: 'DynamoDB.ConditionalCheckFailedException',
      cause: 'The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: REQ-1; Proxy: null)',
    });
  });

  it('adds the Exception suffix to an SQS code that lacks it', () => {
    // Arrange
    const error = new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: META });

    // Act
    const failure = optimizedCallError(OPTIMIZED_ERROR_STYLES.sqs, error);

    // Assert
    expect({ error: failure.error, cause: failure.cause }).toEqual({
      error: 'SQS.QueueDoesNotExistException',
      cause: 'The specified queue does not exist. (Service: AmazonSQS; Status Code: 400; Error Code: QueueDoesNotExist; Request ID: REQ-1; Proxy: null)',
    });
  });

  it('shows the query-protocol code of SQS errors in the cause, as SDK v1 did', () => {
    // Arrange
    const error = Object.assign(new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: META }), { Code: 'AWS.SimpleQueueService.NonExistentQueue' });

    // Act
    const failure = optimizedCallError(OPTIMIZED_ERROR_STYLES.sqs, error);

    // Assert
    expect({ error: failure.error, cause: failure.cause }).toEqual({
      error: 'SQS.QueueDoesNotExistException',
      cause: 'The specified queue does not exist. (Service: AmazonSQS; Status Code: 400; Error Code: AWS.SimpleQueueService.NonExistentQueue; Request ID: REQ-1; Proxy: null)',
    });
  });

  it('names an error the model does not declare after the SDK v1 generic class', () => {
    // Arrange
    const dynamo = new DynamoDBServiceException({ name: 'NotImplemented', $fault: 'server', message: 'not yet', $metadata: { httpStatusCode: 501, requestId: 'R-4' } });
    const lambda = new LambdaServiceException({ name: 'SomethingNew', $fault: 'client', message: 'new', $metadata: { httpStatusCode: 400 } });

    // Act
    const failures = [optimizedCallError(OPTIMIZED_ERROR_STYLES.dynamodb, dynamo), optimizedCallError(OPTIMIZED_ERROR_STYLES.lambda, lambda)];

    // Assert
    expect(failures.map((f) => ({ error: f.error, cause: f.cause }))).toEqual([
      { error: 'DynamoDB.AmazonDynamoDBException', cause: 'not yet (Service: AmazonDynamoDBv2; Status Code: 501; Error Code: NotImplemented; Request ID: R-4; Proxy: null)' },
      { error: 'Lambda.AWSLambdaException', cause: 'new (Service: AWSLambda; Status Code: 400; Error Code: SomethingNew; Request ID: null; Proxy: null)' },
    ]);
  });

  it('names a Step Functions error StepFunctions.<Code>Exception', () => {
    // Arrange
    const error = new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: META });

    // Act
    const failure = optimizedCallError(OPTIMIZED_ERROR_STYLES.states, error);

    // Assert
    expect(failure.error).toBe('StepFunctions.ExecutionAlreadyExistsException');
  });

  it('reports a call that got no HTTP answer as SdkClientException', () => {
    // Arrange
    const error = new Error('connect ECONNREFUSED 127.0.0.1:9');

    // Act
    const failure = optimizedCallError(OPTIMIZED_ERROR_STYLES.lambda, error);

    // Assert
    expect({ error: failure.error, cause: failure.cause }).toEqual({
      error: 'Lambda.SdkClientException',
      cause: 'Unable to execute HTTP request: connect ECONNREFUSED 127.0.0.1:9',
    });
  });
});

describe('awsSdkCallError', () => {
  it('names a DynamoDB error DynamoDb.<Code> with the SDK v2 cause', () => {
    // Arrange
    const error = new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: META });

    // Act
    const failure = awsSdkCallError(AWS_SDK_SERVICES.dynamodb.errorName, AWS_SDK_SERVICES.dynamodb.serviceException, error);

    // Assert
    expect({ error: failure.error, cause: failure.cause }).toEqual({
      error: 'DynamoDb.ConditionalCheckFailedException',
      cause: 'The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID: REQ-1)',
    });
  });

  it('adds the Exception suffix and the extended request id for S3', () => {
    // Arrange
    const error = new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404, requestId: 'R2', extendedRequestId: 'X2' } });

    // Act
    const failure = awsSdkCallError(AWS_SDK_SERVICES.s3.errorName, AWS_SDK_SERVICES.s3.serviceException, error);

    // Assert
    expect({ error: failure.error, cause: failure.cause }).toEqual({
      error: 'S3.NoSuchKeyException',
      cause: 'The specified key does not exist. (Service: S3, Status Code: 404, Request ID: R2, Extended Request ID: X2)',
    });
  });

  it('names an RDS Data error RdsData.<Code>', () => {
    // Arrange
    const error = new BadRequestException({ message: 'syntax error at or near "SELEC"', $metadata: META });

    // Act
    const failure = awsSdkCallError(AWS_SDK_SERVICES.rdsdata.errorName, AWS_SDK_SERVICES.rdsdata.serviceException, error);

    // Assert
    expect(failure.error).toBe('RdsData.BadRequestException');
  });

  it('names an error the model does not declare after the service\'s generic class', () => {
    // Arrange
    const error = new DynamoDBServiceException({ name: 'NotImplemented', $fault: 'server', message: 'not yet', $metadata: { httpStatusCode: 501, requestId: 'R-3' } });

    // Act
    const failure = awsSdkCallError(AWS_SDK_SERVICES.dynamodb.errorName, AWS_SDK_SERVICES.dynamodb.serviceException, error);

    // Assert
    expect({ error: failure.error, cause: failure.cause }).toEqual({ error: 'DynamoDb.DynamoDbException', cause: 'not yet (Service: DynamoDb, Status Code: 501, Request ID: R-3)' });
  });
});

describe('pascalServiceName', () => {
  it.each([
    ['DynamoDB', 'DynamoDb'],
    ['SQS', 'Sqs'],
    ['S3', 'S3'],
    ['RDS Data', 'RdsData'],
    ['EventBridge', 'EventBridge'],
    ['Lambda', 'Lambda'],
    ['SFN', 'Sfn'],
    ['ACM PCA', 'AcmPca'],
  ])('turns %s into %s', (serviceId, expected) => {
    // Act
    const name = pascalServiceName(serviceId);

    // Assert
    expect(name).toBe(expected);
  });
});
