import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EventBridgeClient,
  InvalidEventPatternException,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '@aws-sdk/client-eventbridge';
import { createLogger } from '../../../local/createLogger';
import { isEventsService, type EventsService } from '../../../local/events/EventsService';
import { isLambdaService, type LambdaService } from '../../../local/lambda/LambdaService';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';
import { eventually } from '../../harness/eventually';

const ACCOUNT = '000000000000';
const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:listener`;

describe('EventsService (real SDK against an in-test cloud)', () => {
  let cloud: LocalCloud;
  let events: EventsService;
  let lambda: LambdaService;
  let client: EventBridgeClient;
  const received: unknown[] = [];

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, services: ['lambda', 'events'], timeScale: 0.001, logger: createLogger('silent') });
    const eventsService = cloud.services.get('events');
    const lambdaService = cloud.services.get('lambda');
    if (!isEventsService(eventsService) || !isLambdaService(lambdaService)) throw new Error('services missing');
    events = eventsService;
    lambda = lambdaService;
    lambda.register('listener', async (event) => {
      received.push(event);
      return null;
    });
    client = new EventBridgeClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  });

  afterAll(async () => {
    client.destroy();
    await cloud.stop();
  });

  beforeEach(() => {
    received.length = 0;
  });

  async function settle(): Promise<void> {
    await events.whenIdle();
    await lambda.whenIdle();
  }

  it('has the default bus', async () => {
    const bus = await client.send(new DescribeEventBusCommand({}));

    expect(bus.Name).toBe('default');
    expect(bus.Arn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`);
  });

  it('creates, describes and deletes a bus', async () => {
    const created = await client.send(new CreateEventBusCommand({ Name: 'invoices' }));
    const again = await client.send(new CreateEventBusCommand({ Name: 'invoices' })).catch((e: unknown) => e);
    const described = await client.send(new DescribeEventBusCommand({ Name: created.EventBusArn }));
    await client.send(new DeleteEventBusCommand({ Name: 'invoices' }));
    const gone = await client.send(new DescribeEventBusCommand({ Name: 'invoices' })).catch((e: unknown) => e);

    expect(created.EventBusArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:event-bus/invoices`);
    expect(again).toBeInstanceOf(ResourceAlreadyExistsException);
    expect(described.Name).toBe('invoices');
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect((gone as Error).message).toBe('Event bus invoices does not exist.');
  });

  it('refuses to delete the default bus', async () => {
    const error = await client.send(new DeleteEventBusCommand({ Name: 'default' })).catch((e: unknown) => e);

    expect((error as Error).name).toBe('ValidationException');
  });

  it('delivers matching events to a Lambda target, transformed, and records them', async () => {
    await client.send(new CreateEventBusCommand({ Name: 'nfse' }));
    const { RuleArn } = await client.send(new PutRuleCommand({
      Name: 'issued', EventBusName: 'nfse',
      EventPattern: JSON.stringify({ source: ['nfse.emission'], 'detail-type': ['InvoiceIssued'], detail: { total: [{ numeric: ['>', 0] }] } }),
    }));
    await client.send(new PutTargetsCommand({
      Rule: 'issued', EventBusName: 'nfse',
      Targets: [{ Id: 'listener', Arn: FUNCTION_ARN, InputTransformer: { InputPathsMap: { id: '$.detail.invoiceId' }, InputTemplate: '{"invoiceId": <id>, "rule": "<aws.events.rule-name>"}' } }],
    }));

    const put = await client.send(new PutEventsCommand({ Entries: [
      { EventBusName: 'nfse', Source: 'nfse.emission', DetailType: 'InvoiceIssued', Detail: JSON.stringify({ invoiceId: 'inv-1', total: 100 }) },
      { EventBusName: 'nfse', Source: 'nfse.emission', DetailType: 'InvoiceFailed', Detail: JSON.stringify({ invoiceId: 'inv-2', total: 100 }) },
    ] }));
    await settle();

    expect(RuleArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/nfse/issued`);
    expect(put.FailedEntryCount).toBe(0);
    expect(put.Entries?.map((e) => typeof e.EventId)).toEqual(['string', 'string']);
    expect(received).toEqual([{ invoiceId: 'inv-1', rule: 'issued' }]);
    const recent = events.recentEvents('nfse');
    expect(recent.map((r) => [r.event['detail-type'], r.matchedRules])).toEqual([['InvoiceIssued', ['issued']], ['InvoiceFailed', []]]);
    expect(recent[0]?.event).toMatchObject({ version: '0', id: put.Entries?.[0]?.EventId, source: 'nfse.emission', account: ACCOUNT, region: 'us-east-1', resources: [], detail: { invoiceId: 'inv-1', total: 100 } });
    expect(recent[0]?.event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('sends the whole event when the target has no input settings', async () => {
    await client.send(new PutRuleCommand({ Name: 'raw', EventPattern: JSON.stringify({ source: [{ prefix: 'raw.' }] }) }));
    await client.send(new PutTargetsCommand({ Rule: 'raw', Targets: [{ Id: 't', Arn: FUNCTION_ARN }] }));

    await client.send(new PutEventsCommand({ Entries: [{ Source: 'raw.test', DetailType: 'Thing', Detail: '{"k":"v"}', Resources: ['r1'] }] }));
    await settle();

    expect(received).toEqual([expect.objectContaining({ version: '0', source: 'raw.test', 'detail-type': 'Thing', resources: ['r1'], detail: { k: 'v' } })]);
  });

  it('does not deliver for a disabled rule', async () => {
    await client.send(new PutRuleCommand({ Name: 'quiet', EventPattern: JSON.stringify({ source: ['quiet'] }) }));
    await client.send(new PutTargetsCommand({ Rule: 'quiet', Targets: [{ Id: 't', Arn: FUNCTION_ARN }] }));
    await client.send(new DisableRuleCommand({ Name: 'quiet' }));

    await client.send(new PutEventsCommand({ Entries: [{ Source: 'quiet', DetailType: 'X', Detail: '{}' }] }));
    await settle();

    expect(received).toEqual([]);
    expect((await client.send(new DescribeRuleCommand({ Name: 'quiet' }))).State).toBe('DISABLED');
  });

  it('reports failed entries without failing the call', async () => {
    const put = await client.send(new PutEventsCommand({ Entries: [
      { Source: 's', DetailType: 'd', Detail: 'not json' },
      { Source: 's', DetailType: 'd', Detail: '{}', EventBusName: 'nope' },
      { Source: 's', DetailType: 'd', Detail: '{}' },
    ] }));

    expect(put.FailedEntryCount).toBe(2);
    expect(put.Entries?.[0]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    expect(put.Entries?.[1]).toEqual({ ErrorCode: 'InvalidArgument', ErrorMessage: 'Event bus nope does not exist.' });
    expect(put.Entries?.[2]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects an invalid event pattern', async () => {
    const error = await client.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source":"x"}' })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidEventPatternException);
    expect((error as Error).message).toMatch(/^Event pattern is not valid\. Reason: /);
  });

  it('lists, describes and deletes rules and targets', async () => {
    await client.send(new PutRuleCommand({ Name: 'crud-a', EventPattern: '{"source":["a"]}', Description: 'first' }));
    await client.send(new PutRuleCommand({ Name: 'crud-b', EventPattern: '{"source":["b"]}' }));
    await client.send(new PutTargetsCommand({ Rule: 'crud-a', Targets: [{ Id: 'one', Arn: FUNCTION_ARN, Input: '{"fixed":1}' }] }));

    const listed = await client.send(new ListRulesCommand({ NamePrefix: 'crud-' }));
    const described = await client.send(new DescribeRuleCommand({ Name: 'crud-a' }));
    const targets = await client.send(new ListTargetsByRuleCommand({ Rule: 'crud-a' }));
    const blocked = await client.send(new DeleteRuleCommand({ Name: 'crud-a' })).catch((e: unknown) => e);
    await client.send(new RemoveTargetsCommand({ Rule: 'crud-a', Ids: ['one'] }));
    await client.send(new DeleteRuleCommand({ Name: 'crud-a' }));
    const missing = await client.send(new DescribeRuleCommand({ Name: 'crud-a' })).catch((e: unknown) => e);

    expect(listed.Rules?.map((r) => r.Name)).toEqual(['crud-a', 'crud-b']);
    expect(described).toMatchObject({ Name: 'crud-a', Arn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/crud-a`, EventPattern: '{"source":["a"]}', State: 'ENABLED', Description: 'first', EventBusName: 'default' });
    expect(targets.Targets).toEqual([{ Id: 'one', Arn: FUNCTION_ARN, Input: '{"fixed":1}' }]);
    expect((blocked as Error).message).toBe("Rule can't be deleted since it has targets.");
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });

  it('rejects a target with more than one input setting', async () => {
    await client.send(new PutRuleCommand({ Name: 'inputs', EventPattern: '{"source":["i"]}' }));

    const error = await client.send(new PutTargetsCommand({ Rule: 'inputs', Targets: [{ Id: 't', Arn: FUNCTION_ARN, Input: '{}', InputPath: '$.detail' }] })).catch((e: unknown) => e);

    expect((error as Error).message).toBe('Only one of Input, InputPath, or InputTransformer must be provided.');
  });

  it('fires a scheduled rule on the clock with the scheduled event', async () => {
    const { RuleArn } = await client.send(new PutRuleCommand({ Name: 'sweep', ScheduleExpression: 'rate(1 minute)' }));
    await client.send(new PutTargetsCommand({ Rule: 'sweep', Targets: [{ Id: 'sweeper', Arn: FUNCTION_ARN }] }));

    // At timeScale 0.001 a minute takes 60 ms.
    await eventually('two scheduled events', () => received.length, (count) => count >= 2, { timeoutMs: 5000, intervalMs: 20 });
    await client.send(new DisableRuleCommand({ Name: 'sweep' }));

    expect(received.length).toBeGreaterThanOrEqual(2);
    expect(received[0]).toMatchObject({ version: '0', 'detail-type': 'Scheduled Event', source: 'aws.events', account: ACCOUNT, region: 'us-east-1', resources: [RuleArn], detail: {} });
    expect(events.recentEvents('default').some((r) => r.event['detail-type'] === 'Scheduled Event' && r.matchedRules[0] === 'sweep')).toBe(true);
  });

  it('rejects a schedule on a custom bus and a malformed schedule', async () => {
    await client.send(new CreateEventBusCommand({ Name: 'sched-bus' }));

    const custom = await client.send(new PutRuleCommand({ Name: 's', EventBusName: 'sched-bus', ScheduleExpression: 'rate(5 minutes)' })).catch((e: unknown) => e);
    const malformed = await client.send(new PutRuleCommand({ Name: 's', ScheduleExpression: 'cron(0 12 * * * *)' })).catch((e: unknown) => e);

    expect((custom as Error).message).toBe('ScheduleExpression is supported only on the default event bus.');
    expect((malformed as Error).name).toBe('ValidationException');
  });
});
