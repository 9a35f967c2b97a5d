import { CreateEventSourceMappingCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createLogger } from '../../../local/createLogger';
import { isLambdaService } from '../../../local/lambda/LambdaService';
import type { SqsEvent } from '../../../local/lambda/sqsEvent';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';
import { eventually } from '../../harness/eventually';

// Needs the real local SQS service: it fails (never skips) while SQS is a placeholder.
describe('SQS event source mapping against the local SQS service', () => {
  let cloud: LocalCloud;
  let lambdaClient: LambdaClient;
  let sqs: SQSClient;
  const batches: SqsEvent[] = [];
  let failFirstDelivery = true;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, services: ['sqs', 'lambda'], timeScale: 0.1, logger: createLogger('silent') });
    const lambda = cloud.services.get('lambda');
    if (!isLambdaService(lambda)) throw new Error('lambda service missing');
    lambda.register('dlq-processor', async (event) => {
      const batch = event as SqsEvent;
      batches.push(batch);
      const poison = batch.Records.find((r) => r.body === 'fail-once');
      if (poison !== undefined && failFirstDelivery) {
        failFirstDelivery = false;
        return { batchItemFailures: [{ itemIdentifier: poison.messageId }] };
      }
      return { batchItemFailures: [] };
    });
    const config = { endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
    lambdaClient = new LambdaClient(config);
    sqs = new SQSClient(config);
  });

  afterAll(async () => {
    lambdaClient.destroy();
    sqs.destroy();
    await cloud.stop();
  });

  it('has the SQS service running', async () => {
    const health = (await (await fetch(`${cloud.endpoint}/health`)).json()) as { services: Record<string, { state: string }> };

    expect(health.services.sqs?.state).toBe('running');
  });

  it('delivers messages to the function and deletes them, redelivering a reported failure', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'esm-dlq', Attributes: { VisibilityTimeout: '2' } }));
    const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    const queueArn = attributes.Attributes?.QueueArn ?? '';
    await lambdaClient.send(new CreateEventSourceMappingCommand({
      EventSourceArn: queueArn, FunctionName: 'dlq-processor', BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'],
    }));

    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'ok', MessageAttributes: { kind: { DataType: 'String', StringValue: 'emit' } } }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'fail-once' }));
    const bodies = (): string[] => batches.flatMap((b) => b.Records.map((r) => r.body));
    await eventually('fail-once delivered twice', () => bodies().filter((b) => b === 'fail-once').length, (count) => count === 2, { timeoutMs: 10_000 });
    await eventually(
      'the queue empty',
      async () => (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes,
      (counts) => counts?.ApproximateNumberOfMessages === '0' && counts.ApproximateNumberOfMessagesNotVisible === '0',
      { timeoutMs: 10_000 },
    );

    expect(bodies().filter((b) => b === 'ok')).toEqual(['ok']);
    const record = batches.flatMap((b) => b.Records).find((r) => r.body === 'ok');
    expect(record).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: 'us-east-1',
      messageAttributes: { kind: { dataType: 'String', stringValue: 'emit', stringListValues: [], binaryListValues: [] } },
    });
    expect(record?.attributes.ApproximateReceiveCount).toBe('1');
  });
});
