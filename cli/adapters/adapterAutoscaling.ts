import {
  DescribeScalableTargetsCommand,
  RegisterScalableTargetCommand,
  type ApplicationAutoScalingClient,
} from '@aws-sdk/client-application-auto-scaling';
import { ADAPTERS_ENV, ECS_DESIRED_COUNT, scalableTargetId, type AdapterServiceRef, type AutoscalingState } from './adapterService';

/** Reads the service's scalable target (min/max tasks), or says there is none. */
export async function readAutoscaling(client: ApplicationAutoScalingClient, ref: AdapterServiceRef): Promise<AutoscalingState> {
  if (ref.autoscaling === 'off') return { status: 'off' };
  const resourceId = scalableTargetId(ref);
  const { ScalableTargets } = await withHint(
    () => client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [resourceId], ScalableDimension: ECS_DESIRED_COUNT })),
    `could not read the autoscaling target ${resourceId}`,
  );
  const target = ScalableTargets?.find((t) => t.ResourceId === resourceId && t.ScalableDimension === ECS_DESIRED_COUNT);
  if (target === undefined) return { status: 'not-registered', resourceId };
  return { status: 'registered', resourceId, minCapacity: target.MinCapacity ?? 0, maxCapacity: target.MaxCapacity ?? 0 };
}

/**
 * Makes `count` the autoscaling minimum of the service (raising the maximum when `count` is above
 * it), so a scaling policy does not scale in below what ops asked for. A service without a
 * scalable target is left alone: nothing there would undo a manual count.
 * @see https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html
 */
export async function setAutoscalingMinimum(client: ApplicationAutoScalingClient, ref: AdapterServiceRef, count: number): Promise<AutoscalingState> {
  const current = await readAutoscaling(client, ref);
  if (current.status !== 'registered') return current;
  const maxCapacity = Math.max(count, current.maxCapacity);
  // An update names only what changes; MaxCapacity only when it must rise to stay >= MinCapacity.
  await withHint(
    () =>
      client.send(
        new RegisterScalableTargetCommand({
          ServiceNamespace: 'ecs',
          ResourceId: current.resourceId,
          ScalableDimension: ECS_DESIRED_COUNT,
          MinCapacity: count,
          ...(maxCapacity !== current.maxCapacity ? { MaxCapacity: maxCapacity } : {}),
        }),
      ),
    `could not set the autoscaling minimum of ${current.resourceId}`,
  );
  return { ...current, minCapacity: count, maxCapacity };
}

/** Runs an Application Auto Scaling call; a failure says what was attempted and how to opt out. */
async function withHint<T>(call: () => Promise<T>, what: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(`${what} (${reason}). Where the adapter service has no Application Auto Scaling (the local cloud), set ${ADAPTERS_ENV.Autoscaling}=off.`, { cause: error });
  }
}
