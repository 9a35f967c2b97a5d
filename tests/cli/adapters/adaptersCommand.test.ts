import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand, DescribeTasksCommand, ECSClient, ListTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { adapterServiceFromEnv } from '../../../cli/adapters/adapterService';
import { adaptersCommand } from '../../../cli/commands/adaptersCommand';

describe('adapterServiceFromEnv', () => {
  it('defaults to the local names with autoscaling on', () => {
    expect(adapterServiceFromEnv({})).toEqual({ cluster: 'nfse', service: 'adapters', autoscaling: 'on' });
  });

  it('reads the deployed names and the autoscaling switch', () => {
    expect(adapterServiceFromEnv({ ADAPTER_CLUSTER_NAME: 'c', ADAPTER_SERVICE_NAME: 's', NFSE_ADAPTER_AUTOSCALING: 'off' })).toEqual({ cluster: 'c', service: 's', autoscaling: 'off' });
  });

  it('refuses an unknown autoscaling switch', () => {
    expect(() => adapterServiceFromEnv({ NFSE_ADAPTER_AUTOSCALING: 'no' })).toThrow('NFSE_ADAPTER_AUTOSCALING must be on or off, got "no"');
  });
});

describe('nfse adapters', () => {
  const ecsMock = mockClient(ECSClient);
  const autoscalingMock = mockClient(ApplicationAutoScalingClient);
  const clients = (): { ecs: ECSClient; autoscaling: ApplicationAutoScalingClient } => ({ ecs: new ECSClient({ region: 'us-east-1' }), autoscaling: new ApplicationAutoScalingClient({ region: 'us-east-1' }) });
  const saved = { ...process.env };
  let written: string;

  beforeEach(() => {
    ecsMock.reset();
    autoscalingMock.reset();
    written = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written += String(chunk);
      return true;
    });
    process.env.ADAPTER_CLUSTER_NAME = 'nfse-prod-cluster';
    process.env.ADAPTER_SERVICE_NAME = 'nfse-prod-adapter';
    delete process.env.NFSE_ADAPTER_AUTOSCALING;
  });

  afterEach(() => {
    jest.restoreAllMocks();
    process.env = { ...saved };
  });

  it('scale N --json prints the desired count and the new autoscaling bounds', async () => {
    autoscalingMock.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [{ ServiceNamespace: 'ecs', ResourceId: 'service/nfse-prod-cluster/nfse-prod-adapter', ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 1, MaxCapacity: 10, RoleARN: 'r', CreationTime: new Date(0) }] });
    autoscalingMock.on(RegisterScalableTargetCommand).resolves({});
    ecsMock.on(UpdateServiceCommand).resolves({ service: { desiredCount: 3 } });

    await adaptersCommand(clients).parseAsync(['scale', '3', '--json'], { from: 'user' });

    expect(JSON.parse(written)).toEqual({
      cluster: 'nfse-prod-cluster',
      service: 'nfse-prod-adapter',
      desired: 3,
      autoscaling: { status: 'registered', resourceId: 'service/nfse-prod-cluster/nfse-prod-adapter', minCapacity: 3, maxCapacity: 10 },
    });
  });

  it('status prints one line for humans', async () => {
    process.env.NFSE_ADAPTER_AUTOSCALING = 'off';
    ecsMock.on(DescribeServicesCommand).resolves({ services: [{ desiredCount: 2, runningCount: 1, pendingCount: 1 }] });
    ecsMock.on(ListTasksCommand).resolves({ taskArns: ['t-old'] });
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [{ taskArn: 't-old', lastStatus: 'DEACTIVATING' }] });

    await adaptersCommand(clients).parseAsync(['status'], { from: 'user' });

    expect(written).toBe('nfse-prod-cluster/nfse-prod-adapter: 1 running, 1 pending, 1 draining, 2 desired; autoscaling off (NFSE_ADAPTER_AUTOSCALING=off)\n');
  });

  it('scale N --wait prints the counts as they change on stderr and the settled service on stdout', async () => {
    process.env.NFSE_ADAPTER_AUTOSCALING = 'off';
    let progress = '';
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      progress += String(chunk);
      return true;
    });
    ecsMock.on(UpdateServiceCommand).resolves({ service: { desiredCount: 0 } });
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce({ services: [{ desiredCount: 0, runningCount: 0, pendingCount: 0 }] })
      .resolves({ services: [{ desiredCount: 0, runningCount: 0, pendingCount: 0 }] });
    ecsMock.on(ListTasksCommand).resolves({ taskArns: ['t-1'] });
    ecsMock
      .on(DescribeTasksCommand)
      .resolvesOnce({ tasks: [{ taskArn: 't-1', lastStatus: 'DEPROVISIONING' }] })
      .resolves({ tasks: [{ taskArn: 't-1', lastStatus: 'STOPPED' }] });

    await adaptersCommand(clients).parseAsync(['scale', '0', '--wait', '--timeout', '30s', '--json'], { from: 'user' });

    expect(progress).toBe('waiting: 0 running, 0 pending, 1 draining, 0 desired\nwaiting: 0 running, 0 pending, 0 draining, 0 desired\n');
    expect(JSON.parse(written)).toEqual({ cluster: 'nfse-prod-cluster', service: 'nfse-prod-adapter', desired: 0, autoscaling: { status: 'off' }, running: 0, pending: 0, draining: 0 });
  }, 15_000);

  it('scale --timeout refuses what is not a duration', async () => {
    const command = adaptersCommand(clients).exitOverride().configureOutput({ writeErr: () => undefined });
    command.commands.forEach((sub) => sub.exitOverride().configureOutput({ writeErr: () => undefined }));

    await expect(command.parseAsync(['scale', '1', '--wait', '--timeout', 'soon'], { from: 'user' })).rejects.toThrow("not a duration: 'soon'");
    expect(ecsMock.calls()).toHaveLength(0);
  });
});
