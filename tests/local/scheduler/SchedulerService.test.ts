import { ConflictException, CreateScheduleCommand, DeleteScheduleCommand, GetScheduleCommand, ListSchedulesCommand, ResourceNotFoundException, SchedulerClient, UpdateScheduleCommand, ValidationException } from '@aws-sdk/client-scheduler';
import { CreateStateMachineCommand, DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { FakeClock } from '../../../lib/clock/FakeClock';
import { BillingCycleInputSchema } from '../../../contracts/billingCycle';
import { BILLING_SCHEDULES } from '../../../contracts/billingSchedules';
import { ENV } from '../../../contracts/wiring';
import { appResourceNames } from '../../../local/bootstrap/appResourceNames';
import { createBillingSchedules } from '../../../local/bootstrap/billingSchedules';
import { createLogger } from '../../../local/createLogger';
import { EdgeServer } from '../../../local/edge/EdgeServer';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../../../local/edge/LocalContext';
import { SchedulerService } from '../../../local/scheduler/SchedulerService';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';
import { resolveCompetencia } from '../../../tasks/billing/competenciaOf';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const PASS = JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } });
const ROLE = 'arn:aws:iam::000000000000:role/scheduler';

describe('SchedulerService (real @aws-sdk/client-scheduler against the local edge)', () => {
  let cloud: LocalCloud;
  let scheduler: SchedulerClient;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, services: ['scheduler'], logger: createLogger('silent') });
    scheduler = new SchedulerClient({ endpoint: cloud.endpoint, region: LOCAL_REGION, credentials });
  });

  afterAll(async () => {
    scheduler.destroy();
    await cloud.stop();
  });

  it('creates, reads, lists, updates and deletes a schedule with its time zone', async () => {
    const input = { Name: 'crud', ScheduleExpression: 'cron(0 2 * * ? *)', ScheduleExpressionTimezone: 'America/Sao_Paulo', FlexibleTimeWindow: { Mode: 'OFF' as const }, Target: { Arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:m', RoleArn: ROLE, Input: '{"a":1}' } };

    const created = await scheduler.send(new CreateScheduleCommand(input));
    const read = await scheduler.send(new GetScheduleCommand({ Name: 'crud' }));
    await scheduler.send(new UpdateScheduleCommand({ ...input, State: 'DISABLED' }));
    const listed = await scheduler.send(new ListSchedulesCommand({ NamePrefix: 'cr' }));
    await scheduler.send(new DeleteScheduleCommand({ Name: 'crud' }));
    const gone = await scheduler.send(new GetScheduleCommand({ Name: 'crud' })).catch((e: unknown) => e);

    expect(created.ScheduleArn).toBe('arn:aws:scheduler:us-east-1:000000000000:schedule/default/crud');
    expect(read).toMatchObject({ Arn: created.ScheduleArn, Name: 'crud', GroupName: 'default', ScheduleExpression: 'cron(0 2 * * ? *)', ScheduleExpressionTimezone: 'America/Sao_Paulo', State: 'ENABLED', FlexibleTimeWindow: { Mode: 'OFF' }, Target: input.Target, ActionAfterCompletion: 'NONE' });
    expect(read.CreationDate).toBeInstanceOf(Date);
    expect(listed.Schedules?.map((s) => [s.Name, s.State, s.Target?.Arn])).toEqual([['crud', 'DISABLED', input.Target.Arn]]);
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect((gone as Error).message).toBe('Schedule crud does not exist.');
  });

  it('refuses a second schedule of the same name, an unknown zone and a bad expression', async () => {
    const input = { Name: 'twice', ScheduleExpression: 'rate(1 day)', FlexibleTimeWindow: { Mode: 'OFF' as const }, Target: { Arn: 'arn:aws:sqs:us-east-1:000000000000:q', RoleArn: ROLE } };
    await scheduler.send(new CreateScheduleCommand(input));

    const twice = await scheduler.send(new CreateScheduleCommand(input)).catch((e: unknown) => e);
    const zone = await scheduler.send(new CreateScheduleCommand({ ...input, Name: 'zone', ScheduleExpressionTimezone: 'America/Nowhere' })).catch((e: unknown) => e);
    const expression = await scheduler.send(new CreateScheduleCommand({ ...input, Name: 'expr', ScheduleExpression: 'cron(0 2 * * * *)' })).catch((e: unknown) => e);

    expect(twice).toBeInstanceOf(ConflictException);
    expect((twice as Error).message).toBe('Schedule twice already exists.');
    expect(zone).toBeInstanceOf(ValidationException);
    expect((zone as Error).message).toBe('Invalid ScheduleExpressionTimezone America/Nowhere.');
    expect(expression).toBeInstanceOf(ValidationException);
    expect((expression as Error).message).toBe('Invalid Schedule Expression cron(0 2 * * * *).');
  });
});

describe('the billing schedules on an injected clock (São Paulo time around a month boundary)', () => {
  const names = (endpoint: string): ReturnType<typeof appResourceNames> => appResourceNames({ prefix: 'sched', endpoint });
  let cloud: LocalCloud;
  let edge: EdgeServer;
  let clock: FakeClock;
  let service: SchedulerService;
  let sfn: SFNClient;
  let sqs: SQSClient;
  let lambda: LambdaClient;
  let scheduler: SchedulerClient;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, services: ['sqs', 'states'], logger: createLogger('silent') });
    const config = { endpoint: cloud.endpoint, region: LOCAL_REGION, credentials };
    sfn = new SFNClient(config);
    sqs = new SQSClient(config);
    lambda = new LambdaClient(config);
    // Saturday 28 February 2026, 09:00 in São Paulo.
    clock = new FakeClock(Date.parse('2026-02-28T12:00:00Z'));
    edge = await EdgeServer.start({ port: 0, region: LOCAL_REGION, accountId: LOCAL_ACCOUNT_ID, logger: createLogger('silent') });
    service = new SchedulerService({ endpoint: edge.endpoint, region: LOCAL_REGION, accountId: LOCAL_ACCOUNT_ID, clock, logger: createLogger('silent') }, { clients: { sfn, sqs, lambda } });
    service.start();
    edge.register(service);
    scheduler = new SchedulerClient({ endpoint: edge.endpoint, region: LOCAL_REGION, credentials });
    const app = names(cloud.endpoint);
    for (const arn of [app.env[ENV.BillingStateMachineArn], app.env[ENV.CnpjSyncStateMachineArn]]) {
      await sfn.send(new CreateStateMachineCommand({ name: arn.split(':').pop() ?? '', roleArn: ROLE, definition: PASS }));
    }
    await createBillingSchedules(scheduler, sqs, app);
  });

  afterAll(async () => {
    scheduler.destroy();
    await edge.stop();
    sfn.destroy();
    sqs.destroy();
    lambda.destroy();
    await cloud.stop();
  });

  const executions = async (arn: string): Promise<Array<{ input: unknown; startDate: string }>> => {
    const list = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    return Promise.all(
      (list.executions ?? []).map(async (e) => {
        const described = await sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
        return { input: JSON.parse(described.input ?? 'null') as unknown, startDate: described.startDate?.toISOString() ?? '' };
      }),
    );
  };

  it('is deployed as São Paulo cron schedules with the flexible window off and a DLQ', async () => {
    const daily = await scheduler.send(new GetScheduleCommand({ Name: 'sched-billing-daily' }));
    const weekly = await scheduler.send(new GetScheduleCommand({ Name: 'sched-cnpj-sync-weekly' }));

    expect(daily).toMatchObject({ ScheduleExpression: 'cron(0 2 * * ? *)', ScheduleExpressionTimezone: 'America/Sao_Paulo', FlexibleTimeWindow: { Mode: 'OFF' }, State: 'ENABLED' });
    expect(daily.Target).toEqual({ Arn: names(cloud.endpoint).env[ENV.BillingStateMachineArn], RoleArn: 'arn:aws:iam::000000000000:role/nfse-scheduler', Input: JSON.stringify(BILLING_SCHEDULES.daily.input), DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:sched-billing-schedules-dlq' } });
    expect(weekly).toMatchObject({ ScheduleExpression: 'cron(0 1 ? * SUN *)', ScheduleExpressionTimezone: 'America/Sao_Paulo', FlexibleTimeWindow: { Mode: 'OFF' } });
    expect(weekly.Target?.Arn).toBe(names(cloud.endpoint).env[ENV.CnpjSyncStateMachineArn]);
  });

  it('starts the weekly sync at 01:00 and the daily run at 02:00 São Paulo on Sunday 1 March, billing February', async () => {
    const app = names(cloud.endpoint);

    // 2026-03-01T03:59Z is 00:59 on 1 March in São Paulo: nothing yet (the same crons in UTC would have fired at 01:00Z and 02:00Z).
    await clock.advance(Date.parse('2026-03-01T03:59:00Z') - clock.now());
    await service.whenIdle();
    const beforeWeekly = [...(await executions(app.env[ENV.BillingStateMachineArn])), ...(await executions(app.env[ENV.CnpjSyncStateMachineArn]))];
    await clock.advance(60_000);
    await service.whenIdle();
    const weekly = await executions(app.env[ENV.CnpjSyncStateMachineArn]);
    // 04:59Z is still 01:59 in São Paulo: the daily run waits for 02:00 local, 05:00Z.
    await clock.advance(Date.parse('2026-03-01T04:59:00Z') - clock.now());
    await service.whenIdle();
    const beforeDaily = await executions(app.env[ENV.BillingStateMachineArn]);
    await clock.advance(60_000);
    await service.whenIdle();
    const daily = await executions(app.env[ENV.BillingStateMachineArn]);
    const invocations = service.invocations().map((i) => [i.scheduleArn.split('/').pop(), new Date(i.scheduledTime).toISOString(), i.outcome]);

    expect(beforeWeekly).toEqual([]);
    expect(weekly).toHaveLength(1);
    expect(weekly[0]?.input).toEqual({ trigger: 'scheduled', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(beforeDaily).toEqual([]);
    expect(daily).toHaveLength(1);
    expect(daily[0]?.input).toEqual({ competencia: 'auto', trigger: 'scheduled', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), scheduledAt: '2026-03-01T05:00:00Z' });
    expect(invocations).toEqual([
      ['sched-cnpj-sync-weekly', '2026-03-01T04:00:00.000Z', 'delivered'],
      ['sched-billing-daily', '2026-03-01T05:00:00.000Z', 'delivered'],
    ]);
    // What the run's FetchVolumes resolves `auto` to: the month before the slot it was sent, whenever it starts.
    const { competencia, scheduledAt } = BillingCycleInputSchema.parse(daily[0]?.input);
    expect(resolveCompetencia(competencia, new Date(String(scheduledAt)))).toBe('2026-02');
    expect(service.nextFiring(service.store.get('default', 'sched-billing-daily'), clock.now())).toBe(Date.parse('2026-03-02T05:00:00Z'));
  });

  it('sends the input to the DLQ when the state machine refuses the start', async () => {
    await scheduler.send(
      new CreateScheduleCommand({
        Name: 'orphan',
        ScheduleExpression: 'cron(30 2 * * ? *)',
        ScheduleExpressionTimezone: 'America/Sao_Paulo',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:gone', RoleArn: ROLE, Input: '{"at":"<aws.scheduler.scheduled-time>"}', DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:sched-billing-schedules-dlq' } },
      }),
    );

    // The clock is at 02:00 on 1 March in São Paulo: 02:30 there is 05:30Z.
    await clock.advance(Date.parse('2026-03-01T05:30:00Z') - clock.now());
    await service.whenIdle();
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'sched-billing-schedules-dlq' }));
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));

    expect(service.invocations().filter((i) => i.scheduleArn.endsWith('/orphan')).map((i) => i.outcome)).toEqual(['dead-lettered']);
    expect(received.Messages?.map((m) => m.Body)).toEqual(['{"at":"2026-03-01T05:30:00Z"}']);
  });
});
