import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand, DescribeTasksCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import type { AdaptersStatus } from '../../../cli/adapters/adaptersStatus';
import type { AdapterServiceRef } from '../../../cli/adapters/adapterService';
import { AdaptersNotSettledError, waitForAdapters } from '../../../cli/adapters/waitForAdapters';

const REF: AdapterServiceRef = { cluster: 'nfse', service: 'adapters', autoscaling: 'off' };

describe('waitForAdapters', () => {
  const ecsMock = mockClient(ECSClient);
  const clients = { ecs: new ECSClient({ region: 'us-east-1' }), autoscaling: new ApplicationAutoScalingClient({ region: 'us-east-1' }) };
  let clock: number;
  let slept: number[];
  const timing = { now: () => clock, sleep: async (ms: number) => void (slept.push(ms), (clock += ms)) };

  beforeEach(() => {
    ecsMock.reset();
    clock = 0;
    slept = [];
  });

  /** ECS answers these counts, one poll after another (the last one from then on). */
  function polls(...counts: { desired: number; running: number; pending: number; draining: number }[]): void {
    const services = ecsMock.on(DescribeServicesCommand);
    const tasks = ecsMock.on(DescribeTasksCommand);
    ecsMock.on(ListTasksCommand).resolves({ taskArns: ['t-1', 't-2'] });
    for (const c of counts) {
      services.resolvesOnce({ services: [{ desiredCount: c.desired, runningCount: c.running, pendingCount: c.pending }] });
      tasks.resolvesOnce({ tasks: ['t-1', 't-2'].map((taskArn, i) => ({ taskArn, lastStatus: i < c.draining ? 'DEPROVISIONING' : 'STOPPED' })) });
    }
    const last = counts[counts.length - 1];
    if (last === undefined) return;
    services.resolves({ services: [{ desiredCount: last.desired, runningCount: last.running, pendingCount: last.pending }] });
    tasks.resolves({ tasks: ['t-1', 't-2'].map((taskArn, i) => ({ taskArn, lastStatus: i < last.draining ? 'DEPROVISIONING' : 'STOPPED' })) });
  }

  it('waits through the start and the drain, telling each change once', async () => {
    polls(
      { desired: 3, running: 2, pending: 1, draining: 0 },
      { desired: 3, running: 2, pending: 1, draining: 0 },
      { desired: 3, running: 3, pending: 0, draining: 1 },
      { desired: 3, running: 3, pending: 0, draining: 0 },
    );
    const seen: string[] = [];

    const status = await waitForAdapters(clients, REF, { timeoutSeconds: 60, pollMs: 1000, ...timing, onChange: (s: AdaptersStatus) => seen.push(`${s.running}/${s.pending}/${s.draining}`) });

    expect(status).toMatchObject({ desired: 3, running: 3, pending: 0, draining: 0 });
    expect(seen).toEqual(['2/1/0', '3/0/1', '3/0/0']);
    expect(slept).toEqual([1000, 1000, 1000]);
  });

  it('returns at once when the service is already settled', async () => {
    polls({ desired: 1, running: 1, pending: 0, draining: 0 });

    await waitForAdapters(clients, REF, { timeoutSeconds: 60, ...timing });

    expect(slept).toEqual([]);
  });

  it('gives up after the timeout with the last counts', async () => {
    polls({ desired: 0, running: 0, pending: 0, draining: 1 });

    const waiting = waitForAdapters(clients, REF, { timeoutSeconds: 5, pollMs: 2000, ...timing });

    await expect(waiting).rejects.toThrow(new AdaptersNotSettledError({ cluster: 'nfse', service: 'adapters', desired: 0, running: 0, pending: 0, draining: 1, autoscaling: { status: 'off' } }, 5));
    await expect(waiting).rejects.toThrow('nfse/adapters did not settle within 5 s: 0 running, 0 pending, 1 draining, 0 desired');
    expect(slept).toEqual([2000, 2000, 2000]);
  });
});
