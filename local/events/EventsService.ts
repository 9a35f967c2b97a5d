import { randomUUID } from 'node:crypto';
import type { Target } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { TimerHandle } from '../../lib/clock/Clock';
import type { EdgeRequest, EdgeResponse } from '../edge/EdgeRequest';
import type { LocalContext } from '../edge/LocalContext';
import type { LocalService, ServiceHealth } from '../edge/LocalService';
import { inProcessEdge } from '../edge/inProcessEdges';
import { localClientConfig } from '../edge/localClientConfig';
import { eventTime, type EventBridgeEvent } from './EventBridgeEvent';
import { EventBusStore, type ArchiveRecord, type RuleRecord } from './EventBusStore';
import { handleEventsRequest } from './handleEventsRequest';
import { matchesEventPattern } from './matchesEventPattern';
import { parseEventPattern, type EventPattern } from './parseEventPattern';
import { renderTargetInput } from './renderTargetInput';
import { nextCronTime, parseScheduleExpression } from './scheduleExpression';
import { TargetDelivery, type TargetClients } from './TargetDelivery';

const MAX_TIMER_MS = 7 * 86_400_000;

/** Options of {@link EventsService}. */
export interface EventsServiceOptions {
  /** Events kept per bus for {@link EventsService.recentEvents}. @default 100 */
  readonly recentLimit?: number;
  /** @default SDK clients for the local edge */
  readonly clients?: TargetClients;
}

/** An event the bus received (or a schedule fired), with the rules it matched. */
export interface RecordedEvent {
  readonly event: EventBridgeEvent;
  readonly matchedRules: readonly string[];
}

/**
 * The local EventBridge: buses, pattern and schedule rules, and delivery to SQS, Lambda and
 * Step Functions targets through the edge.
 */
export class EventsService implements LocalService {
  public readonly name = 'events' as const;
  public readonly store: EventBusStore;
  private readonly delivery: TargetDelivery;
  private readonly clients: TargetClients;
  private readonly patterns = new Map<string, EventPattern>();
  private readonly archivePatterns = new Map<string, EventPattern | undefined>();
  private readonly schedules = new Map<string, TimerHandle>();
  private readonly recent = new Map<string, RecordedEvent[]>();
  private readonly pending = new Set<Promise<void>>();
  private state: ServiceHealth['state'] = 'starting';

  public constructor(public readonly context: LocalContext, private readonly options: EventsServiceOptions = {}) {
    this.store = new EventBusStore(context.region, context.accountId, context.dataDir);
    const config = localClientConfig(context);
    this.clients = options.clients ?? { sqs: new SQSClient(config), lambda: new LambdaClient(config), sfn: new SFNClient(config) };
    // Its own clients mean the cloud's edge: deliveries go to it in-process while it runs here.
    const inProcess = options.clients === undefined && process.env.LOCAL_EDGE_IN_PROCESS !== '0';
    this.delivery = new TargetDelivery(this.clients, inProcess ? { region: context.region, dispatcher: () => inProcessEdge(context.endpoint) } : undefined);
  }

  /** Loads persisted buses and rules and arms their schedules. */
  public async start(): Promise<void> {
    await this.store.load();
    for (const rule of this.store.allRules()) this.ruleChanged(rule);
    for (const archive of this.store.listArchives()) this.archiveChanged(archive);
    this.state = 'running';
  }

  public handle(request: EdgeRequest): Promise<EdgeResponse> {
    return handleEventsRequest(this, request);
  }

  /** The last events a bus received, oldest first (for tests and the console). */
  public recentEvents(busName = 'default'): readonly RecordedEvent[] {
    return [...(this.recent.get(busName) ?? [])];
  }

  /** Resolves once every delivery started so far has finished. */
  public async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Re-reads a rule after PutRule/EnableRule/DisableRule: caches its pattern and (re)arms its schedule. */
  public ruleChanged(rule: RuleRecord): void {
    this.ruleRemoved(rule);
    if (rule.eventPattern !== undefined) this.patterns.set(rule.arn, parseEventPattern(rule.eventPattern));
    if (rule.scheduleExpression !== undefined && rule.state === 'ENABLED') this.arm(rule.busName, rule.name, this.context.clock.now());
  }

  /** Re-reads an archive after CreateArchive: caches its pattern (none: every event of its bus). */
  public archiveChanged(archive: ArchiveRecord): void {
    this.archivePatterns.set(archive.arn, archive.eventPattern !== undefined ? parseEventPattern(archive.eventPattern) : undefined);
  }

  public archiveRemoved(archive: ArchiveRecord): void {
    this.archivePatterns.delete(archive.arn);
  }

  public ruleRemoved(rule: RuleRecord): void {
    this.patterns.delete(rule.arn);
    this.context.clock.clearTimeout(this.schedules.get(rule.arn));
    this.schedules.delete(rule.arn);
  }

  /** Routes one event to the enabled rules of its bus whose pattern it matches; delivery runs in the background. */
  public dispatch(busName: string, event: EventBridgeEvent): void {
    const matched = this.store.listRules(busName).filter((rule) => {
      const pattern = this.patterns.get(rule.arn);
      return rule.state === 'ENABLED' && pattern !== undefined && matchesEventPattern(pattern, event);
    });
    this.record(busName, event, matched);
    this.archive(busName, event);
    for (const rule of matched) this.deliverToRule(rule, event);
  }

  public health(): ServiceHealth {
    return { state: this.state, detail: `${this.store.listBuses().length} buses, ${this.store.allRules().length} rules` };
  }

  public async stop(): Promise<void> {
    for (const handle of this.schedules.values()) this.context.clock.clearTimeout(handle);
    this.schedules.clear();
    await this.whenIdle();
    await this.store.save();
    if (this.options.clients === undefined) {
      this.clients.sqs.destroy();
      this.clients.lambda.destroy();
      this.clients.sfn.destroy();
    }
    this.state = 'stopped';
  }

  private deliverToRule(rule: RuleRecord, event: EventBridgeEvent): void {
    const ingestedAt = this.context.clock.now();
    for (const target of rule.targets) this.track(this.deliverOne(rule, target, event, ingestedAt));
  }

  private async deliverOne(rule: RuleRecord, target: Target, event: EventBridgeEvent, ingestedAt: number): Promise<void> {
    try {
      const input = renderTargetInput(target, event, { name: rule.name, arn: rule.arn }, ingestedAt);
      await this.delivery.deliver(target, input, event.id);
    } catch (error) {
      // EventBridge retries and then drops (or dead-letters); locally a failed delivery is logged once.
      this.context.logger.warn({ err: error, rule: rule.arn, target: target.Id, targetArn: target.Arn, eventId: event.id }, 'event delivery to target failed');
    }
  }

  /** Sets the timer of a schedule rule's next firing after `afterMs`. */
  private arm(busName: string, ruleName: string, afterMs: number): void {
    const rule = this.store.getRule(busName, ruleName);
    if (rule?.scheduleExpression === undefined) return;
    const schedule = parseScheduleExpression(rule.scheduleExpression);
    const firesAt = schedule.kind === 'rate' ? afterMs + schedule.everyMs : nextCronTime(schedule.fields, afterMs);
    if (firesAt === undefined) return;
    // On a scaled clock wall time moves slower than AWS time: schedule by the AWS-time gap between slots.
    this.waitThen(rule.arn, Math.max(0, firesAt - afterMs), () => {
      this.fire(busName, ruleName, firesAt);
      this.arm(busName, ruleName, firesAt);
    });
  }

  /** Node timers overflow past ~24.8 days: long waits are chained in steps. */
  private waitThen(ruleArn: string, ms: number, fn: () => void): void {
    const step = Math.min(ms, MAX_TIMER_MS);
    const handle = this.context.clock.setTimeout(() => {
      this.schedules.delete(ruleArn);
      if (ms > step) this.waitThen(ruleArn, ms - step, fn);
      else fn();
    }, step);
    this.schedules.set(ruleArn, handle);
  }

  private fire(busName: string, ruleName: string, firesAt: number): void {
    const rule = this.store.getRule(busName, ruleName);
    if (rule === undefined || rule.state !== 'ENABLED') return;
    const event: EventBridgeEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: this.context.accountId,
      time: eventTime(firesAt),
      region: this.context.region,
      resources: [rule.arn],
      detail: {},
    };
    this.record(busName, event, [rule]);
    this.deliverToRule(rule, event);
  }

  /** Counts the event in every archive of its bus whose pattern it matches (persisted with the next save). */
  private archive(busName: string, event: EventBridgeEvent): void {
    const busArn = this.store.busArn(busName);
    for (const archive of this.store.listArchives()) {
      if (archive.eventSourceArn !== busArn) continue;
      const pattern = this.archivePatterns.get(archive.arn);
      if (pattern !== undefined && !matchesEventPattern(pattern, event)) continue;
      this.store.putArchive({ ...archive, eventCount: archive.eventCount + 1, sizeBytes: archive.sizeBytes + Buffer.byteLength(JSON.stringify(event)) });
    }
  }

  private record(busName: string, event: EventBridgeEvent, matched: readonly RuleRecord[]): void {
    const list = this.recent.get(busName) ?? [];
    list.push({ event, matchedRules: matched.map((r) => r.name) });
    const limit = this.options.recentLimit ?? 100;
    if (list.length > limit) list.splice(0, list.length - limit);
    this.recent.set(busName, list);
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    // Deliveries catch their own failures; this only forgets one once it settles.
    void work.finally(() => this.pending.delete(work));
  }
}

/** Narrows a service of the local cloud (`cloud.services.get('events')`) to the EventBridge service. */
export function isEventsService(service: LocalService | undefined): service is EventsService {
  return service instanceof EventsService || (service?.name === 'events' && typeof (service as Partial<EventsService>).recentEvents === 'function');
}
