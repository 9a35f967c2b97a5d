import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateStateMachineCommand, DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { createLogger } from '../../../local/createLogger';
import { isEventsService } from '../../../local/events/EventsService';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';

describe('EventBridge Step Functions target against the local Step Functions service', () => {
  let cloud: LocalCloud;
  let events: EventBridgeClient;
  let sfn: SFNClient;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, services: ['events', 'states'], timeScale: 0.1, logger: createLogger('silent') });
    const config = { endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
    events = new EventBridgeClient(config);
    sfn = new SFNClient(config);
  });

  afterAll(async () => {
    events.destroy();
    sfn.destroy();
    await cloud.stop();
  });

  it('starts an execution with the InputPath selection of a matching event', async () => {
    const machine = await sfn.send(new CreateStateMachineCommand({
      name: 'on-cancelled', roleArn: 'arn:aws:iam::000000000000:role/sfn', definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } }),
    }));
    await events.send(new PutRuleCommand({ Name: 'cancelled', EventPattern: JSON.stringify({ 'detail-type': ['InvoiceCancelled'] }) }));
    await events.send(new PutTargetsCommand({ Rule: 'cancelled', Targets: [{ Id: 'machine', Arn: machine.stateMachineArn, InputPath: '$.detail' }] }));

    await events.send(new PutEventsCommand({ Entries: [{ Source: 'nfse.cancellation', DetailType: 'InvoiceCancelled', Detail: JSON.stringify({ invoiceId: 'inv-3' }) }] }));
    const service = cloud.services.get('events');
    if (!isEventsService(service)) throw new Error('events service missing');
    await service.whenIdle();
    const executions = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn }));
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: executions.executions?.[0]?.executionArn }));

    expect(executions.executions).toHaveLength(1);
    expect(JSON.parse(execution.input ?? 'null')).toEqual({ invoiceId: 'inv-3' });
  });
});
