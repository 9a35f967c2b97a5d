import { LambdaClient } from '@aws-sdk/client-lambda';
import { CreateStateMachineCommand, DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createLogger } from '../../../local/createLogger';
import { TargetDelivery } from '../../../local/events/TargetDelivery';
import { inProcessEdge } from '../../../local/edge/inProcessEdges';
import { isLambdaService, type LambdaService } from '../../../local/lambda/LambdaService';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';

const ACCOUNT = '000000000000';

/** The error a delivery rejected with: its name and message, or none. */
async function refusalOf(delivery: Promise<void>): Promise<{ name: string; message: string } | 'delivered'> {
  try {
    await delivery;
    return 'delivered';
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
}

// The same deliveries through the edge of this process (no SDK) and through SDK clients over HTTP.
describe('TargetDelivery through the edge answers as through the SDK', () => {
  let cloud: LocalCloud;
  let lambda: LambdaService;
  let clients: { sqs: SQSClient; lambda: LambdaClient; sfn: SFNClient };
  let viaEdge: TargetDelivery;
  let viaSdk: TargetDelivery;
  const invoked: unknown[] = [];

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, services: ['sqs', 'lambda', 'states'], timeScale: 1, logger: createLogger('silent') });
    const service = cloud.services.get('lambda');
    if (!isLambdaService(service)) throw new Error('no lambda service');
    lambda = service;
    lambda.register('listener', async (event) => {
      invoked.push(event);
      return null;
    });
    const config = { endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
    clients = { sqs: new SQSClient(config), lambda: new LambdaClient(config), sfn: new SFNClient(config) };
    viaEdge = new TargetDelivery(clients, { region: 'us-east-1', dispatcher: () => inProcessEdge(cloud.endpoint) });
    viaSdk = new TargetDelivery(clients);
  });

  afterAll(async () => {
    for (const client of Object.values(clients)) client.destroy();
    await cloud.stop();
  });

  it('sends the input to a queue, with the FIFO group and the event id as deduplication id', async () => {
    // Arrange
    const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: 'edge-target.fifo', Attributes: { FifoQueue: 'true' } }));
    const arn = (await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn ?? '';
    const target = { Id: 'q', Arn: arn, SqsParameters: { MessageGroupId: 'g1' } };

    // Act
    await viaEdge.deliver(target, '{"via":"edge"}', 'event-1');
    await viaSdk.deliver(target, '{"via":"sdk"}', 'event-2');
    await viaEdge.deliver(target, '{"via":"edge, again"}', 'event-1');
    const received = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['MessageGroupId', 'MessageDeduplicationId'] }));

    // Assert
    expect(received.Messages?.map((m) => [m.Body, m.Attributes?.MessageGroupId, m.Attributes?.MessageDeduplicationId])).toEqual([
      ['{"via":"edge"}', 'g1', 'event-1'],
      ['{"via":"sdk"}', 'g1', 'event-2'],
    ]);
  });

  it('invokes a function asynchronously with the input as its event', async () => {
    // Arrange
    invoked.length = 0;
    const target = { Id: 'l', Arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:listener` };

    // Act
    await viaEdge.deliver(target, '{"via":"edge"}', 'e-1');
    await viaSdk.deliver(target, '{"via":"sdk"}', 'e-2');
    await lambda.whenIdle();

    // Assert
    expect(invoked).toEqual(expect.arrayContaining([{ via: 'edge' }, { via: 'sdk' }]));
    expect(invoked).toHaveLength(2);
  });

  it('starts an execution with the input', async () => {
    // Arrange
    const definition = JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } });
    const { stateMachineArn } = await clients.sfn.send(new CreateStateMachineCommand({ name: 'edge-target', definition, roleArn: `arn:aws:iam::${ACCOUNT}:role/x` }));
    const target = { Id: 's', Arn: stateMachineArn ?? '' };

    // Act
    await viaEdge.deliver(target, '{"via":"edge"}', 'e-1');
    await viaSdk.deliver(target, '{"via":"sdk"}', 'e-2');
    const listed = await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    const inputs = await Promise.all((listed.executions ?? []).map(async (e) => (await clients.sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }))).input));

    // Assert
    expect(inputs.sort()).toEqual(['{"via":"edge"}', '{"via":"sdk"}']);
  });

  it.each([
    ['a missing queue', `arn:aws:sqs:us-east-1:${ACCOUNT}:no-such-queue`],
    ['a missing function', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:no-such-function`],
    ['a missing state machine', `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:no-such-machine`],
  ])('rejects a delivery to %s with the error the SDK names', async (_what, arn) => {
    // Act
    const edgeRefusal = await refusalOf(viaEdge.deliver({ Id: 'x', Arn: arn }, '{}', 'e-1'));
    const sdkRefusal = await refusalOf(viaSdk.deliver({ Id: 'x', Arn: arn }, '{}', 'e-1'));

    // Assert
    expect(edgeRefusal).not.toBe('delivered');
    expect(edgeRefusal).toEqual(sdkRefusal);
  });
});
