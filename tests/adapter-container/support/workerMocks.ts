import { GetObjectCommand, PutObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { ChangeMessageVisibilityCommand, DeleteMessageBatchCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient, type DeleteMessageBatchCommandInput, type DeleteMessageBatchCommandOutput } from '@aws-sdk/client-sqs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

/** Clients with every call the worker makes mocked to succeed, and one log of the calls in order. */
export interface WorkerMocks {
  readonly sqs: SQSClient;
  readonly sfn: SFNClient;
  readonly s3: S3Client;
  /** The city limits table's: every slot is free (the shared limits have suites of their own against the local cloud). */
  readonly dynamodb: DynamoDBDocumentClient;
  readonly sqsMock: AwsClientStub<SQSClient>;
  readonly sfnMock: AwsClientStub<SFNClient>;
  readonly s3Mock: AwsClientStub<S3Client>;
  readonly dynamodbMock: AwsClientStub<DynamoDBDocumentClient>;
  /** Command names in the order the worker sent them (ReceiveMessage left out). */
  readonly order: string[];
}

/** An S3 GetObject body as the SDK returns it, for the part the worker reads. */
export function objectBody(text: string): GetObjectCommandOutput['Body'] {
  const body = { transformToString: async (): Promise<string> => text };
  return body as unknown as GetObjectCommandOutput['Body'];
}

/** The receipt handles of every DeleteMessageBatch sent, in order. */
export function deletedHandles(sqsMock: AwsClientStub<SQSClient>): string[] {
  return sqsMock.commandCalls(DeleteMessageBatchCommand).flatMap((call) => (call.args[0].input.Entries ?? []).map((entry) => entry.ReceiptHandle ?? ''));
}

/** Fresh mocked clients; GetObject answers `rpsXml`, ReceiveMessage answers no messages. */
export function workerMocks(rpsXml = '<Rps/>'): WorkerMocks {
  const sqs = new SQSClient({ region: 'us-east-1' });
  const sfn = new SFNClient({ region: 'us-east-1' });
  const s3 = new S3Client({ region: 'us-east-1' });
  const sqsMock = mockClient(sqs);
  const sfnMock = mockClient(sfn);
  const s3Mock = mockClient(s3);
  const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
  const dynamodbMock = mockClient(dynamodb);
  dynamodbMock.on(UpdateCommand).resolves({});
  dynamodbMock.on(DeleteCommand).resolves({});
  dynamodbMock.on(QueryCommand).resolves({ Items: [] });
  dynamodbMock.on(GetCommand).resolves({});
  const order: string[] = [];
  const record = (name: string) => (): Record<string, never> => {
    order.push(name);
    return {};
  };
  sqsMock.on(ReceiveMessageCommand).resolves({});
  sqsMock.on(DeleteMessageCommand).callsFake(record('DeleteMessage'));
  sqsMock.on(DeleteMessageBatchCommand).callsFake((input: DeleteMessageBatchCommandInput): Partial<DeleteMessageBatchCommandOutput> => {
    order.push('DeleteMessageBatch');
    return { Successful: (input.Entries ?? []).map((entry) => ({ Id: entry.Id })), Failed: [] };
  });
  sqsMock.on(ChangeMessageVisibilityCommand).callsFake(record('ChangeMessageVisibility'));
  sfnMock.on(SendTaskHeartbeatCommand).callsFake(record('SendTaskHeartbeat'));
  sfnMock.on(SendTaskSuccessCommand).callsFake(record('SendTaskSuccess'));
  sfnMock.on(SendTaskFailureCommand).callsFake(record('SendTaskFailure'));
  s3Mock.on(GetObjectCommand).callsFake(() => {
    order.push('GetObject');
    return { Body: objectBody(rpsXml) };
  });
  s3Mock.on(PutObjectCommand).callsFake(record('PutObject'));
  return { sqs, sfn, s3, dynamodb, sqsMock, sfnMock, s3Mock, dynamodbMock, order };
}
