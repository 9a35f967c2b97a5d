import { randomUUID } from 'node:crypto';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { TimerHandle } from '../../lib/clock/Clock';
import type { EdgeRequest, EdgeResponse } from '../edge/EdgeRequest';
import type { LocalContext } from '../edge/LocalContext';
import type { LocalService, ServiceHealth } from '../edge/LocalService';
import { restJsonError } from '../edge/awsErrors';
import { localClientConfig } from '../edge/localClientConfig';
import { TargetDelivery, type TargetClients } from '../events/TargetDelivery';
import { nextCronTime } from '../events/scheduleExpression';
import { handleSchedulerRequest } from './handleSchedulerRequest';
import { ScheduleStore, SchedulerError, scheduleOf, type ScheduleRecord } from './ScheduleStore';
import { nextZonedCronTime } from './zonedCronTime';

const MAX_TIMER_MS = 7 * 86_400_000;

/** Options of {@link SchedulerService}. */
export interface SchedulerServiceOptions {
  /** @default SDK clients for the local edge */
  readonly clients?: TargetClients;
  /** Invocations kept for {@link SchedulerService.invocations}. @default 100 */
  readonly recentLimit?: number;
}

/** One time a schedule fired: what it sent and whether the target took it. */
export interface ScheduleInvocation {
  readonly scheduleArn: string;
  /** The slot it fired for (epoch ms), in UTC. */
  readonly scheduledTime: number;
  readonly targetArn: string;
  readonly input: string;
  /** `delivered`, `dead-lettered` (the target refused; sent to the DLQ) or `dropped` (no DLQ). */
  readonly outcome: 'delivered' | 'dead-lettered' | 'dropped';
}

/**
 * The local EventBridge Scheduler: schedules with a time zone (which EventBridge rules cannot
 * express), fired on the cloud's clock and delivered to SQS, Lambda and Step Functions targets
 * through the edge, with the target's dead-letter queue when it refuses. Locally a refused
 * delivery is not retried: it goes to the DLQ at once (AWS retries up to its RetryPolicy first).
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/what-is-scheduler.html
 */
export class SchedulerService implements LocalService {
  public readonly name = 'scheduler' as const;
  public readonly store: ScheduleStore;
  private readonly clients: TargetClients;
  private readonly delivery: TargetDelivery;
  private readonly timers = new Map<string, TimerHandle>();
  private readonly recent: ScheduleInvocation[] = [];
  private readonly pending = new Set<Promise<void>>();
  private state: ServiceHealth['state'] = 'starting';

  public constructor(public readonly context: LocalContext, private readonly options: SchedulerServiceOptions = {}) {
    this.store = new ScheduleStore(context.region, context.accountId, context.dataDir);
    const config = localClientConfig(context);
    this.clients = options.clients ?? { sqs: new SQSClient(config), lambda: new LambdaClient(config), sfn: new SFNClient(config) };
    this.delivery = new TargetDelivery(this.clients);
  }

  /** Arms every persisted schedule. */
  public start(): void {
    for (const record of this.store.all()) this.scheduleChanged(record);
    this.state = 'running';
  }

  public async handle(request: EdgeRequest): Promise<EdgeResponse> {
    try {
      return handleSchedulerRequest(this, request);
    } catch (error) {
      if (error instanceof SchedulerError) return restJsonError(SchedulerError.STATUS[error.type], error.type, error.message);
      if (error instanceof SyntaxError) return restJsonError(400, 'ValidationException', 'Invalid JSON in the request body');
      this.context.logger.error({ err: error, path: request.url.pathname }, 'scheduler failed');
      return restJsonError(500, 'InternalServerException', 'the local EventBridge Scheduler failed');
    }
  }

  /** (Re)arms a schedule after CreateSchedule/UpdateSchedule. */
  public scheduleChanged(record: ScheduleRecord): void {
    this.scheduleRemoved(record);
    if (record.state === 'ENABLED') this.arm(record.groupName, record.name, this.context.clock.now());
  }

  public scheduleRemoved(record: ScheduleRecord): void {
    this.context.clock.clearTimeout(this.timers.get(record.arn));
    this.timers.delete(record.arn);
  }

  /** When a schedule fires next after `afterMs` (epoch ms); undefined when it never does again. */
  public nextFiring(record: ScheduleRecord, afterMs: number): number | undefined {
    const schedule = scheduleOf(record);
    const from = Math.max(afterMs, (record.startDate ?? 0) - 1);
    const at = schedule.kind === 'rate' ? from + schedule.everyMs : record.scheduleExpressionTimezone === 'UTC' ? nextCronTime(schedule.fields, from) : nextZonedCronTime(schedule.fields, from, record.scheduleExpressionTimezone);
    return at === undefined || (record.endDate !== undefined && at > record.endDate) ? undefined : at;
  }

  /** The last invocations, oldest first (for tests and the console). */
  public invocations(): readonly ScheduleInvocation[] {
    return [...this.recent];
  }

  /** Resolves once every delivery started so far has finished. */
  public async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  public health(): ServiceHealth {
    return { state: this.state, detail: `${this.store.all().length} schedules` };
  }

  public async stop(): Promise<void> {
    for (const handle of this.timers.values()) this.context.clock.clearTimeout(handle);
    this.timers.clear();
    await this.whenIdle();
    if (this.options.clients === undefined) {
      this.clients.sqs.destroy();
      this.clients.lambda.destroy();
      this.clients.sfn.destroy();
    }
    this.state = 'stopped';
  }

  private arm(groupName: string, name: string, afterMs: number): void {
    const record = this.store.all().find((r) => r.groupName === groupName && r.name === name);
    if (record === undefined || record.state !== 'ENABLED') return;
    const firesAt = this.nextFiring(record, afterMs);
    if (firesAt === undefined) return;
    // On a scaled clock wall time moves slower than AWS time: wait the AWS-time gap between slots.
    this.waitThen(record.arn, Math.max(0, firesAt - afterMs), () => {
      this.track(this.fire(groupName, name, firesAt));
      this.arm(groupName, name, firesAt);
    });
  }

  /** Node timers overflow past ~24.8 days: long waits are chained in steps. */
  private waitThen(arn: string, ms: number, fn: () => void): void {
    const step = Math.min(ms, MAX_TIMER_MS);
    const handle = this.context.clock.setTimeout(() => {
      this.timers.delete(arn);
      if (ms > step) this.waitThen(arn, ms - step, fn);
      else fn();
    }, step);
    this.timers.set(arn, handle);
  }

  private async fire(groupName: string, name: string, scheduledTime: number): Promise<void> {
    const record = this.store.all().find((r) => r.groupName === groupName && r.name === name);
    if (record === undefined || record.state !== 'ENABLED') return;
    const targetArn = record.target.Arn ?? '';
    const input = withContextAttributes(record.target.Input ?? '{}', record.arn, scheduledTime);
    let outcome: ScheduleInvocation['outcome'] = 'delivered';
    try {
      await this.delivery.deliver({ Id: record.name, Arn: targetArn, SqsParameters: record.target.SqsParameters }, input, randomUUID());
    } catch (error) {
      const dlq = record.target.DeadLetterConfig?.Arn;
      this.context.logger.warn({ err: error, schedule: record.arn, targetArn, dlq }, 'schedule delivery to target failed');
      outcome = dlq === undefined ? 'dropped' : 'dead-lettered';
      if (dlq !== undefined) await this.delivery.deliver({ Id: `${record.name}-dlq`, Arn: dlq }, input, randomUUID()).catch((dlqError: unknown) => this.context.logger.warn({ err: dlqError, dlq }, 'schedule dead-letter delivery failed'));
    }
    this.recent.push({ scheduleArn: record.arn, scheduledTime, targetArn, input, outcome });
    const limit = this.options.recentLimit ?? 100;
    if (this.recent.length > limit) this.recent.splice(0, this.recent.length - limit);
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    // fire() catches its own failures; this only forgets one once it settles.
    void work.finally(() => this.pending.delete(work));
  }
}

/**
 * Fills Scheduler's context attributes in a target's input.
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html
 */
export function withContextAttributes(input: string, scheduleArn: string, scheduledTime: number): string {
  return input
    .replaceAll('<aws.scheduler.schedule-arn>', scheduleArn)
    .replaceAll('<aws.scheduler.scheduled-time>', new Date(scheduledTime).toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .replaceAll('<aws.scheduler.execution-id>', randomUUID())
    .replaceAll('<aws.scheduler.attempt-number>', '1');
}

/** Narrows a service of the local cloud (`cloud.services.get('scheduler')`) to the Scheduler service. */
export function isSchedulerService(service: LocalService | undefined): service is SchedulerService {
  return service instanceof SchedulerService || (service?.name === 'scheduler' && typeof (service as Partial<SchedulerService>).invocations === 'function');
}
