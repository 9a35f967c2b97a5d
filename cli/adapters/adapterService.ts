/** The env vars the `adapters` commands read (besides the SDK's own: region, credentials, AWS_ENDPOINT_URL). */
export const ADAPTERS_ENV = {
  /** The ECS cluster of the adapter service (the `AdapterClusterName` output of the Compute stack). */
  ClusterName: 'ADAPTER_CLUSTER_NAME',
  /** The adapter service (the `AdapterServiceName` output of the Compute stack). */
  ServiceName: 'ADAPTER_SERVICE_NAME',
  /**
   * `on` (AWS): `scale` also sets the Application Auto Scaling minimum of the service; `off`: the
   * service has no Application Auto Scaling (the local cloud, which prints this in its export line).
   */
  Autoscaling: 'NFSE_ADAPTER_AUTOSCALING',
} as const;

/** Whether the adapter service sits under Application Auto Scaling. */
export const AUTOSCALING_MODES = ['on', 'off'] as const;
export type AutoscalingMode = (typeof AUTOSCALING_MODES)[number];

/** Which ECS service the adapters run as, and whether autoscaling manages it. */
export interface AdapterServiceRef {
  readonly cluster: string;
  readonly service: string;
  readonly autoscaling: AutoscalingMode;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The local cloud's names (local/app), used when the env does not name a deployed service. */
const LOCAL_CLUSTER = 'nfse';
const LOCAL_SERVICE = 'adapters';

/** Reads the adapter service from the environment; throws on a malformed autoscaling mode. */
export function adapterServiceFromEnv(env: Env = process.env): AdapterServiceRef {
  const mode = env[ADAPTERS_ENV.Autoscaling] || 'on';
  if (!(AUTOSCALING_MODES as readonly string[]).includes(mode)) {
    throw new Error(`${ADAPTERS_ENV.Autoscaling} must be ${AUTOSCALING_MODES.join(' or ')}, got "${mode}"`);
  }
  return {
    cluster: env[ADAPTERS_ENV.ClusterName] || LOCAL_CLUSTER,
    service: env[ADAPTERS_ENV.ServiceName] || LOCAL_SERVICE,
    autoscaling: mode as AutoscalingMode,
  };
}

/**
 * The Application Auto Scaling resource id of an ECS service.
 * @see https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html
 */
export function scalableTargetId(ref: Pick<AdapterServiceRef, 'cluster' | 'service'>): string {
  return `service/${ref.cluster}/${ref.service}`;
}

/** The scalable dimension of an ECS service's task count. */
export const ECS_DESIRED_COUNT = 'ecs:service:DesiredCount' as const;

/** What Application Auto Scaling says about the adapter service. */
export type AutoscalingState =
  /** `NFSE_ADAPTER_AUTOSCALING=off`: not asked (the local cloud has no Application Auto Scaling). */
  | { readonly status: 'off' }
  /** No scalable target is registered for the service: nothing would undo a manual count. */
  | { readonly status: 'not-registered'; readonly resourceId: string }
  | { readonly status: 'registered'; readonly resourceId: string; readonly minCapacity: number; readonly maxCapacity: number };

/** One line for humans. */
export function describeAutoscaling(state: AutoscalingState): string {
  switch (state.status) {
    case 'off':
      return `autoscaling off (${ADAPTERS_ENV.Autoscaling}=off)`;
    case 'not-registered':
      return `no autoscaling target for ${state.resourceId}`;
    case 'registered':
      return `autoscaling ${state.minCapacity}..${state.maxCapacity}`;
    default:
      return assertNever(state);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected autoscaling state ${JSON.stringify(value)}`);
}
