import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  RegisterScalableTargetCommand,
  ValidationException,
} from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand, DescribeTasksCommand, ECSClient, ListTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { adaptersStatus } from '../../../cli/adapters/adaptersStatus';
import type { AdapterServiceRef } from '../../../cli/adapters/adapterService';
import { scaleAdapters } from '../../../cli/adapters/scaleAdapters';

const AWS_REF: AdapterServiceRef = { cluster: 'nfse-prod-cluster', service: 'nfse-prod-adapter', autoscaling: 'on' };
const RESOURCE_ID = 'service/nfse-prod-cluster/nfse-prod-adapter';

describe('scaleAdapters', () => {
  const ecsMock = mockClient(ECSClient);
  const autoscalingMock = mockClient(ApplicationAutoScalingClient);
  const clients = { ecs: new ECSClient({ region: 'us-east-1' }), autoscaling: new ApplicationAutoScalingClient({ region: 'us-east-1' }) };
  let order: string[];

  beforeEach(() => {
    ecsMock.reset();
    autoscalingMock.reset();
    order = [];
    ecsMock.on(UpdateServiceCommand).callsFake((input: { desiredCount?: number }) => {
      order.push('UpdateService');
      return { service: { desiredCount: input.desiredCount } };
    });
    autoscalingMock.on(RegisterScalableTargetCommand).callsFake(() => {
      order.push('RegisterScalableTarget');
      return {};
    });
  });

  function registeredTarget(minCapacity: number, maxCapacity: number): void {
    autoscalingMock
      .on(DescribeScalableTargetsCommand, { ServiceNamespace: 'ecs', ResourceIds: [RESOURCE_ID], ScalableDimension: 'ecs:service:DesiredCount' })
      .resolves({ ScalableTargets: [{ ServiceNamespace: 'ecs', ResourceId: RESOURCE_ID, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: minCapacity, MaxCapacity: maxCapacity, RoleARN: 'arn:aws:iam::1:role/x', CreationTime: new Date(0) }] });
  }

  it('sets the autoscaling minimum to the count before updating the service', async () => {
    registeredTarget(1, 10);

    const result = await scaleAdapters(clients, AWS_REF, 4);

    expect(result).toEqual({ cluster: 'nfse-prod-cluster', service: 'nfse-prod-adapter', desired: 4, autoscaling: { status: 'registered', resourceId: RESOURCE_ID, minCapacity: 4, maxCapacity: 10 } });
    expect(order).toEqual(['RegisterScalableTarget', 'UpdateService']);
    expect(autoscalingMock.commandCalls(RegisterScalableTargetCommand)[0]?.args[0].input).toEqual({ ServiceNamespace: 'ecs', ResourceId: RESOURCE_ID, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 4 });
    expect(ecsMock.commandCalls(UpdateServiceCommand)[0]?.args[0].input).toEqual({ cluster: 'nfse-prod-cluster', service: 'nfse-prod-adapter', desiredCount: 4 });
  });

  it('lowers the minimum when scaling down, so autoscaling may not keep more tasks than asked', async () => {
    registeredTarget(3, 10);

    const result = await scaleAdapters(clients, AWS_REF, 0);

    expect(result.autoscaling).toEqual({ status: 'registered', resourceId: RESOURCE_ID, minCapacity: 0, maxCapacity: 10 });
    expect(autoscalingMock.commandCalls(RegisterScalableTargetCommand)[0]?.args[0].input.MinCapacity).toBe(0);
    expect(ecsMock.commandCalls(UpdateServiceCommand)[0]?.args[0].input.desiredCount).toBe(0);
  });

  it('raises the maximum too when the count is above it', async () => {
    registeredTarget(1, 10);

    const result = await scaleAdapters(clients, AWS_REF, 12);

    expect(result.autoscaling).toEqual({ status: 'registered', resourceId: RESOURCE_ID, minCapacity: 12, maxCapacity: 12 });
    expect(autoscalingMock.commandCalls(RegisterScalableTargetCommand)[0]?.args[0].input).toEqual({ ServiceNamespace: 'ecs', ResourceId: RESOURCE_ID, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 12, MaxCapacity: 12 });
  });

  it('registers nothing when the service has no scalable target', async () => {
    autoscalingMock.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [] });

    const result = await scaleAdapters(clients, AWS_REF, 2);

    expect(result.autoscaling).toEqual({ status: 'not-registered', resourceId: RESOURCE_ID });
    expect(order).toEqual(['UpdateService']);
  });

  it('makes no autoscaling call when autoscaling is off (the local cloud)', async () => {
    const result = await scaleAdapters(clients, { cluster: 'nfse', service: 'adapters', autoscaling: 'off' }, 2);

    expect(result).toEqual({ cluster: 'nfse', service: 'adapters', desired: 2, autoscaling: { status: 'off' } });
    expect(autoscalingMock.calls()).toHaveLength(0);
    expect(order).toEqual(['UpdateService']);
  });

  it('changes nothing when the minimum cannot be set, and says how to opt out', async () => {
    registeredTarget(1, 10);
    autoscalingMock.on(RegisterScalableTargetCommand).rejects(new ValidationException({ message: 'not authorized to perform RegisterScalableTarget', $metadata: {} }));

    await expect(scaleAdapters(clients, AWS_REF, 3)).rejects.toThrow(
      `could not set the autoscaling minimum of ${RESOURCE_ID} (ValidationException: not authorized to perform RegisterScalableTarget). Where the adapter service has no Application Auto Scaling (the local cloud), set NFSE_ADAPTER_AUTOSCALING=off.`,
    );
    expect(ecsMock.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('refuses a negative or fractional count before calling anything', async () => {
    await expect(scaleAdapters(clients, AWS_REF, 1.5)).rejects.toThrow('the task count must be a whole number, got 1.5');
    await expect(scaleAdapters(clients, AWS_REF, -1)).rejects.toThrow('the task count must be a whole number, got -1');
    expect(autoscalingMock.calls()).toHaveLength(0);
    expect(ecsMock.calls()).toHaveLength(0);
  });
});

describe('adaptersStatus', () => {
  const ecsMock = mockClient(ECSClient);
  const autoscalingMock = mockClient(ApplicationAutoScalingClient);
  const clients = { ecs: new ECSClient({ region: 'us-east-1' }), autoscaling: new ApplicationAutoScalingClient({ region: 'us-east-1' }) };

  beforeEach(() => {
    ecsMock.reset();
    autoscalingMock.reset();
  });

  it('reports the task counts and the autoscaling bounds', async () => {
    ecsMock.on(DescribeServicesCommand, { cluster: 'nfse-prod-cluster', services: ['nfse-prod-adapter'] }).resolves({ services: [{ desiredCount: 3, runningCount: 2, pendingCount: 1 }] });
    ecsMock.on(ListTasksCommand).resolves({ taskArns: [] });
    autoscalingMock.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [{ ServiceNamespace: 'ecs', ResourceId: RESOURCE_ID, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 2, MaxCapacity: 10, RoleARN: 'r', CreationTime: new Date(0) }] });

    const status = await adaptersStatus(clients, AWS_REF);

    expect(status).toEqual({ cluster: 'nfse-prod-cluster', service: 'nfse-prod-adapter', desired: 3, running: 2, pending: 1, draining: 0, autoscaling: { status: 'registered', resourceId: RESOURCE_ID, minCapacity: 2, maxCapacity: 10 } });
    expect(ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(0);
  });

  it('counts as draining the tasks ECS is stopping that have not stopped, over every page of ListTasks', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [{ desiredCount: 0, runningCount: 0, pendingCount: 0 }] });
    const arns = Array.from({ length: 103 }, (_, i) => `arn:aws:ecs:us-east-1:1:task/nfse-prod-cluster/t${i}`);
    ecsMock
      .on(ListTasksCommand, { cluster: 'nfse-prod-cluster', serviceName: 'nfse-prod-adapter', desiredStatus: 'STOPPED' })
      .resolvesOnce({ taskArns: arns.slice(0, 100), nextToken: 'page-2' })
      .resolvesOnce({ taskArns: arns.slice(100) });
    ecsMock.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) => ({
      // t0 and t101 are still finishing their calls; every other one has stopped.
      tasks: input.tasks.map((taskArn) => ({ taskArn, lastStatus: /\/t(0|101)$/.test(taskArn) ? 'DEPROVISIONING' : 'STOPPED' })),
    }));

    const status = await adaptersStatus(clients, { ...AWS_REF, autoscaling: 'off' });

    expect(status.draining).toBe(2);
    // (The paginator reuses one input object, so the calls cannot be told apart by their token.)
    expect(ecsMock.commandCalls(ListTasksCommand)).toHaveLength(2);
    expect(ecsMock.commandCalls(DescribeTasksCommand).map((call) => call.args[0].input.tasks?.length)).toEqual([100, 3]);
  });

  it('names the missing service and the reason ECS gave', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [], failures: [{ arn: 'nfse-prod-adapter', reason: 'MISSING' }] });

    await expect(adaptersStatus(clients, AWS_REF)).rejects.toThrow('service nfse-prod-adapter not found in cluster nfse-prod-cluster (MISSING)');
  });
});
