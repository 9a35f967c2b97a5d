import { DescribeEventBusCommand, EventBridgeClient, ListRulesCommand, ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand, CreateEventBusCommand } from '@aws-sdk/client-eventbridge';
import { restartableCloud, type RestartableCloud } from '../../harness/restartableCloud';

describe('EventsService persistence', () => {
  let clouds: RestartableCloud<EventBridgeClient>;

  beforeEach(async () => {
    clouds = await restartableCloud({ services: ['events'], client: (config) => new EventBridgeClient(config) });
  });

  afterEach(async () => {
    await clouds.dispose();
  });

  it('keeps buses, rules and targets across restarts with a data directory', async () => {
    const first = await clouds.start();
    await first.client.send(new CreateEventBusCommand({ Name: 'kept' }));
    await first.client.send(new PutRuleCommand({ Name: 'r', EventBusName: 'kept', EventPattern: '{"source":["x"]}' }));
    await first.client.send(new PutTargetsCommand({ Rule: 'r', EventBusName: 'kept', Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }] }));
    await first.stop();

    const second = await clouds.start();
    const bus = await second.client.send(new DescribeEventBusCommand({ Name: 'kept' }));
    const rules = await second.client.send(new ListRulesCommand({ EventBusName: 'kept' }));
    const targets = await second.client.send(new ListTargetsByRuleCommand({ Rule: 'r', EventBusName: 'kept' }));

    expect(bus.Name).toBe('kept');
    expect(rules.Rules?.map((r) => [r.Name, r.EventPattern])).toEqual([['r', '{"source":["x"]}']]);
    expect(targets.Targets).toEqual([{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }]);
  });
});
