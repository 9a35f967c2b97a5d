import { randomUUID } from 'node:crypto';
import type { Target } from '@aws-sdk/client-eventbridge';
import type { EdgeRequest, EdgeResponse } from '../edge/EdgeRequest';
import { awsJsonError, awsJsonResult } from '../edge/awsErrors';
import { eventTime, type EventBridgeEvent } from './EventBridgeEvent';
import type { ArchiveRecord, RuleRecord } from './EventBusStore';
import { EventPatternError } from './EventPatternError';
import type { EventsService } from './EventsService';
import { isPlainObject, parseEventPattern } from './parseEventPattern';
import { parseScheduleExpression, ScheduleExpressionError } from './scheduleExpression';
import { isValidJsonPath } from './selectJsonPath';

const JSON_11 = 'application/x-amz-json-1.1';
type Body = Record<string, unknown>;

/** An AWS-shaped failure raised inside an operation. */
class EventsApiError extends Error {
  public constructor(public readonly status: number, public readonly type: string, message: string) {
    super(message);
    this.name = 'EventsApiError';
  }
}

const notFound = (message: string): EventsApiError => new EventsApiError(400, 'ResourceNotFoundException', message);
const invalid = (message: string): EventsApiError => new EventsApiError(400, 'ValidationException', message);

/**
 * Answers one EventBridge call (AWS JSON 1.1, `X-Amz-Target: AWSEvents.<Op>`).
 * @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Operations.html
 */
export async function handleEventsRequest(service: EventsService, request: EdgeRequest): Promise<EdgeResponse> {
  let body: Body;
  try {
    const parsed: unknown = JSON.parse(request.body.toString('utf8') || '{}');
    if (!isPlainObject(parsed)) throw new Error('not an object');
    body = parsed;
  } catch {
    return awsJsonError(400, 'SerializationException', 'Request body is not a JSON object', JSON_11);
  }
  const operation = OPERATIONS[request.target ?? ''];
  if (operation === undefined) return awsJsonError(400, 'UnknownOperationException', `The local EventBridge does not implement ${request.target ?? '(no X-Amz-Target)'}`, JSON_11);
  try {
    return awsJsonResult(await operation(service, body), JSON_11);
  } catch (error) {
    if (error instanceof EventsApiError) return awsJsonError(error.status, error.type, error.message, JSON_11);
    if (error instanceof EventPatternError) return awsJsonError(400, 'InvalidEventPatternException', error.message, JSON_11);
    if (error instanceof ScheduleExpressionError) return awsJsonError(400, 'ValidationException', error.message, JSON_11);
    throw error;
  }
}

type Operation = (service: EventsService, body: Body) => unknown;

const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateEventBus: async (service, body) => {
    const name = requiredString(body, 'Name');
    if (!/^[A-Za-z0-9._\-/]{1,256}$/.test(name) || name === 'default') throw invalid(`Event bus name ${name} is not valid.`);
    if (service.store.getBus(name) !== undefined) throw new EventsApiError(400, 'ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
    const arn = service.store.busArn(name);
    service.store.putBus({ name, arn, ...(typeof body.Description === 'string' ? { description: body.Description } : {}), createdAt: service.context.clock.now() });
    await service.store.save();
    return { EventBusArn: arn };
  },
  DescribeEventBus: (service, body) => {
    const bus = existingBus(service, body.Name);
    return { Name: bus.name, Arn: bus.arn, ...(bus.description !== undefined ? { Description: bus.description } : {}), CreationTime: bus.createdAt / 1000, LastModifiedTime: bus.createdAt / 1000 };
  },
  ListEventBuses: (service, body) => {
    const prefix = typeof body.NamePrefix === 'string' ? body.NamePrefix : '';
    return { EventBuses: service.store.listBuses().filter((b) => b.name.startsWith(prefix)).map((b) => ({ Name: b.name, Arn: b.arn })) };
  },
  DeleteEventBus: async (service, body) => {
    const name = busName(requiredString(body, 'Name'));
    if (name === 'default') throw invalid('Cannot delete event bus default.');
    for (const rule of service.store.deleteBus(name)) service.ruleRemoved(rule);
    await service.store.save();
    return {};
  },
  PutRule: async (service, body) => {
    const bus = existingBus(service, body.EventBusName);
    const name = requiredString(body, 'Name');
    if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(name)) throw invalid(`Rule name ${name} is not valid.`);
    const eventPattern = optionalString(body, 'EventPattern');
    const scheduleExpression = optionalString(body, 'ScheduleExpression');
    if (eventPattern === undefined && scheduleExpression === undefined) throw invalid('Parameter(s) EventPattern or ScheduleExpression must be specified.');
    if (eventPattern !== undefined) parseEventPattern(eventPattern);
    if (scheduleExpression !== undefined) {
      if (bus.name !== 'default') throw invalid('ScheduleExpression is supported only on the default event bus.');
      parseScheduleExpression(scheduleExpression);
    }
    const state = body.State ?? 'ENABLED';
    if (state !== 'ENABLED' && state !== 'DISABLED') throw invalid(`State must be ENABLED or DISABLED, got ${JSON.stringify(state)}`);
    const existing = service.store.getRule(bus.name, name);
    const rule: RuleRecord = {
      name,
      busName: bus.name,
      arn: service.store.ruleArn(bus.name, name),
      ...(eventPattern !== undefined ? { eventPattern } : {}),
      ...(scheduleExpression !== undefined ? { scheduleExpression } : {}),
      state,
      ...(typeof body.Description === 'string' ? { description: body.Description } : {}),
      ...(typeof body.RoleArn === 'string' ? { roleArn: body.RoleArn } : {}),
      targets: existing?.targets ?? [],
    };
    service.store.putRule(rule);
    service.ruleChanged(rule);
    await service.store.save();
    return { RuleArn: rule.arn };
  },
  DescribeRule: (service, body) => describeRule(existingRule(service, body)),
  ListRules: (service, body) => {
    const bus = existingBus(service, body.EventBusName);
    const prefix = typeof body.NamePrefix === 'string' ? body.NamePrefix : '';
    return { Rules: service.store.listRules(bus.name).filter((r) => r.name.startsWith(prefix)).map(describeRule) };
  },
  EnableRule: (service, body) => setState(service, body, 'ENABLED'),
  DisableRule: (service, body) => setState(service, body, 'DISABLED'),
  DeleteRule: async (service, body) => {
    const bus = existingBus(service, body.EventBusName);
    const rule = service.store.getRule(bus.name, requiredString(body, 'Name'));
    if (rule === undefined) return {};
    if (rule.targets.length > 0 && body.Force !== true) throw invalid("Rule can't be deleted since it has targets.");
    service.store.deleteRule(bus.name, rule.name);
    service.ruleRemoved(rule);
    await service.store.save();
    return {};
  },
  PutTargets: async (service, body) => {
    const rule = existingRule(service, body, 'Rule');
    if (!Array.isArray(body.Targets) || body.Targets.length === 0) throw invalid('Targets must contain between 1 and 10 targets.');
    const targets = new Map(rule.targets.map((t) => [t.Id ?? '', t]));
    for (const target of body.Targets as Target[]) {
      validateTarget(target);
      targets.set(target.Id ?? '', target);
    }
    if (targets.size > 5) throw new EventsApiError(400, 'LimitExceededException', `The requested resource exceeds the maximum number allowed: a rule has at most 5 targets.`);
    service.store.putRule({ ...rule, targets: [...targets.values()] });
    await service.store.save();
    return { FailedEntryCount: 0, FailedEntries: [] };
  },
  ListTargetsByRule: (service, body) => ({ Targets: existingRule(service, body, 'Rule').targets }),
  RemoveTargets: async (service, body) => {
    const rule = existingRule(service, body, 'Rule');
    const ids = Array.isArray(body.Ids) ? body.Ids.filter((id): id is string => typeof id === 'string') : [];
    service.store.putRule({ ...rule, targets: rule.targets.filter((t) => !ids.includes(t.Id ?? '')) });
    await service.store.save();
    return { FailedEntryCount: 0, FailedEntries: [] };
  },
  CreateArchive: async (service, body) => {
    const name = requiredString(body, 'ArchiveName');
    if (!/^[.\-_A-Za-z0-9]{1,48}$/.test(name)) throw invalid(`Archive name ${name} is not valid.`);
    const bus = existingBus(service, requiredString(body, 'EventSourceArn'));
    if (service.store.getArchive(name) !== undefined) throw new EventsApiError(400, 'ResourceAlreadyExistsException', `Archive ${name} already exists.`);
    const eventPattern = optionalString(body, 'EventPattern');
    if (eventPattern !== undefined) parseEventPattern(eventPattern);
    const retentionDays = body.RetentionDays ?? 0;
    if (typeof retentionDays !== 'number' || !Number.isInteger(retentionDays) || retentionDays < 0) throw invalid('RetentionDays must be an integer of 0 or more.');
    const archive: ArchiveRecord = {
      name,
      arn: service.store.archiveArn(name),
      eventSourceArn: bus.arn,
      ...(eventPattern !== undefined ? { eventPattern } : {}),
      ...(typeof body.Description === 'string' ? { description: body.Description } : {}),
      retentionDays,
      createdAt: service.context.clock.now(),
      eventCount: 0,
      sizeBytes: 0,
    };
    service.store.putArchive(archive);
    service.archiveChanged(archive);
    await service.store.save();
    return { ArchiveArn: archive.arn, State: 'ENABLED', CreationTime: archive.createdAt / 1000 };
  },
  DescribeArchive: (service, body) => {
    const archive = existingArchive(service, body);
    return { ...describeArchive(archive), ArchiveArn: archive.arn, ...(archive.description !== undefined ? { Description: archive.description } : {}), ...(archive.eventPattern !== undefined ? { EventPattern: archive.eventPattern } : {}) };
  },
  ListArchives: (service, body) => {
    const prefix = typeof body.NamePrefix === 'string' ? body.NamePrefix : '';
    const source = optionalString(body, 'EventSourceArn');
    return { Archives: service.store.listArchives().filter((a) => a.name.startsWith(prefix) && (source === undefined || a.eventSourceArn === source)).map(describeArchive) };
  },
  DeleteArchive: async (service, body) => {
    const archive = existingArchive(service, body);
    service.store.deleteArchive(archive.name);
    service.archiveRemoved(archive);
    await service.store.save();
    return {};
  },
  PutEvents: (service, body) => {
    const entries = body.Entries;
    if (!Array.isArray(entries) || entries.length === 0 || entries.length > 10) throw invalid('Entries must contain between 1 and 10 entries.');
    const results = entries.map((entry: unknown) => putEntry(service, isPlainObject(entry) ? entry : {}));
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  },
};

/**
 * One PutEvents entry: validated, turned into the delivered event and dispatched.
 * @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsRequestEntry.html
 */
function putEntry(service: EventsService, entry: Body): { EventId: string } | { ErrorCode: string; ErrorMessage: string } {
  const missing = ['Source', 'DetailType', 'Detail'].filter((field) => typeof entry[field] !== 'string' || entry[field] === '');
  if (missing.length > 0) return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter(s) ${missing.join(', ')} must be specified.` };
  const name = busName(entry.EventBusName);
  if (service.store.getBus(name) === undefined) return { ErrorCode: 'InvalidArgument', ErrorMessage: `Event bus ${name} does not exist.` };
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail as string);
  } catch {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  if (!isPlainObject(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  const time = typeof entry.Time === 'number' ? entry.Time * 1000 : service.context.clock.now();
  const event: EventBridgeEvent = {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.DetailType as string,
    source: entry.Source as string,
    account: service.context.accountId,
    time: eventTime(time),
    region: service.context.region,
    resources: Array.isArray(entry.Resources) ? entry.Resources.filter((r): r is string => typeof r === 'string') : [],
    detail,
  };
  service.dispatch(name, event);
  return { EventId: event.id };
}

async function setState(service: EventsService, body: Body, state: 'ENABLED' | 'DISABLED'): Promise<unknown> {
  const rule: RuleRecord = { ...existingRule(service, body), state };
  service.store.putRule(rule);
  service.ruleChanged(rule);
  await service.store.save();
  return {};
}

function describeRule(rule: RuleRecord): Record<string, unknown> {
  return {
    Name: rule.name,
    Arn: rule.arn,
    ...(rule.eventPattern !== undefined ? { EventPattern: rule.eventPattern } : {}),
    ...(rule.scheduleExpression !== undefined ? { ScheduleExpression: rule.scheduleExpression } : {}),
    State: rule.state,
    ...(rule.description !== undefined ? { Description: rule.description } : {}),
    ...(rule.roleArn !== undefined ? { RoleArn: rule.roleArn } : {}),
    EventBusName: rule.busName,
  };
}

/** The fields of an archive that ListArchives and DescribeArchive share. */
function describeArchive(archive: ArchiveRecord): Record<string, unknown> {
  return {
    ArchiveName: archive.name,
    EventSourceArn: archive.eventSourceArn,
    State: 'ENABLED',
    RetentionDays: archive.retentionDays,
    SizeBytes: archive.sizeBytes,
    EventCount: archive.eventCount,
    CreationTime: archive.createdAt / 1000,
  };
}

function existingArchive(service: EventsService, body: Body): ArchiveRecord {
  const name = requiredString(body, 'ArchiveName');
  const archive = service.store.getArchive(name);
  if (archive === undefined) throw notFound(`Archive ${name} does not exist.`);
  return archive;
}

function validateTarget(target: Target): void {
  if (typeof target.Id !== 'string' || !/^[.\-_A-Za-z0-9]{1,64}$/.test(target.Id)) throw invalid(`Target Id ${JSON.stringify(target.Id)} is not valid.`);
  if (typeof target.Arn !== 'string' || !target.Arn.startsWith('arn:')) throw invalid(`Target Arn ${JSON.stringify(target.Arn)} is not valid.`);
  const inputs = [target.Input, target.InputPath, target.InputTransformer].filter((v) => v !== undefined);
  if (inputs.length > 1) throw invalid('Only one of Input, InputPath, or InputTransformer must be provided.');
  if (target.Input !== undefined) {
    try {
      JSON.parse(target.Input);
    } catch {
      throw invalid(`Input for target ${target.Id} is not valid JSON text.`);
    }
  }
  if (target.InputPath !== undefined && !isValidJsonPath(target.InputPath)) throw invalid(`InputPath for target ${target.Id} is not valid.`);
  if (target.InputTransformer !== undefined) {
    if (typeof target.InputTransformer.InputTemplate !== 'string') throw invalid(`InputTemplate for target ${target.Id} must be specified.`);
    for (const [key, path] of Object.entries(target.InputTransformer.InputPathsMap ?? {})) {
      if (key.startsWith('aws.')) throw invalid(`InputPathsMap key ${key} is reserved.`);
      if (!isValidJsonPath(path)) throw invalid(`InputPathsMap path ${path} for target ${target.Id} is not valid.`);
    }
  }
}

/** A bus name from a name or an ARN; `default` when absent. */
function busName(value: unknown): string {
  if (typeof value !== 'string' || value === '') return 'default';
  const marker = value.indexOf(':event-bus/');
  return marker >= 0 ? value.slice(marker + ':event-bus/'.length) : value;
}

function existingBus(service: EventsService, value: unknown): { name: string; arn: string; description?: string; createdAt: number } {
  const name = busName(value);
  const bus = service.store.getBus(name);
  if (bus === undefined) throw notFound(`Event bus ${name} does not exist.`);
  return bus;
}

function existingRule(service: EventsService, body: Body, field = 'Name'): RuleRecord {
  const bus = existingBus(service, body.EventBusName);
  const name = requiredString(body, field);
  const rule = service.store.getRule(bus.name, name);
  if (rule === undefined) throw notFound(`Rule ${name} does not exist on EventBus ${bus.name}.`);
  return rule;
}

function requiredString(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw invalid(`1 validation error detected: Value at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must not be null`);
  return value;
}

function optionalString(body: Body, field: string): string | undefined {
  const value = body[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
