import { DescribeServicesCommand, DescribeTasksCommand, ECSClient, ListTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import pino from 'pino';
import type { EcsLocalService } from '../../../local/ecs/EcsLocalService';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';
import { eventually } from '../../harness/eventually';

/** A task that drains on SIGTERM (exit 0 after 3 s, long enough to be seen draining on a loaded runner), like the adapter. */
const DRAINING_TASK = "process.on('SIGTERM', () => setTimeout(() => process.exit(0), 3000)); setInterval(() => {}, 1000);";

describe('EcsLocalService', () => {
  let cloud: LocalCloud;
  let ecs: ECSClient;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, services: ['ecs'], logger: pino({ level: 'silent' }) });
    const service = cloud.services.get('ecs') as EcsLocalService;
    await service.defineService('nfse', {
      serviceName: 'adapters',
      desiredCount: 2,
      taskDefinition: { family: 'adapter', command: [process.execPath, '-e', DRAINING_TASK], env: {}, cwd: process.cwd(), stopTimeoutMs: 8000 },
    });
    ecs = new ECSClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  });

  afterAll(async () => {
    await cloud.stop();
  });

  const describe1 = async (): Promise<{ desired?: number; running?: number }> => {
    const { services } = await ecs.send(new DescribeServicesCommand({ cluster: 'nfse', services: ['adapters'] }));
    return { desired: services?.[0]?.desiredCount, running: services?.[0]?.runningCount };
  };

  it('runs the desired number of tasks and describes the service', async () => {
    expect(await eventually('2 running tasks', describe1, (s) => s.running === 2, { timeoutMs: 10_000 })).toEqual({ desired: 2, running: 2 });
  });

  it('reports a missing service as a failure, not an error', async () => {
    const result = await ecs.send(new DescribeServicesCommand({ cluster: 'nfse', services: ['nope'] }));

    expect(result.services).toEqual([]);
    expect(result.failures).toEqual([{ arn: 'nope', reason: 'MISSING' }]);
  });

  it('scales up and drains down gracefully (SIGTERM, exit 0)', async () => {
    await ecs.send(new UpdateServiceCommand({ cluster: 'nfse', service: 'adapters', desiredCount: 3 }));
    expect(await eventually('3 running tasks', describe1, (s) => s.running === 3, { timeoutMs: 10_000 })).toEqual({ desired: 3, running: 3 });
    // Let the new processes install their SIGTERM handler (a task stopped while booting dies by signal).
    await new Promise((resolve) => setTimeout(resolve, 500));

    await ecs.send(new UpdateServiceCommand({ cluster: 'nfse', service: 'adapters', desiredCount: 1 }));
    expect(await eventually('1 running task', describe1, (s) => s.running === 1, { timeoutMs: 10_000 })).toEqual({ desired: 1, running: 1 });

    // While they drain, the two surplus tasks are listed by their desired status, as on ECS.
    const draining = await ecs.send(new ListTasksCommand({ cluster: 'nfse', serviceName: 'adapters', desiredStatus: 'STOPPED' }));
    const beingStopped = await ecs.send(new DescribeTasksCommand({ cluster: 'nfse', tasks: draining.taskArns ?? [] }));
    expect(beingStopped.tasks?.map((t) => [t.lastStatus, t.desiredStatus])).toEqual([
      ['DEPROVISIONING', 'STOPPED'],
      ['DEPROVISIONING', 'STOPPED'],
    ]);
    expect((await ecs.send(new ListTasksCommand({ cluster: 'nfse', serviceName: 'adapters' }))).taskArns).toHaveLength(1);

    const stopped = await eventually(
      'the drained tasks stopped',
      async () => (await ecs.send(new DescribeTasksCommand({ cluster: 'nfse', tasks: draining.taskArns ?? [] }))).tasks ?? [],
      (tasks) => tasks.every((t) => t.lastStatus === 'STOPPED'),
      { timeoutMs: 20_000 },
    );
    const tasks = stopped;
    expect(tasks?.map((t) => [t.lastStatus, t.containers?.[0]?.exitCode, t.stoppedReason])).toEqual([
      ['STOPPED', 0, 'Scaling activity initiated by (deployment local)'],
      ['STOPPED', 0, 'Scaling activity initiated by (deployment local)'],
    ]);
  });

  it('replaces a task that crashed', async () => {
    const service = cloud.services.get('ecs') as EcsLocalService;
    const before = await ecs.send(new ListTasksCommand({ cluster: 'nfse', serviceName: 'adapters' }));
    const victim = before.taskArns?.[0] ?? '';

    expect(await service.killTask(victim)).toBe(true);

    const after = await eventually(
      'a replacement task',
      () => ecs.send(new ListTasksCommand({ cluster: 'nfse', serviceName: 'adapters' })),
      (r) => r.taskArns?.length === 1 && r.taskArns[0] !== victim,
      { timeoutMs: 10_000 },
    );
    expect(after.taskArns).toHaveLength(1);
    expect(after.taskArns?.[0]).not.toBe(victim);
  });

  it('refuses an unsupported operation naming what it supports', async () => {
    const response = await fetch(cloud.endpoint, { method: 'POST', headers: { 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.RunTask', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'InvalidParameterException', message: expect.stringContaining('does not support RunTask') });
  });
});
