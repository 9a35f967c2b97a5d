import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
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

    await adaptersCommand(clients).parseAsync(['status'], { from: 'user' });

    expect(written).toBe('nfse-prod-cluster/nfse-prod-adapter: 1 running, 1 pending, 2 desired; autoscaling off (NFSE_ADAPTER_AUTOSCALING=off)\n');
  });
});
