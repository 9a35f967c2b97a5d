import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createLogger } from '../../../local/createLogger';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';

// Needs the real local SQS service: it fails (never skips) while SQS is a placeholder.
describe('EventBridge SQS target against the local SQS service', () => {
  let cloud: LocalCloud;
  let events: EventBridgeClient;
  let sqs: SQSClient;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, services: ['sqs', 'events'], timeScale: 0.1, logger: createLogger('silent') });
    const config = { endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
    events = new EventBridgeClient(config);
    sqs = new SQSClient(config);
  });

  afterAll(async () => {
    events.destroy();
    sqs.destroy();
    await cloud.stop();
  });

  it('has the SQS service running', async () => {
    const health = (await (await fetch(`${cloud.endpoint}/health`)).json()) as { services: Record<string, { state: string }> };

    expect(health.services.sqs?.state).toBe('running');
  });

  it('sends the InputPath selection of a matching event to the queue', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'failures-target' }));
    const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    await events.send(new PutRuleCommand({ Name: 'failed', EventPattern: JSON.stringify({ 'detail-type': ['InvoiceFailed'] }) }));
    await events.send(new PutTargetsCommand({ Rule: 'failed', Targets: [{ Id: 'queue', Arn: attributes.Attributes?.QueueArn, InputPath: '$.detail' }] }));

    await events.send(new PutEventsCommand({ Entries: [{ Source: 'nfse.emission', DetailType: 'InvoiceFailed', Detail: JSON.stringify({ invoiceId: 'inv-9', code: 'E10' }) }] }));
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));

    expect(received.Messages?.map((m) => JSON.parse(m.Body ?? 'null'))).toEqual([{ invoiceId: 'inv-9', code: 'E10' }]);
  });
});
