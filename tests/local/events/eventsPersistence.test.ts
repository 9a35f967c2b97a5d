import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DescribeEventBusCommand, EventBridgeClient, ListRulesCommand, ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand, CreateEventBusCommand } from '@aws-sdk/client-eventbridge';
import { createLogger } from '../../../local/createLogger';
import { startLocalCloud } from '../../../local/startLocalCloud';

describe('EventsService persistence', () => {
  it('keeps buses, rules and targets across restarts with a data directory', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'events-'));
    const start = (): ReturnType<typeof startLocalCloud> => startLocalCloud({ port: 0, services: ['events'], dataDir, logger: createLogger('silent') });
    const clientFor = (endpoint: string): EventBridgeClient => new EventBridgeClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const first = await start();
    const writer = clientFor(first.endpoint);
    await writer.send(new CreateEventBusCommand({ Name: 'kept' }));
    await writer.send(new PutRuleCommand({ Name: 'r', EventBusName: 'kept', EventPattern: '{"source":["x"]}' }));
    await writer.send(new PutTargetsCommand({ Rule: 'r', EventBusName: 'kept', Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }] }));
    writer.destroy();
    await first.stop();

    const second = await start();
    const reader = clientFor(second.endpoint);
    const bus = await reader.send(new DescribeEventBusCommand({ Name: 'kept' }));
    const rules = await reader.send(new ListRulesCommand({ EventBusName: 'kept' }));
    const targets = await reader.send(new ListTargetsByRuleCommand({ Rule: 'r', EventBusName: 'kept' }));
    reader.destroy();
    await second.stop();
    await fs.rm(dataDir, { recursive: true, force: true });

    expect(bus.Name).toBe('kept');
    expect(rules.Rules?.map((r) => [r.Name, r.EventPattern])).toEqual([['r', '{"source":["x"]}']]);
    expect(targets.Targets).toEqual([{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }]);
  });
});
