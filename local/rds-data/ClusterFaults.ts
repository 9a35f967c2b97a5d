import type { Clock, TimerHandle } from '../../lib/clock/Clock';
import { RdsDataError } from './rdsDataErrors';

/** The cluster's state as the paused-cluster knob sees it. */
export type ClusterState = 'available' | 'paused' | 'resuming';

/** Options of {@link ClusterFaults}. */
export interface ClusterFaultsOptions {
  readonly clock: Clock;
  /** Start every cluster paused: the first request answers DatabaseResumingException. @default false */
  readonly startPaused?: boolean;
  /** AWS milliseconds a paused cluster takes to resume once a request wakes it. @default 0 (only the waking request fails) */
  readonly resumeMs?: number;
  /** Pause after this many idle AWS milliseconds, as Serverless v2 at 0 ACU does. @default undefined (never) */
  readonly autoPauseMs?: number;
}

/** What the admin paths report of the knobs, for one cluster (or all). */
export interface FaultsState {
  readonly cluster: ClusterState;
  readonly outage: boolean;
}

/** The knobs of one scope: one cluster ARN, or every cluster (`''`). */
class FaultScope {
  public cluster: ClusterState = 'available';
  public resumeMs = 0;
  public outage = false;
  public outageTimer?: TimerHandle;
  public resumeTimer?: TimerHandle;
}

/** The scope key meaning "every cluster". */
const ALL = '';

/**
 * The failure knobs: a paused Aurora Serverless v2 cluster (the request that wakes it, and any
 * during its resume, answer `DatabaseResumingException`) and a Data API outage (every call answers
 * `ServiceUnavailableError`, 503, which the SDK retries). Each knob applies to one cluster ARN, so
 * suites sharing a cloud do not trip each other, or to every cluster. Durations run on the cloud's
 * clock.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2-auto-pause.html
 */
export class ClusterFaults {
  private readonly scopes = new Map<string, FaultScope>();
  private idleTimer?: TimerHandle;

  public constructor(private readonly options: ClusterFaultsOptions) {
    if (options.startPaused === true) this.pause(options.resumeMs ?? 0);
    this.armAutoPause();
  }

  /** The knobs as they apply to `resourceArn` (or to every cluster). */
  public state(resourceArn: string = ALL): FaultsState {
    const own = this.scopes.get(resourceArn);
    const all = this.scopes.get(ALL);
    const states = [own?.cluster, all?.cluster];
    const cluster = states.includes('paused') ? 'paused' : states.includes('resuming') ? 'resuming' : 'available';
    return { cluster, outage: own?.outage === true || all?.outage === true };
  }

  /** Pauses a cluster (or all) now; the next request to it wakes it. */
  public pause(resumeMs: number = this.options.resumeMs ?? 0, resourceArn: string = ALL): void {
    const scope = this.scope(resourceArn);
    this.options.clock.clearTimeout(scope.resumeTimer);
    scope.resumeMs = resumeMs;
    scope.cluster = 'paused';
  }

  /** Makes calls to a cluster (or all) answer 503 for `ms` AWS milliseconds; 0 ends an outage. */
  public outage(ms: number, resourceArn: string = ALL): void {
    const scope = this.scope(resourceArn);
    this.options.clock.clearTimeout(scope.outageTimer);
    scope.outage = ms > 0;
    if (scope.outage) {
      scope.outageTimer = this.options.clock.setTimeout(() => {
        scope.outage = false;
      }, ms);
    }
  }

  /** Ends pauses and outages: of one cluster, or every one. */
  public clear(resourceArn?: string): void {
    for (const [key, scope] of this.scopes) {
      if (resourceArn !== undefined && key !== resourceArn) continue;
      this.options.clock.clearTimeout(scope.resumeTimer);
      this.options.clock.clearTimeout(scope.outageTimer);
      this.scopes.delete(key);
    }
  }

  /** The error for a call during an outage, checked before the request is validated. */
  public outageError(resourceArn: string | undefined): RdsDataError | undefined {
    if (!this.state(resourceArn ?? ALL).outage) return undefined;
    return new RdsDataError('ServiceUnavailableError', 'The RDS Data API is unavailable (local outage knob). Try again later.');
  }

  /** The error for a (valid) call while its cluster is paused or resuming; the call wakes it. */
  public resumingError(resourceArn: string): RdsDataError | undefined {
    let failed = false;
    for (const scope of [this.scopes.get(resourceArn), this.scopes.get(ALL)]) {
      if (scope === undefined || scope.cluster === 'available') continue;
      failed = true;
      if (scope.cluster === 'paused') this.wake(scope);
    }
    this.armAutoPause();
    if (!failed) return undefined;
    const instance = `${resourceArn.slice(resourceArn.lastIndexOf(':') + 1)}-instance-1`;
    return new RdsDataError('DatabaseResumingException', `The Aurora DB instance ${instance} is resuming after being auto-paused. Please wait a few seconds and try again.`);
  }

  /** Stops every timer. */
  public stop(): void {
    this.clear();
    this.options.clock.clearTimeout(this.idleTimer);
  }

  private scope(resourceArn: string): FaultScope {
    let scope = this.scopes.get(resourceArn);
    if (scope === undefined) {
      scope = new FaultScope();
      this.scopes.set(resourceArn, scope);
    }
    return scope;
  }

  private wake(scope: FaultScope): void {
    if (scope.resumeMs <= 0) {
      scope.cluster = 'available';
      return;
    }
    scope.cluster = 'resuming';
    scope.resumeTimer = this.options.clock.setTimeout(() => {
      scope.cluster = 'available';
    }, scope.resumeMs);
  }

  private armAutoPause(): void {
    const idleMs = this.options.autoPauseMs;
    if (idleMs === undefined) return;
    this.options.clock.clearTimeout(this.idleTimer);
    this.idleTimer = this.options.clock.setTimeout(() => {
      const all = this.scope(ALL);
      if (all.cluster === 'available') this.pause(this.options.resumeMs ?? 0);
    }, idleMs);
  }
}
