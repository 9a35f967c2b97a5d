import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { setAutoscalingMinimum } from './adapterAutoscaling';
import type { AdapterClients } from './adaptersStatus';
import type { AdapterServiceRef, AutoscalingState } from './adapterService';

/** What `nfse adapters scale N` prints. */
export interface ScaleResult {
  readonly cluster: string;
  readonly service: string;
  readonly desired: number;
  /** The autoscaling bounds after the change (the minimum is now `desired`), or why there are none. */
  readonly autoscaling: AutoscalingState;
}

/**
 * Sets the adapter service to `count` tasks: first the autoscaling minimum (so the scaling policy
 * does not undo it; nothing is changed if that fails), then UpdateService. ECS drains surplus
 * tasks with SIGTERM: each adapter finishes its in-flight calls before it exits.
 * @see https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html
 */
export async function scaleAdapters(clients: AdapterClients, ref: AdapterServiceRef, count: number): Promise<ScaleResult> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`the task count must be a whole number, got ${count}`);
  const autoscaling = await setAutoscalingMinimum(clients.autoscaling, ref, count);
  const result = await clients.ecs.send(new UpdateServiceCommand({ cluster: ref.cluster, service: ref.service, desiredCount: count }));
  return { cluster: ref.cluster, service: ref.service, desired: result.service?.desiredCount ?? count, autoscaling };
}
