import type { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { readAutoscaling } from './adapterAutoscaling';
import type { AdapterServiceRef, AutoscalingState } from './adapterService';
import { drainingTasks } from './drainingTasks';

/** The clients the adapters commands use (injected, so tests mock them). */
export interface AdapterClients {
  readonly ecs: ECSClient;
  readonly autoscaling: ApplicationAutoScalingClient;
}

/** What `nfse adapters status` prints. */
export interface AdaptersStatus {
  readonly cluster: string;
  readonly service: string;
  readonly desired: number;
  readonly running: number;
  readonly pending: number;
  /** Tasks stopping that have not stopped yet (finishing in-flight calls). */
  readonly draining: number;
  readonly autoscaling: AutoscalingState;
}

/** The service's desired, running, pending and draining task counts and its autoscaling bounds. */
export async function adaptersStatus(clients: AdapterClients, ref: AdapterServiceRef): Promise<AdaptersStatus> {
  const { services, failures } = await clients.ecs.send(new DescribeServicesCommand({ cluster: ref.cluster, services: [ref.service] }));
  const found = services?.[0];
  if (found === undefined) throw new Error(`service ${ref.service} not found in cluster ${ref.cluster}${failures?.[0]?.reason !== undefined ? ` (${failures[0].reason})` : ''}`);
  const [draining, autoscaling] = await Promise.all([drainingTasks(clients.ecs, ref), readAutoscaling(clients.autoscaling, ref)]);
  return {
    cluster: ref.cluster,
    service: ref.service,
    desired: found.desiredCount ?? 0,
    running: found.runningCount ?? 0,
    pending: found.pendingCount ?? 0,
    draining,
    autoscaling,
  };
}

/** Whether the service is where it was asked to be: every desired task running, none starting or stopping. */
export function isSettled(status: AdaptersStatus): boolean {
  return status.running === status.desired && status.pending === 0 && status.draining === 0;
}

/** `1 running, 0 pending, 1 draining, 0 desired`. */
export function describeCounts(status: AdaptersStatus): string {
  return `${status.running} running, ${status.pending} pending, ${status.draining} draining, ${status.desired} desired`;
}
