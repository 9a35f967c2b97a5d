import type { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { readAutoscaling } from './adapterAutoscaling';
import type { AdapterServiceRef, AutoscalingState } from './adapterService';

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
  readonly autoscaling: AutoscalingState;
}

/** The service's desired, running and pending task counts (DescribeServices) and its autoscaling bounds. */
export async function adaptersStatus(clients: AdapterClients, ref: AdapterServiceRef): Promise<AdaptersStatus> {
  const { services, failures } = await clients.ecs.send(new DescribeServicesCommand({ cluster: ref.cluster, services: [ref.service] }));
  const found = services?.[0];
  if (found === undefined) throw new Error(`service ${ref.service} not found in cluster ${ref.cluster}${failures?.[0]?.reason !== undefined ? ` (${failures[0].reason})` : ''}`);
  return {
    cluster: ref.cluster,
    service: ref.service,
    desired: found.desiredCount ?? 0,
    running: found.runningCount ?? 0,
    pending: found.pendingCount ?? 0,
    autoscaling: await readAutoscaling(clients.autoscaling, ref),
  };
}
